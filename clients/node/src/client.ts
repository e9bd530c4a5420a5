import * as grpc from '@grpc/grpc-js';

import { loadServices } from './proto';
import { CloutError, toCloutError } from './errors';
import { int64FromWire, int64ToWire, type Int64Like } from './int64';
import type * as t from './types';

import type { AdminClient } from './generated/clout/v1/Admin';
import type { IngestClient } from './generated/clout/v1/Ingest';
import type { MetricsClient } from './generated/clout/v1/Metrics';
import type { QueryClient } from './generated/clout/v1/Query';
import type { SeriesSamples, SeriesSamples__Output } from './generated/clout/v1/SeriesSamples';
import type { Creator__Output } from './generated/clout/v1/Creator';
import type { Rejection__Output } from './generated/clout/v1/Rejection';
import type { MetricResult__Output } from './generated/clout/v1/MetricResult';
import type { MetricInfo__Output } from './generated/clout/v1/MetricInfo';
import type { ParameterValue, ParameterValue__Output } from './generated/clout/v1/ParameterValue';
import type { WriteStreamResponse__Output } from './generated/clout/v1/WriteStreamResponse';
import type { WriteResponse__Output } from './generated/clout/v1/WriteResponse';
import type { UpsertCreatorsResponse__Output } from './generated/clout/v1/UpsertCreatorsResponse';
import type { UpsertPostsResponse__Output } from './generated/clout/v1/UpsertPostsResponse';
import type { ReadSeriesResponse__Output } from './generated/clout/v1/ReadSeriesResponse';
import type { ListCreatorsResponse__Output } from './generated/clout/v1/ListCreatorsResponse';
import type { GetCreatorResponse__Output } from './generated/clout/v1/GetCreatorResponse';
import type { ListMetricsResponse__Output } from './generated/clout/v1/ListMetricsResponse';
import type { ComputeResponse__Output } from './generated/clout/v1/ComputeResponse';
import type { RankResponse__Output } from './generated/clout/v1/RankResponse';
import type { GetStatsResponse__Output } from './generated/clout/v1/GetStatsResponse';

export interface CloutClientOptions {
  /** Default: insecure (plaintext) credentials. */
  credentials?: grpc.ChannelCredentials;
  /** Default deadline of unary calls in ms (streams have none unless given per call). */
  timeoutMs?: number;
  /** Extra channel options for @grpc/grpc-js. */
  channelOptions?: grpc.ChannelOptions;
}

type UnaryStart<Res> = (md: grpc.Metadata, opts: grpc.CallOptions, cb: grpc.requestCallback<Res>) => grpc.ClientUnaryCall;

/** The default server address: $CLOUT_SERVER or 127.0.0.1:7420. */
export function defaultAddress(): string {
  return process.env.CLOUT_SERVER || '127.0.0.1:7420';
}

/**
 * A promise-based client of a cloutd server. One channel serves the four
 * services (Ingest, Query, Metrics, Admin). Every failure rejects with a
 * CloutError. Call close() when done, or the channel keeps Node running.
 */
export class CloutClient {
  readonly address: string;
  private readonly ingest: IngestClient;
  private readonly query: QueryClient;
  private readonly metrics: MetricsClient;
  private readonly admin: AdminClient;
  private readonly timeoutMs?: number;

  constructor(address: string = defaultAddress(), options: CloutClientOptions = {}) {
    const s = loadServices();
    const creds = options.credentials ?? grpc.credentials.createInsecure();
    this.address = address;
    this.timeoutMs = options.timeoutMs;
    this.ingest = new s.Ingest(address, creds, options.channelOptions);
    const shared = { ...options.channelOptions, channelOverride: this.ingest.getChannel() };
    this.query = new s.Query(address, creds, shared);
    this.metrics = new s.Metrics(address, creds, shared);
    this.admin = new s.Admin(address, creds, shared);
  }

  /** Closes the channel; calls in flight fail with CANCELLED. */
  close(): void {
    this.ingest.close();
  }

