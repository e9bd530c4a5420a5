// Original file: clout/v1/metrics.proto

import type { RankEntry as _clout_v1_RankEntry, RankEntry__Output as _clout_v1_RankEntry__Output } from '../../clout/v1/RankEntry';

export interface RankResponse {
  'entries'?: (_clout_v1_RankEntry)[];
  'creatorsConsidered'?: (number);
  'creatorsSkipped'?: (number);
  'unit'?: (string);
}

export interface RankResponse__Output {
  'entries': (_clout_v1_RankEntry__Output)[];
  'creatorsConsidered': (number);
  'creatorsSkipped': (number);
  'unit': (string);
}
