// Original file: clout/v1/metrics.proto

import type { Long } from '@grpc/proto-loader';

export interface Point {
  'timestampMs'?: (number | string | Long);
  'value'?: (number | string);
}

export interface Point__Output {
  'timestampMs': (string);
  'value': (number);
}
