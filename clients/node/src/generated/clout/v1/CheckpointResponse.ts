// Original file: clout/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface CheckpointResponse {
  'path'?: (string);
  'bytes'?: (number | string | Long);
}

export interface CheckpointResponse__Output {
  'path': (string);
  'bytes': (string);
}
