// Original file: clout/v1/admin.proto

import type { PluginStats as _clout_v1_PluginStats, PluginStats__Output as _clout_v1_PluginStats__Output } from '../../clout/v1/PluginStats';
import type { Long } from '@grpc/proto-loader';

export interface GetStatsResponse {
  'creators'?: (number | string | Long);
  'posts'?: (number | string | Long);
  'series'?: (number | string | Long);
  'samples'?: (number | string | Long);
  'bytesOnDisk'?: (number | string | Long);
  'sampleTableBytes'?: (number | string | Long);
  'serverVersion'?: (string);
  'uptimeSeconds'?: (number | string);
  'plugins'?: (_clout_v1_PluginStats)[];
}

export interface GetStatsResponse__Output {
  'creators': (string);
  'posts': (string);
  'series': (string);
  'samples': (string);
  'bytesOnDisk': (string);
  'sampleTableBytes': (string);
  'serverVersion': (string);
  'uptimeSeconds': (number);
  'plugins': (_clout_v1_PluginStats__Output)[];
}
