// Original file: clout/v1/query.proto

import type { Creator as _clout_v1_Creator, Creator__Output as _clout_v1_Creator__Output } from '../../clout/v1/Creator';

export interface ListCreatorsResponse {
  'creators'?: (_clout_v1_Creator)[];
  'nextPageToken'?: (string);
}

export interface ListCreatorsResponse__Output {
  'creators': (_clout_v1_Creator__Output)[];
  'nextPageToken': (string);
}
