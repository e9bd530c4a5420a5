// Original file: clout/v1/metrics.proto

import type { MetricResult as _clout_v1_MetricResult, MetricResult__Output as _clout_v1_MetricResult__Output } from '../../clout/v1/MetricResult';

export interface ComputeBatchItem {
  'creatorId'?: (string);
  'result'?: (_clout_v1_MetricResult | null);
  'errorCode'?: (number);
  'errorMessage'?: (string);
}

export interface ComputeBatchItem__Output {
  'creatorId': (string);
  'result': (_clout_v1_MetricResult__Output | null);
  'errorCode': (number);
  'errorMessage': (string);
}
