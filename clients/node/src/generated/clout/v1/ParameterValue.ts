// Original file: clout/v1/metrics.proto

import type { Long } from '@grpc/proto-loader';

export interface ParameterValue {
  'intValue'?: (number | string | Long);
  'doubleValue'?: (number | string);
  'boolValue'?: (boolean);
  'choice'?: (string);
  'kind'?: "intValue"|"doubleValue"|"boolValue"|"choice";
}

export interface ParameterValue__Output {
  'intValue'?: (string);
  'doubleValue'?: (number);
  'boolValue'?: (boolean);
  'choice'?: (string);
  'kind'?: "intValue"|"doubleValue"|"boolValue"|"choice";
}
