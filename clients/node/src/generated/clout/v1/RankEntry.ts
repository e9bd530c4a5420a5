// Original file: clout/v1/metrics.proto


export interface RankEntry {
  'rank'?: (number);
  'creatorId'?: (string);
  'value'?: (number | string);
}

export interface RankEntry__Output {
  'rank': (number);
  'creatorId': (string);
  'value': (number);
}
