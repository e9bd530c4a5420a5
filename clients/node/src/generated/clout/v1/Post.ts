// Original file: clout/v1/types.proto

import type { Long } from '@grpc/proto-loader';

export interface Post {
  'creatorId'?: (string);
  'postId'?: (string);
  'publishedMs'?: (number | string | Long);
  'labels'?: ({[key: string]: string});
  'createdMs'?: (number | string | Long);
  'updatedMs'?: (number | string | Long);
}

export interface Post__Output {
  'creatorId': (string);
  'postId': (string);
  'publishedMs': (string);
  'labels': ({[key: string]: string});
  'createdMs': (string);
  'updatedMs': (string);
}
