// Original file: clout/v1/admin.proto


export interface PluginLoadResult {
  'file'?: (string);
  'loaded'?: (boolean);
  'error'?: (string);
  'plugin'?: (string);
  'pluginVersion'?: (string);
  'metrics'?: (string)[];
}

export interface PluginLoadResult__Output {
  'file': (string);
  'loaded': (boolean);
  'error': (string);
  'plugin': (string);
  'pluginVersion': (string);
  'metrics': (string)[];
}
