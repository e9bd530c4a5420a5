// Original file: clout/v1/types.proto

import type { Long } from '@grpc/proto-loader';

export interface SeriesSamples {
  'creatorId'?: (string);
  'postId'?: (string);
  'field'?: (string);
  'timestampsMs'?: (number | string | Long)[];
  'values'?: (number | string | Long)[];
  'flags'?: (number)[];
}

export interface SeriesSamples__Output {
  'creatorId': (string);
  'postId': (string);
  'field': (string);
  'timestampsMs': (string)[];
  'values': (string)[];
  'flags': (number)[];
}
