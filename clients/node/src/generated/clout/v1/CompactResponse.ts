// Original file: clout/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface CompactResponse {
  'bytesBefore'?: (number | string | Long);
  'bytesAfter'?: (number | string | Long);
  'seconds'?: (number | string);
}

export interface CompactResponse__Output {
  'bytesBefore': (string);
  'bytesAfter': (string);
  'seconds': (number);
}
