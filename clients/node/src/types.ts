// The public types of the client. Field names are the API's in camelCase.
// Every int64 of the API is a bigint in results; inputs take an Int64Like
// (bigint, safe-integer number or decimal string).
import type { Int64Like } from './int64';

/** Aggregations of readSeries (clout.v1.Aggregation). */
export type Aggregation =
  | 'AGGREGATION_NONE'
  | 'AGGREGATION_LAST'
  | 'AGGREGATION_FIRST'
  | 'AGGREGATION_MIN'
  | 'AGGREGATION_MAX'
  | 'AGGREGATION_SUM'
  | 'AGGREGATION_MEAN'
  | 'AGGREGATION_COUNT'
  | 'AGGREGATION_DELTA'
  | 'AGGREGATION_RATE';

/** Bits of a sample's flags (clout.v1.SampleFlag). */
export const SampleFlag = {
  NONE: 0,
  ESTIMATED: 1,
  BACKFILLED: 2,
  ROUNDED: 4,
} as const;

/** Per-call options. */
export interface CallOptions {
  /** Milliseconds the call may take; overrides the client's timeoutMs. */
  timeoutMs?: number;
  /** An absolute deadline; wins over timeoutMs. */
  deadline?: Date;
}

/** The samples of one series to write, as packed columns. */
export interface SeriesInput {
  creatorId: string;
  /** Empty or absent for the creator's account series. */
  postId?: string;
  field: string;
  /** ms since the epoch, UTC. */
  timestampsMs: Int64Like[];
  /** One per timestamp, >= 0. */
  values: Int64Like[];
  /** Empty: no flags; one element: for every sample; else one per sample. */
  flags?: number[];
}

/** The samples of one series as read back (exportSeries). */
export interface Series {
  creatorId: string;
  postId: string;
  field: string;
  timestampsMs: bigint[];
  values: bigint[];
  flags: number[];
}

/** Why one sample (sampleIndex >= 0) or a whole series (-1) was not stored. */
export interface Rejection {
  seriesIndex: number;
  sampleIndex: number;
  reason: string;
}

export interface WriteResult {
  accepted: bigint;
  rejected: bigint;
  rejections: Rejection[];
}

export interface WriteStreamResult {
  messages: bigint;
  accepted: bigint;
  rejected: bigint;
  /** At most 100; seriesIndex counts series from the start of the stream. */
  firstRejections: Rejection[];
}

export interface CreatorInput {
  creatorId: string;
  platform?: string;
  handle?: string;
  displayName?: string;
  labels?: Record<string, string>;
}

export interface Creator {
  creatorId: string;
  platform: string;
  handle: string;
  displayName: string;
  labels: Record<string, string>;
  createdMs: bigint;
  updatedMs: bigint;
}

export interface PostInput {
  creatorId: string;
  postId: string;
  /** ms since the epoch; 0 or absent if unknown. */
  publishedMs?: Int64Like;
  labels?: Record<string, string>;
}

export interface UpsertResult {
  created: number;
  updated: number;
}

export interface ReadSeriesRequest {
  creatorId: string;
  postId?: string;
  field: string;
  startMs?: Int64Like;
  /** Exclusive; 0 or absent: no upper bound. */
  endMs?: Int64Like;
  /** 0 or absent: raw samples. */
  stepMs?: Int64Like;
  aggregation?: Aggregation;
}

export interface SeriesData {
  timestampsMs: bigint[];
  /** Raw reads and integer aggregations. */
  values: bigint[];
  /** MEAN and RATE aggregations. */
  doubleValues: number[];
  flags: number[];
}

export interface ExportSeriesRequest {
  /** Empty or absent: every creator. */
  creatorId?: string;
  startMs?: Int64Like;
  endMs?: Int64Like;
}

export interface ListCreatorsRequest {
  pageSize?: number;
  pageToken?: string;
  platform?: string;
  labels?: Record<string, string>;
}

export interface CreatorPage {
  creators: Creator[];
  /** Empty on the last page. */
  nextPageToken: string;
}