  /** Waits until the channel is connected (rejects with UNAVAILABLE after timeoutMs). */
  ready(timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ingest.waitForReady(Date.now() + timeoutMs, (err) =>
        err ? reject(new CloutError(grpc.status.UNAVAILABLE, `${this.address}: ${err.message}`, { cause: err })) : resolve(),
      );
    });
  }

  // ---- Ingest ----

  /**
   * Writes a batch of series. Resolves when every sample was stored. If any
   * sample is rejected, rejects with a CloutError (INVALID_ARGUMENT) whose
   * `rejections` name each rejected sample; the valid ones were stored.
   */
  async write(series: t.SeriesInput[], opts?: t.CallOptions): Promise<t.WriteResult> {
    const req = { series: series.map(seriesToWire) };
    const res = await this.unary<WriteResponse__Output>((m, o, cb) => this.ingest.write(req, m, o, cb), opts);
    return {
      accepted: int64FromWire(res.accepted),
      rejected: int64FromWire(res.rejected),
      rejections: res.rejections.map(rejection),
    };
  }

  /**
   * Streams batches (each an array of series, one WriteRequest message) from
   * a sync or async iterable, with flow control. Each message is validated
   * and stored as by write(); if any sample was rejected the promise rejects
   * at the end with a CloutError (INVALID_ARGUMENT) carrying the first 100
   * rejections (series indexes count from the start of the stream) and the
   * counts in `writeStreamResult`. If the call fails earlier (deadline,
   * server error) iteration of the source stops and the promise rejects.
   */
  async writeStream(batches: Iterable<t.SeriesInput[]> | AsyncIterable<t.SeriesInput[]>, opts?: t.CallOptions): Promise<t.WriteStreamResult> {
    let settled = false;
    let call!: grpc.ClientWritableStream<{ series: SeriesSamples[] }>;
    const result = new Promise<WriteStreamResponse__Output>((resolve, reject) => {
      call = this.ingest.writeStream(new grpc.Metadata(), this.callOptions(opts, false), (err, res) => {
        settled = true;
        if (err) reject(err);
        else resolve(res as WriteStreamResponse__Output);
      });
    });
    // Resolves (never rejects) when the call is over, to stop waiting on the source.
    const over = result.then((): typeof OVER => OVER, (): typeof OVER => OVER);
    const it: Iterator<t.SeriesInput[]> | AsyncIterator<t.SeriesInput[]> =
      Symbol.asyncIterator in batches ? (batches as AsyncIterable<t.SeriesInput[]>)[Symbol.asyncIterator]() : (batches as Iterable<t.SeriesInput[]>)[Symbol.iterator]();
    try {
      for (;;) {
        const pending = Promise.resolve(it.next());
        // If the call ends first, a later failure of the source is not ours to report.
        pending.catch(() => {});
        const next: IteratorResult<t.SeriesInput[]> | typeof OVER = await Promise.race([pending, over]);
        if (next === OVER) {
          void Promise.resolve(it.return?.()).catch(() => {});
          break;
        }
        if (next.done) {
          call.end();
          break;
        }
        const ok = call.write({ series: next.value.map(seriesToWire) });
        if (!ok && !settled) await Promise.race([new Promise((r) => call.once('drain', r)), over]);
      }
    } catch (e) {
      // The source failed (or a batch was not valid input): abandon the call.
      call.cancel();
      result.catch(() => {});
      throw e;
    }
    let res: WriteStreamResponse__Output;
    try {
      res = await result;
    } catch (e) {
      throw toCloutError(e);
    }
    return {
      messages: int64FromWire(res.messages),
      accepted: int64FromWire(res.accepted),
      rejected: int64FromWire(res.rejected),
      firstRejections: res.firstRejections.map(rejection),
    };
  }

  /** Creates or replaces creator records. */
  async upsertCreators(creators: t.CreatorInput[], opts?: t.CallOptions): Promise<t.UpsertResult> {
    const req = { creators: creators.map((c) => ({ creatorId: c.creatorId, platform: c.platform ?? '', handle: c.handle ?? '', displayName: c.displayName ?? '', labels: c.labels ?? {} })) };
    const res = await this.unary<UpsertCreatorsResponse__Output>((m, o, cb) => this.ingest.upsertCreators(req, m, o, cb), opts);
    return { created: res.created, updated: res.updated };
  }

  /** Creates or replaces post records; each post's creator must exist. */
  async upsertPosts(posts: t.PostInput[], opts?: t.CallOptions): Promise<t.UpsertResult> {
    const req = { posts: posts.map((p) => ({ creatorId: p.creatorId, postId: p.postId, publishedMs: int64ToWire(p.publishedMs ?? 0, 'publishedMs'), labels: p.labels ?? {} })) };
    const res = await this.unary<UpsertPostsResponse__Output>((m, o, cb) => this.ingest.upsertPosts(req, m, o, cb), opts);
    return { created: res.created, updated: res.updated };
  }

  // ---- Query ----

  /** Reads one series, raw or aggregated. NOT_FOUND if it was never written. */
  async readSeries(req: t.ReadSeriesRequest, opts?: t.CallOptions): Promise<t.SeriesData> {
    const wire = {
      creatorId: req.creatorId,
      postId: req.postId ?? '',
      field: req.field,
      startMs: int64ToWire(req.startMs ?? 0, 'startMs'),
      endMs: int64ToWire(req.endMs ?? 0, 'endMs'),
      stepMs: int64ToWire(req.stepMs ?? 0, 'stepMs'),
      aggregation: req.aggregation ?? 'AGGREGATION_NONE',
    };
    const res = await this.unary<ReadSeriesResponse__Output>((m, o, cb) => this.query.readSeries(wire, m, o, cb), opts);
    return {
      timestampsMs: res.timestampsMs.map(int64FromWire),
      values: res.values.map(int64FromWire),
      doubleValues: res.doubleValues,
      flags: res.flags,
    };
  }

  /**
   * Streams every series of one creator (or of the whole database) over a
   * time range. Breaking out of the loop cancels the call.
   */
  async *exportSeries(req: t.ExportSeriesRequest = {}, opts?: t.CallOptions): AsyncGenerator<t.Series, void, undefined> {
    const wire = { creatorId: req.creatorId ?? '', startMs: int64ToWire(req.startMs ?? 0, 'startMs'), endMs: int64ToWire(req.endMs ?? 0, 'endMs') };
    const call = this.query.exportSeries(wire, new grpc.Metadata(), this.callOptions(opts, false));
    yield* streamOf(call, seriesFromWire);
  }

  /** One page of creators in creator_id order. */
  async listCreators(req: t.ListCreatorsRequest = {}, opts?: t.CallOptions): Promise<t.CreatorPage> {
    const wire = { pageSize: req.pageSize ?? 0, pageToken: req.pageToken ?? '', platform: req.platform ?? '', labels: req.labels ?? {} };
    const res = await this.unary<ListCreatorsResponse__Output>((m, o, cb) => this.query.listCreators(wire, m, o, cb), opts);
    return { creators: res.creators.map(creatorFromWire), nextPageToken: res.nextPageToken };
  }

  /** One creator with its account fields. NOT_FOUND if there is no such creator. */
  async getCreator(creatorId: string, opts?: t.CallOptions): Promise<t.CreatorDetails> {
    const res = await this.unary<GetCreatorResponse__Output>((m, o, cb) => this.query.getCreator({ creatorId }, m, o, cb), opts);
    if (!res.creator) throw new CloutError(grpc.status.INTERNAL, 'GetCreator returned no creator');
    return { creator: creatorFromWire(res.creator), accountFields: res.accountFields, postCount: int64FromWire(res.postCount) };
  }

  // ---- Metrics ----

  /** The loaded metrics with their parameter schemas, sorted by name. */
  async listMetrics(opts?: t.CallOptions): Promise<t.MetricInfo[]> {
    const res = await this.unary<ListMetricsResponse__Output>((m, o, cb) => this.metrics.listMetrics({}, m, o, cb), opts);
    return res.metrics.map(metricInfoFromWire);
  }

  /** Computes one metric for one creator over [startMs, endMs). */
  async compute(req: t.ComputeRequest, opts?: t.CallOptions): Promise<t.MetricResult> {
    const wire = {
      metric: req.metric,
      creatorId: req.creatorId,
      startMs: int64ToWire(req.startMs ?? 0, 'startMs'),
      endMs: int64ToWire(req.endMs ?? 0, 'endMs'),
      parameters: parametersToWire(req.parameters),
    };
    const res = await this.unary<ComputeResponse__Output>((m, o, cb) => this.metrics.compute(wire, m, o, cb), opts);
    if (!res.result) throw new CloutError(grpc.status.INTERNAL, 'Compute returned no result');
    return metricResultFromWire(res.result);
  }

  /** Computes one metric for many creators, one item per creator as it is ready. */
  async *computeBatch(req: t.ComputeBatchRequest, opts?: t.CallOptions): AsyncGenerator<t.ComputeBatchItem, void, undefined> {
    const wire = {
      metric: req.metric,
      creatorIds: req.creatorIds ?? [],
      platform: req.platform ?? '',
      labels: req.labels ?? {},
      startMs: int64ToWire(req.startMs ?? 0, 'startMs'),
      endMs: int64ToWire(req.endMs ?? 0, 'endMs'),
      parameters: parametersToWire(req.parameters),
    };
    const call = this.metrics.computeBatch(wire, new grpc.Metadata(), this.callOptions(opts, false));
    yield* streamOf(call, (item) => ({
      creatorId: item.creatorId,
      result: item.result ? metricResultFromWire(item.result) : undefined,
      errorCode: item.errorCode,
      errorMessage: item.errorMessage,
    }));
  }

  /** The top K creators by a scalar metric. */
  async rank(req: t.RankRequest, opts?: t.CallOptions): Promise<t.RankResult> {
    const wire = {
      metric: req.metric,
      topK: req.topK ?? 0,
      platform: req.platform ?? '',
      labels: req.labels ?? {},
      startMs: int64ToWire(req.startMs ?? 0, 'startMs'),
      endMs: int64ToWire(req.endMs ?? 0, 'endMs'),
      parameters: parametersToWire(req.parameters),
      ascending: req.ascending ?? false,
    };
    const res = await this.unary<RankResponse__Output>((m, o, cb) => this.metrics.rank(wire, m, o, cb), opts);
    return {
      entries: res.entries.map((e) => ({ rank: e.rank, creatorId: e.creatorId, value: e.value })),
      creatorsConsidered: res.creatorsConsidered,
      creatorsSkipped: res.creatorsSkipped,
      unit: res.unit,
    };
  }

  // ---- Admin ----

  /** What is stored, the server's version and per-metric counters. */
  async stats(opts?: t.CallOptions): Promise<t.Stats> {
    const res = await this.unary<GetStatsResponse__Output>((m, o, cb) => this.admin.getStats({}, m, o, cb), opts);
    return {
      creators: int64FromWire(res.creators),
      posts: int64FromWire(res.posts),
      series: int64FromWire(res.series),
      samples: int64FromWire(res.samples),
      bytesOnDisk: int64FromWire(res.bytesOnDisk),
      sampleTableBytes: int64FromWire(res.sampleTableBytes),
      serverVersion: res.serverVersion,
      uptimeSeconds: res.uptimeSeconds,
      plugins: res.plugins.map((p) => ({
        plugin: p.plugin,
        pluginVersion: p.pluginVersion,
        metric: p.metric,
        metricVersion: p.metricVersion,
        file: p.file,
        calls: int64FromWire(p.calls),
        errors: int64FromWire(p.errors),
        meanLatencyUs: p.meanLatencyUs,
        maxLatencyUs: p.maxLatencyUs,
      })),
    };
  }

  // ---- plumbing ----

  private callOptions(opts: t.CallOptions | undefined, unary: boolean): grpc.CallOptions {
    if (opts?.deadline) return { deadline: opts.deadline };
    const ms = opts?.timeoutMs ?? (unary ? this.timeoutMs : undefined);
    return ms === undefined ? {} : { deadline: Date.now() + ms };
  }

  private unary<Res>(start: UnaryStart<Res>, opts: t.CallOptions | undefined): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      start(new grpc.Metadata(), this.callOptions(opts, true), (err, res) => {
        if (err) reject(toCloutError(err));
        else if (res === undefined) reject(new CloutError(grpc.status.INTERNAL, 'empty response'));
        else resolve(res);
      });
    });
  }
}

