// Original file: clout/v1/metrics.proto

import type { ParameterType as _clout_v1_ParameterType, ParameterType__Output as _clout_v1_ParameterType__Output } from '../../clout/v1/ParameterType';

export interface ParameterSpec {
  'name'?: (string);
  'description'?: (string);
  'type'?: (_clout_v1_ParameterType);
  'defaultNumber'?: (number | string);
  'defaultChoice'?: (string);
  'min'?: (number | string);
  'max'?: (number | string);
  'choices'?: (string)[];
}

export interface ParameterSpec__Output {
  'name': (string);
  'description': (string);
  'type': (_clout_v1_ParameterType__Output);
  'defaultNumber': (number);
  'defaultChoice': (string);
  'min': (number);
  'max': (number);
  'choices': (string)[];
}
