// Original file: clout/v1/metrics.proto

import type { MetricResult as _clout_v1_MetricResult, MetricResult__Output as _clout_v1_MetricResult__Output } from '../../clout/v1/MetricResult';

export interface ComputeResponse {
  'result'?: (_clout_v1_MetricResult | null);
}

export interface ComputeResponse__Output {
  'result': (_clout_v1_MetricResult__Output | null);
}
