// Original file: clout/v1/query.proto

import type { Long } from '@grpc/proto-loader';

export interface ListPostsRequest {
  'creatorId'?: (string);
  'pageSize'?: (number);
  'pageToken'?: (string);
  'publishedAfterMs'?: (number | string | Long);
  'publishedBeforeMs'?: (number | string | Long);
}

export interface ListPostsRequest__Output {
  'creatorId': (string);
  'pageSize': (number);
  'pageToken': (string);
  'publishedAfterMs': (string);
  'publishedBeforeMs': (string);
}
