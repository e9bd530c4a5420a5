// Original file: clout/v1/metrics.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ComputeBatchItem as _clout_v1_ComputeBatchItem, ComputeBatchItem__Output as _clout_v1_ComputeBatchItem__Output } from '../../clout/v1/ComputeBatchItem';
import type { ComputeBatchRequest as _clout_v1_ComputeBatchRequest, ComputeBatchRequest__Output as _clout_v1_ComputeBatchRequest__Output } from '../../clout/v1/ComputeBatchRequest';
import type { ComputeRequest as _clout_v1_ComputeRequest, ComputeRequest__Output as _clout_v1_ComputeRequest__Output } from '../../clout/v1/ComputeRequest';
import type { ComputeResponse as _clout_v1_ComputeResponse, ComputeResponse__Output as _clout_v1_ComputeResponse__Output } from '../../clout/v1/ComputeResponse';
import type { ListMetricsRequest as _clout_v1_ListMetricsRequest, ListMetricsRequest__Output as _clout_v1_ListMetricsRequest__Output } from '../../clout/v1/ListMetricsRequest';
import type { ListMetricsResponse as _clout_v1_ListMetricsResponse, ListMetricsResponse__Output as _clout_v1_ListMetricsResponse__Output } from '../../clout/v1/ListMetricsResponse';
import type { RankRequest as _clout_v1_RankRequest, RankRequest__Output as _clout_v1_RankRequest__Output } from '../../clout/v1/RankRequest';
import type { RankResponse as _clout_v1_RankResponse, RankResponse__Output as _clout_v1_RankResponse__Output } from '../../clout/v1/RankResponse';

export interface MetricsClient extends grpc.Client {
  Compute(argument: _clout_v1_ComputeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ComputeResponse__Output>): grpc.ClientUnaryCall;
  Compute(argument: _clout_v1_ComputeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_ComputeResponse__Output>): grpc.ClientUnaryCall;
  Compute(argument: _clout_v1_ComputeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ComputeResponse__Output>): grpc.ClientUnaryCall;
  Compute(argument: _clout_v1_ComputeRequest, callback: grpc.requestCallback<_clout_v1_ComputeResponse__Output>): grpc.ClientUnaryCall;
  compute(argument: _clout_v1_ComputeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ComputeResponse__Output>): grpc.ClientUnaryCall;
  compute(argument: _clout_v1_ComputeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_ComputeResponse__Output>): grpc.ClientUnaryCall;
  compute(argument: _clout_v1_ComputeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ComputeResponse__Output>): grpc.ClientUnaryCall;
  compute(argument: _clout_v1_ComputeRequest, callback: grpc.requestCallback<_clout_v1_ComputeResponse__Output>): grpc.ClientUnaryCall;
  
  ComputeBatch(argument: _clout_v1_ComputeBatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_clout_v1_ComputeBatchItem__Output>;
  ComputeBatch(argument: _clout_v1_ComputeBatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_clout_v1_ComputeBatchItem__Output>;
  computeBatch(argument: _clout_v1_ComputeBatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_clout_v1_ComputeBatchItem__Output>;
  computeBatch(argument: _clout_v1_ComputeBatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_clout_v1_ComputeBatchItem__Output>;
  
  ListMetrics(argument: _clout_v1_ListMetricsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  ListMetrics(argument: _clout_v1_ListMetricsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  ListMetrics(argument: _clout_v1_ListMetricsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  ListMetrics(argument: _clout_v1_ListMetricsRequest, callback: grpc.requestCallback<_clout_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  listMetrics(argument: _clout_v1_ListMetricsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  listMetrics(argument: _clout_v1_ListMetricsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  listMetrics(argument: _clout_v1_ListMetricsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  listMetrics(argument: _clout_v1_ListMetricsRequest, callback: grpc.requestCallback<_clout_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  
  Rank(argument: _clout_v1_RankRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_RankResponse__Output>): grpc.ClientUnaryCall;
  Rank(argument: _clout_v1_RankRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_RankResponse__Output>): grpc.ClientUnaryCall;
  Rank(argument: _clout_v1_RankRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_RankResponse__Output>): grpc.ClientUnaryCall;
  Rank(argument: _clout_v1_RankRequest, callback: grpc.requestCallback<_clout_v1_RankResponse__Output>): grpc.ClientUnaryCall;
  rank(argument: _clout_v1_RankRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_RankResponse__Output>): grpc.ClientUnaryCall;
  rank(argument: _clout_v1_RankRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_RankResponse__Output>): grpc.ClientUnaryCall;
  rank(argument: _clout_v1_RankRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_RankResponse__Output>): grpc.ClientUnaryCall;
  rank(argument: _clout_v1_RankRequest, callback: grpc.requestCallback<_clout_v1_RankResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface MetricsHandlers extends grpc.UntypedServiceImplementation {
  Compute: grpc.handleUnaryCall<_clout_v1_ComputeRequest__Output, _clout_v1_ComputeResponse>;
  
  ComputeBatch: grpc.handleServerStreamingCall<_clout_v1_ComputeBatchRequest__Output, _clout_v1_ComputeBatchItem>;
  
  ListMetrics: grpc.handleUnaryCall<_clout_v1_ListMetricsRequest__Output, _clout_v1_ListMetricsResponse>;
  
  Rank: grpc.handleUnaryCall<_clout_v1_RankRequest__Output, _clout_v1_RankResponse>;
  
}

export interface MetricsDefinition extends grpc.ServiceDefinition {
  Compute: MethodDefinition<_clout_v1_ComputeRequest, _clout_v1_ComputeResponse, _clout_v1_ComputeRequest__Output, _clout_v1_ComputeResponse__Output>
  ComputeBatch: MethodDefinition<_clout_v1_ComputeBatchRequest, _clout_v1_ComputeBatchItem, _clout_v1_ComputeBatchRequest__Output, _clout_v1_ComputeBatchItem__Output>
  ListMetrics: MethodDefinition<_clout_v1_ListMetricsRequest, _clout_v1_ListMetricsResponse, _clout_v1_ListMetricsRequest__Output, _clout_v1_ListMetricsResponse__Output>
  Rank: MethodDefinition<_clout_v1_RankRequest, _clout_v1_RankResponse, _clout_v1_RankRequest__Output, _clout_v1_RankResponse__Output>
}
