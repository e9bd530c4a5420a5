// Original file: clout/v1/query.proto

import type { Aggregation as _clout_v1_Aggregation, Aggregation__Output as _clout_v1_Aggregation__Output } from '../../clout/v1/Aggregation';
import type { Long } from '@grpc/proto-loader';

export interface ReadSeriesRequest {
  'creatorId'?: (string);
  'postId'?: (string);
  'field'?: (string);
  'startMs'?: (number | string | Long);
  'endMs'?: (number | string | Long);
  'stepMs'?: (number | string | Long);
  'aggregation'?: (_clout_v1_Aggregation);
}

export interface ReadSeriesRequest__Output {
  'creatorId': (string);
  'postId': (string);
  'field': (string);
  'startMs': (string);
  'endMs': (string);
  'stepMs': (string);
  'aggregation': (_clout_v1_Aggregation__Output);
}
