// Original file: clout/v1/metrics.proto

import type { Long } from '@grpc/proto-loader';

export interface Row {
  'key'?: (string);
  'timestampMs'?: (number | string | Long);
  'values'?: (number | string)[];
}

export interface Row__Output {
  'key': (string);
  'timestampMs': (string);
  'values': (number)[];
}
