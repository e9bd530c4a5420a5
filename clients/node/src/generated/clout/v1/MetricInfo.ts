// Original file: clout/v1/metrics.proto

import type { OutputKind as _clout_v1_OutputKind, OutputKind__Output as _clout_v1_OutputKind__Output } from '../../clout/v1/OutputKind';
import type { ParameterSpec as _clout_v1_ParameterSpec, ParameterSpec__Output as _clout_v1_ParameterSpec__Output } from '../../clout/v1/ParameterSpec';

export interface MetricInfo {
  'name'?: (string);
  'version'?: (string);
  'description'?: (string);
  'plugin'?: (string);
  'pluginVersion'?: (string);
  'pluginFile'?: (string);
  'outputKind'?: (_clout_v1_OutputKind);
  'unit'?: (string);
  'threadSafe'?: (boolean);
  'accountFields'?: (string)[];
  'postFields'?: (string)[];
  'parameters'?: (_clout_v1_ParameterSpec)[];
  'variants'?: (string)[];
  'rowColumns'?: (string)[];
}

export interface MetricInfo__Output {
  'name': (string);
  'version': (string);
  'description': (string);
  'plugin': (string);
  'pluginVersion': (string);
  'pluginFile': (string);
  'outputKind': (_clout_v1_OutputKind__Output);
  'unit': (string);
  'threadSafe': (boolean);
  'accountFields': (string)[];
  'postFields': (string)[];
  'parameters': (_clout_v1_ParameterSpec__Output)[];
  'variants': (string)[];
  'rowColumns': (string)[];
}