const OVER = Symbol('over');

async function* streamOf<W, T>(call: grpc.ClientReadableStream<W>, convert: (w: W) => T): AsyncGenerator<T, void, undefined> {
  let finished = false;
  try {
    for await (const msg of call as AsyncIterable<W>) yield convert(msg);
    finished = true;
  } catch (e) {
    finished = true;
    throw toCloutError(e);
  } finally {
    // The consumer stopped early: end the call on the server too.
    if (!finished) call.cancel();
  }
}

function rejection(r: Rejection__Output): t.Rejection {
  return { seriesIndex: r.seriesIndex, sampleIndex: r.sampleIndex, reason: r.reason };
}

function seriesToWire(s: t.SeriesInput, i: number): SeriesSamples {
  if (s.timestampsMs.length !== s.values.length) {
    // The server would reject it too; say so before sending.
    throw new RangeError(`series[${i}]: ${s.timestampsMs.length} timestamps but ${s.values.length} values`);
  }
  return {
    creatorId: s.creatorId,
    postId: s.postId ?? '',
    field: s.field,
    timestampsMs: s.timestampsMs.map((v, j) => int64ToWire(v, `series[${i}].timestampsMs[${j}]`)),
    values: s.values.map((v, j) => int64ToWire(v, `series[${i}].values[${j}]`)),
    flags: s.flags ?? [],
  };
}

