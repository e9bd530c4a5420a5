// Original file: clout/v1/types.proto

import type { Long } from '@grpc/proto-loader';

export interface Creator {
  'creatorId'?: (string);
  'platform'?: (string);
  'handle'?: (string);
  'displayName'?: (string);
  'labels'?: ({[key: string]: string});
  'createdMs'?: (number | string | Long);
  'updatedMs'?: (number | string | Long);
}

export interface Creator__Output {
  'creatorId': (string);
  'platform': (string);
  'handle': (string);
  'displayName': (string);
  'labels': ({[key: string]: string});
  'createdMs': (string);
  'updatedMs': (string);
}
