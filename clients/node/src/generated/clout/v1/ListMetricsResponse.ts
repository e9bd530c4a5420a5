// Original file: clout/v1/metrics.proto

import type { MetricInfo as _clout_v1_MetricInfo, MetricInfo__Output as _clout_v1_MetricInfo__Output } from '../../clout/v1/MetricInfo';

export interface ListMetricsResponse {
  'metrics'?: (_clout_v1_MetricInfo)[];
}

export interface ListMetricsResponse__Output {
  'metrics': (_clout_v1_MetricInfo__Output)[];
}
