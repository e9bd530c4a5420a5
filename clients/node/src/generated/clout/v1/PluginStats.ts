// Original file: clout/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface PluginStats {
  'plugin'?: (string);
  'pluginVersion'?: (string);
  'metric'?: (string);
  'metricVersion'?: (string);
  'file'?: (string);
  'calls'?: (number | string | Long);
  'errors'?: (number | string | Long);
  'meanLatencyUs'?: (number | string);
  'maxLatencyUs'?: (number | string);
}

export interface PluginStats__Output {
  'plugin': (string);
  'pluginVersion': (string);
  'metric': (string);
  'metricVersion': (string);
  'file': (string);
  'calls': (string);
  'errors': (string);
  'meanLatencyUs': (number);
  'maxLatencyUs': (number);
}
