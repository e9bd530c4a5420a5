// Original file: clout/v1/admin.proto

import type { PluginLoadResult as _clout_v1_PluginLoadResult, PluginLoadResult__Output as _clout_v1_PluginLoadResult__Output } from '../../clout/v1/PluginLoadResult';

export interface ReloadPluginsResponse {
  'files'?: (_clout_v1_PluginLoadResult)[];
  'metrics'?: (number);
}

export interface ReloadPluginsResponse__Output {
  'files': (_clout_v1_PluginLoadResult__Output)[];
  'metrics': (number);
}
