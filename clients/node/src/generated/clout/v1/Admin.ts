// Original file: clout/v1/admin.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CheckpointRequest as _clout_v1_CheckpointRequest, CheckpointRequest__Output as _clout_v1_CheckpointRequest__Output } from '../../clout/v1/CheckpointRequest';
import type { CheckpointResponse as _clout_v1_CheckpointResponse, CheckpointResponse__Output as _clout_v1_CheckpointResponse__Output } from '../../clout/v1/CheckpointResponse';
import type { CompactRequest as _clout_v1_CompactRequest, CompactRequest__Output as _clout_v1_CompactRequest__Output } from '../../clout/v1/CompactRequest';
import type { CompactResponse as _clout_v1_CompactResponse, CompactResponse__Output as _clout_v1_CompactResponse__Output } from '../../clout/v1/CompactResponse';
import type { GetStatsRequest as _clout_v1_GetStatsRequest, GetStatsRequest__Output as _clout_v1_GetStatsRequest__Output } from '../../clout/v1/GetStatsRequest';
import type { GetStatsResponse as _clout_v1_GetStatsResponse, GetStatsResponse__Output as _clout_v1_GetStatsResponse__Output } from '../../clout/v1/GetStatsResponse';
import type { ReloadPluginsRequest as _clout_v1_ReloadPluginsRequest, ReloadPluginsRequest__Output as _clout_v1_ReloadPluginsRequest__Output } from '../../clout/v1/ReloadPluginsRequest';
import type { ReloadPluginsResponse as _clout_v1_ReloadPluginsResponse, ReloadPluginsResponse__Output as _clout_v1_ReloadPluginsResponse__Output } from '../../clout/v1/ReloadPluginsResponse';

export interface AdminClient extends grpc.Client {
  Checkpoint(argument: _clout_v1_CheckpointRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_CheckpointResponse__Output>): grpc.ClientUnaryCall;
  Checkpoint(argument: _clout_v1_CheckpointRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_CheckpointResponse__Output>): grpc.ClientUnaryCall;
  Checkpoint(argument: _clout_v1_CheckpointRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_CheckpointResponse__Output>): grpc.ClientUnaryCall;
  Checkpoint(argument: _clout_v1_CheckpointRequest, callback: grpc.requestCallback<_clout_v1_CheckpointResponse__Output>): grpc.ClientUnaryCall;
  checkpoint(argument: _clout_v1_CheckpointRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_CheckpointResponse__Output>): grpc.ClientUnaryCall;
  checkpoint(argument: _clout_v1_CheckpointRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_CheckpointResponse__Output>): grpc.ClientUnaryCall;
  checkpoint(argument: _clout_v1_CheckpointRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_CheckpointResponse__Output>): grpc.ClientUnaryCall;
  checkpoint(argument: _clout_v1_CheckpointRequest, callback: grpc.requestCallback<_clout_v1_CheckpointResponse__Output>): grpc.ClientUnaryCall;
  
  Compact(argument: _clout_v1_CompactRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_CompactResponse__Output>): grpc.ClientUnaryCall;
  Compact(argument: _clout_v1_CompactRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_CompactResponse__Output>): grpc.ClientUnaryCall;
  Compact(argument: _clout_v1_CompactRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_CompactResponse__Output>): grpc.ClientUnaryCall;
  Compact(argument: _clout_v1_CompactRequest, callback: grpc.requestCallback<_clout_v1_CompactResponse__Output>): grpc.ClientUnaryCall;
  compact(argument: _clout_v1_CompactRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_CompactResponse__Output>): grpc.ClientUnaryCall;
  compact(argument: _clout_v1_CompactRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_CompactResponse__Output>): grpc.ClientUnaryCall;
  compact(argument: _clout_v1_CompactRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_CompactResponse__Output>): grpc.ClientUnaryCall;
  compact(argument: _clout_v1_CompactRequest, callback: grpc.requestCallback<_clout_v1_CompactResponse__Output>): grpc.ClientUnaryCall;
  
  GetStats(argument: _clout_v1_GetStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _clout_v1_GetStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _clout_v1_GetStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _clout_v1_GetStatsRequest, callback: grpc.requestCallback<_clout_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _clout_v1_GetStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _clout_v1_GetStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _clout_v1_GetStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _clout_v1_GetStatsRequest, callback: grpc.requestCallback<_clout_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  
  ReloadPlugins(argument: _clout_v1_ReloadPluginsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ReloadPluginsResponse__Output>): grpc.ClientUnaryCall;
  ReloadPlugins(argument: _clout_v1_ReloadPluginsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_ReloadPluginsResponse__Output>): grpc.ClientUnaryCall;
  ReloadPlugins(argument: _clout_v1_ReloadPluginsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ReloadPluginsResponse__Output>): grpc.ClientUnaryCall;
  ReloadPlugins(argument: _clout_v1_ReloadPluginsRequest, callback: grpc.requestCallback<_clout_v1_ReloadPluginsResponse__Output>): grpc.ClientUnaryCall;
  reloadPlugins(argument: _clout_v1_ReloadPluginsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ReloadPluginsResponse__Output>): grpc.ClientUnaryCall;
  reloadPlugins(argument: _clout_v1_ReloadPluginsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_ReloadPluginsResponse__Output>): grpc.ClientUnaryCall;
  reloadPlugins(argument: _clout_v1_ReloadPluginsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ReloadPluginsResponse__Output>): grpc.ClientUnaryCall;
  reloadPlugins(argument: _clout_v1_ReloadPluginsRequest, callback: grpc.requestCallback<_clout_v1_ReloadPluginsResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AdminHandlers extends grpc.UntypedServiceImplementation {
  Checkpoint: grpc.handleUnaryCall<_clout_v1_CheckpointRequest__Output, _clout_v1_CheckpointResponse>;
  
  Compact: grpc.handleUnaryCall<_clout_v1_CompactRequest__Output, _clout_v1_CompactResponse>;
  
  GetStats: grpc.handleUnaryCall<_clout_v1_GetStatsRequest__Output, _clout_v1_GetStatsResponse>;
  
  ReloadPlugins: grpc.handleUnaryCall<_clout_v1_ReloadPluginsRequest__Output, _clout_v1_ReloadPluginsResponse>;
  
}

export interface AdminDefinition extends grpc.ServiceDefinition {
  Checkpoint: MethodDefinition<_clout_v1_CheckpointRequest, _clout_v1_CheckpointResponse, _clout_v1_CheckpointRequest__Output, _clout_v1_CheckpointResponse__Output>
  Compact: MethodDefinition<_clout_v1_CompactRequest, _clout_v1_CompactResponse, _clout_v1_CompactRequest__Output, _clout_v1_CompactResponse__Output>
  GetStats: MethodDefinition<_clout_v1_GetStatsRequest, _clout_v1_GetStatsResponse, _clout_v1_GetStatsRequest__Output, _clout_v1_GetStatsResponse__Output>
  ReloadPlugins: MethodDefinition<_clout_v1_ReloadPluginsRequest, _clout_v1_ReloadPluginsResponse, _clout_v1_ReloadPluginsRequest__Output, _clout_v1_ReloadPluginsResponse__Output>
}
