// Original file: clout/v1/ingest.proto

import type { Long } from '@grpc/proto-loader';

export interface DeleteCreatorResponse {
  'postsDeleted'?: (number | string | Long);
  'seriesDeleted'?: (number | string | Long);
}

export interface DeleteCreatorResponse__Output {
  'postsDeleted': (string);
  'seriesDeleted': (string);
}