export interface CreatorDetails {
  creator: Creator;
  accountFields: string[];
  postCount: bigint;
}

export type ParameterType = 'PARAMETER_TYPE_UNSPECIFIED' | 'PARAMETER_TYPE_INT' | 'PARAMETER_TYPE_DOUBLE' | 'PARAMETER_TYPE_BOOL' | 'PARAMETER_TYPE_ENUM';
export type OutputKind = 'OUTPUT_KIND_UNSPECIFIED' | 'OUTPUT_KIND_SCALAR' | 'OUTPUT_KIND_SERIES';

export interface ParameterSpec {
  name: string;
  description: string;
  type: ParameterType;
  defaultNumber: number;
  defaultChoice: string;
  min: number;
  max: number;
  choices: string[];
}

export interface MetricInfo {
  name: string;
  version: string;
  description: string;
  plugin: string;
  pluginVersion: string;
  pluginFile: string;
  outputKind: OutputKind;
  unit: string;
  threadSafe: boolean;
  accountFields: string[];
  postFields: string[];
  parameters: ParameterSpec[];
  variants: string[];
  rowColumns: string[];
}

/**
 * A metric parameter: a bigint or an integral number is sent as an integer,
 * any other number as a double, a boolean as a bool, a string as an enum
 * choice. `{ double: 2 }` forces a double.
 */
export type ParameterInput = bigint | number | boolean | string | { double: number };

/** A parameter as the server reports it (int parameters as bigint). */
export type ParameterOutput = bigint | number | boolean | string;

export interface ComputeRequest {
  metric: string;
  creatorId: string;
  startMs?: Int64Like;
  /** Exclusive; 0 or absent: now. */
  endMs?: Int64Like;
  parameters?: Record<string, ParameterInput>;
}

export interface Component {
  name: string;
  value: number;
  note: string;
}

export interface Row {
  key: string;
  timestampMs: bigint;
  /** Follow MetricResult.rowColumns; NaN: not available. */
  values: number[];
}

export interface Point {
  timestampMs: bigint;
  value: number;
}

export interface MetricResult {
  metric: string;
  metricVersion: string;
  creatorId: string;
  windowStartMs: bigint;
  windowEndMs: bigint;
  /** Scalar metrics: the value. */
  value: number;
  unit: string;
  variant: string;
  formula: string;
  components: Component[];
  rowColumns: string[];
  rows: Row[];
  points: Point[];
  parameters: Record<string, ParameterOutput>;
}

export interface ComputeBatchRequest {
  metric: string;
  /** Empty or absent: every creator matching platform and labels. */
  creatorIds?: string[];
  platform?: string;
  labels?: Record<string, string>;
  startMs?: Int64Like;
  endMs?: Int64Like;
  parameters?: Record<string, ParameterInput>;
}

export interface ComputeBatchItem {
  creatorId: string;
  /** Set when the computation succeeded. */
  result?: MetricResult;
  /** 0 on success, else a gRPC status code, with the reason. */
  errorCode: number;
  errorMessage: string;
}

export interface RankRequest {
  metric: string;
  /** 1..1000; 0 or absent: 10. */
  topK?: number;
  platform?: string;
  labels?: Record<string, string>;
  startMs?: Int64Like;
  endMs?: Int64Like;
  parameters?: Record<string, ParameterInput>;
  ascending?: boolean;
}

export interface RankEntry {
  rank: number;
  creatorId: string;
  value: number;
}

export interface RankResult {
  entries: RankEntry[];
  creatorsConsidered: number;
  creatorsSkipped: number;
  unit: string;
}

export interface PluginStats {
  plugin: string;
  pluginVersion: string;
  metric: string;
  metricVersion: string;
  file: string;
  calls: bigint;
  errors: bigint;
  meanLatencyUs: number;
  maxLatencyUs: number;
}

export interface Stats {
  creators: bigint;
  posts: bigint;
  series: bigint;
  samples: bigint;
  bytesOnDisk: bigint;
  sampleTableBytes: bigint;
  serverVersion: string;
  uptimeSeconds: number;
  plugins: PluginStats[];
}
