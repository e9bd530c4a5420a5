// Original file: clout/v1/metrics.proto

import type { ParameterValue as _clout_v1_ParameterValue, ParameterValue__Output as _clout_v1_ParameterValue__Output } from '../../clout/v1/ParameterValue';
import type { Long } from '@grpc/proto-loader';

export interface ComputeBatchRequest {
  'metric'?: (string);
  'creatorIds'?: (string)[];
  'platform'?: (string);
  'labels'?: ({[key: string]: string});
  'startMs'?: (number | string | Long);
  'endMs'?: (number | string | Long);
  'parameters'?: ({[key: string]: _clout_v1_ParameterValue});
}

export interface ComputeBatchRequest__Output {
  'metric': (string);
  'creatorIds': (string)[];
  'platform': (string);
  'labels': ({[key: string]: string});
  'startMs': (string);
  'endMs': (string);
  'parameters': ({[key: string]: _clout_v1_ParameterValue__Output});
}