function seriesFromWire(s: SeriesSamples__Output): t.Series {
  return {
    creatorId: s.creatorId,
    postId: s.postId,
    field: s.field,
    timestampsMs: s.timestampsMs.map(int64FromWire),
    values: s.values.map(int64FromWire),
    flags: s.flags,
  };
}

function creatorFromWire(c: Creator__Output): t.Creator {
  return {
    creatorId: c.creatorId,
    platform: c.platform,
    handle: c.handle,
    displayName: c.displayName,
    labels: { ...c.labels },
    createdMs: int64FromWire(c.createdMs),
    updatedMs: int64FromWire(c.updatedMs),
  };
}

function metricInfoFromWire(m: MetricInfo__Output): t.MetricInfo {
  return {
    name: m.name,
    version: m.version,
    description: m.description,
    plugin: m.plugin,
    pluginVersion: m.pluginVersion,
    pluginFile: m.pluginFile,
    outputKind: m.outputKind as t.OutputKind,
    unit: m.unit,
    threadSafe: m.threadSafe,
    accountFields: m.accountFields,
    postFields: m.postFields,
    parameters: m.parameters.map((p) => ({
      name: p.name,
      description: p.description,
      type: p.type as t.ParameterType,
      defaultNumber: p.defaultNumber,
      defaultChoice: p.defaultChoice,
      min: p.min,
      max: p.max,
      choices: p.choices,
    })),
    variants: m.variants,
    rowColumns: m.rowColumns,
  };
}

