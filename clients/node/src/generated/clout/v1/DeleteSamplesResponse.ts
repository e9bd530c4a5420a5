// Original file: clout/v1/ingest.proto

import type { Long } from '@grpc/proto-loader';

export interface DeleteSamplesResponse {
  'seriesAffected'?: (number | string | Long);
}

export interface DeleteSamplesResponse__Output {
  'seriesAffected': (string);
}
