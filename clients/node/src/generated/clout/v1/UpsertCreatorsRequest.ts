// Original file: clout/v1/ingest.proto

import type { Creator as _clout_v1_Creator, Creator__Output as _clout_v1_Creator__Output } from '../../clout/v1/Creator';

export interface UpsertCreatorsRequest {
  'creators'?: (_clout_v1_Creator)[];
}

export interface UpsertCreatorsRequest__Output {
  'creators': (_clout_v1_Creator__Output)[];
}