function parametersToWire(params: Record<string, t.ParameterInput> | undefined): Record<string, ParameterValue> {
  const out: Record<string, ParameterValue> = {};
  for (const [name, v] of Object.entries(params ?? {})) {
    if (typeof v === 'bigint') out[name] = { intValue: int64ToWire(v, name) };
    else if (typeof v === 'number') out[name] = Number.isSafeInteger(v) ? { intValue: int64ToWire(v, name) } : { doubleValue: v };
    else if (typeof v === 'boolean') out[name] = { boolValue: v };
    else if (typeof v === 'string') out[name] = { choice: v };
    else if (typeof v === 'object' && v !== null && typeof v.double === 'number') out[name] = { doubleValue: v.double };
    else throw new TypeError(`parameter ${name}: unsupported value ${String(v)}`);
  }
  return out;
}

function parameterFromWire(p: ParameterValue__Output): t.ParameterOutput {
  switch (p.kind) {
    case 'intValue':
      return int64FromWire(p.intValue);
    case 'doubleValue':
      return p.doubleValue ?? 0;
    case 'boolValue':
      return p.boolValue ?? false;
    default:
      return p.choice ?? '';
  }
}

function metricResultFromWire(r: MetricResult__Output): t.MetricResult {
  const parameters: Record<string, t.ParameterOutput> = {};
  for (const [k, v] of Object.entries(r.parameters)) parameters[k] = parameterFromWire(v);
  return {
    metric: r.metric,
    metricVersion: r.metricVersion,
    creatorId: r.creatorId,
    windowStartMs: int64FromWire(r.windowStartMs),
    windowEndMs: int64FromWire(r.windowEndMs),
    value: r.value,
    unit: r.unit,
    variant: r.variant,
    formula: r.formula,
    components: r.components.map((c) => ({ name: c.name, value: c.value, note: c.note })),
    rowColumns: r.rowColumns,
    rows: r.rows.map((row) => ({ key: row.key, timestampMs: int64FromWire(row.timestampMs), values: row.values })),
    points: r.points.map((p) => ({ timestampMs: int64FromWire(p.timestampMs), value: p.value })),
    parameters,
  };
}

export type { Int64Like };
