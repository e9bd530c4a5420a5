// Original file: clout/v1/ingest.proto

import type { Long } from '@grpc/proto-loader';

export interface DeleteSamplesRequest {
  'creatorId'?: (string);
  'postId'?: (string);
  'field'?: (string);
  'allEntities'?: (boolean);
  'startMs'?: (number | string | Long);
  'endMs'?: (number | string | Long);
}

export interface DeleteSamplesRequest__Output {
  'creatorId': (string);
  'postId': (string);
  'field': (string);
  'allEntities': (boolean);
  'startMs': (string);
  'endMs': (string);
}
