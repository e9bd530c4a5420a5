import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AdminClient as _clout_v1_AdminClient, AdminDefinition as _clout_v1_AdminDefinition } from './clout/v1/Admin';
import type { CheckpointRequest as _clout_v1_CheckpointRequest, CheckpointRequest__Output as _clout_v1_CheckpointRequest__Output } from './clout/v1/CheckpointRequest';
import type { CheckpointResponse as _clout_v1_CheckpointResponse, CheckpointResponse__Output as _clout_v1_CheckpointResponse__Output } from './clout/v1/CheckpointResponse';
import type { CompactRequest as _clout_v1_CompactRequest, CompactRequest__Output as _clout_v1_CompactRequest__Output } from './clout/v1/CompactRequest';
import type { CompactResponse as _clout_v1_CompactResponse, CompactResponse__Output as _clout_v1_CompactResponse__Output } from './clout/v1/CompactResponse';
import type { GetStatsRequest as _clout_v1_GetStatsRequest, GetStatsRequest__Output as _clout_v1_GetStatsRequest__Output } from './clout/v1/GetStatsRequest';
import type { GetStatsResponse as _clout_v1_GetStatsResponse, GetStatsResponse__Output as _clout_v1_GetStatsResponse__Output } from './clout/v1/GetStatsResponse';
import type { PluginLoadResult as _clout_v1_PluginLoadResult, PluginLoadResult__Output as _clout_v1_PluginLoadResult__Output } from './clout/v1/PluginLoadResult';
import type { PluginStats as _clout_v1_PluginStats, PluginStats__Output as _clout_v1_PluginStats__Output } from './clout/v1/PluginStats';
import type { ReloadPluginsRequest as _clout_v1_ReloadPluginsRequest, ReloadPluginsRequest__Output as _clout_v1_ReloadPluginsRequest__Output } from './clout/v1/ReloadPluginsRequest';
import type { ReloadPluginsResponse as _clout_v1_ReloadPluginsResponse, ReloadPluginsResponse__Output as _clout_v1_ReloadPluginsResponse__Output } from './clout/v1/ReloadPluginsResponse';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  clout: {
    v1: {
      Admin: SubtypeConstructor<typeof grpc.Client, _clout_v1_AdminClient> & { service: _clout_v1_AdminDefinition }
      CheckpointRequest: MessageTypeDefinition<_clout_v1_CheckpointRequest, _clout_v1_CheckpointRequest__Output>
      CheckpointResponse: MessageTypeDefinition<_clout_v1_CheckpointResponse, _clout_v1_CheckpointResponse__Output>
      CompactRequest: MessageTypeDefinition<_clout_v1_CompactRequest, _clout_v1_CompactRequest__Output>
      CompactResponse: MessageTypeDefinition<_clout_v1_CompactResponse, _clout_v1_CompactResponse__Output>
      GetStatsRequest: MessageTypeDefinition<_clout_v1_GetStatsRequest, _clout_v1_GetStatsRequest__Output>
      GetStatsResponse: MessageTypeDefinition<_clout_v1_GetStatsResponse, _clout_v1_GetStatsResponse__Output>
      PluginLoadResult: MessageTypeDefinition<_clout_v1_PluginLoadResult, _clout_v1_PluginLoadResult__Output>
      PluginStats: MessageTypeDefinition<_clout_v1_PluginStats, _clout_v1_PluginStats__Output>
      ReloadPluginsRequest: MessageTypeDefinition<_clout_v1_ReloadPluginsRequest, _clout_v1_ReloadPluginsRequest__Output>
      ReloadPluginsResponse: MessageTypeDefinition<_clout_v1_ReloadPluginsResponse, _clout_v1_ReloadPluginsResponse__Output>
    }
  }
}

