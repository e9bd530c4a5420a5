// Original file: clout/v1/query.proto

import type { Creator as _clout_v1_Creator, Creator__Output as _clout_v1_Creator__Output } from '../../clout/v1/Creator';
import type { Long } from '@grpc/proto-loader';

export interface GetCreatorResponse {
  'creator'?: (_clout_v1_Creator | null);
  'accountFields'?: (string)[];
  'postCount'?: (number | string | Long);
}

export interface GetCreatorResponse__Output {
  'creator': (_clout_v1_Creator__Output | null);
  'accountFields': (string)[];
  'postCount': (string);
}
