// Original file: clout/v1/query.proto

import type { Long } from '@grpc/proto-loader';

export interface ReadSeriesResponse {
  'timestampsMs'?: (number | string | Long)[];
  'values'?: (number | string | Long)[];
  'doubleValues'?: (number | string)[];
  'flags'?: (number)[];
}

export interface ReadSeriesResponse__Output {
  'timestampsMs': (string)[];
  'values': (string)[];
  'doubleValues': (number)[];
  'flags': (number)[];
}
