// Original file: clout/v1/query.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ExportSeriesRequest as _clout_v1_ExportSeriesRequest, ExportSeriesRequest__Output as _clout_v1_ExportSeriesRequest__Output } from '../../clout/v1/ExportSeriesRequest';
import type { GetCreatorRequest as _clout_v1_GetCreatorRequest, GetCreatorRequest__Output as _clout_v1_GetCreatorRequest__Output } from '../../clout/v1/GetCreatorRequest';
import type { GetCreatorResponse as _clout_v1_GetCreatorResponse, GetCreatorResponse__Output as _clout_v1_GetCreatorResponse__Output } from '../../clout/v1/GetCreatorResponse';
import type { ListCreatorsRequest as _clout_v1_ListCreatorsRequest, ListCreatorsRequest__Output as _clout_v1_ListCreatorsRequest__Output } from '../../clout/v1/ListCreatorsRequest';
import type { ListCreatorsResponse as _clout_v1_ListCreatorsResponse, ListCreatorsResponse__Output as _clout_v1_ListCreatorsResponse__Output } from '../../clout/v1/ListCreatorsResponse';
import type { ListPostsRequest as _clout_v1_ListPostsRequest, ListPostsRequest__Output as _clout_v1_ListPostsRequest__Output } from '../../clout/v1/ListPostsRequest';
import type { ListPostsResponse as _clout_v1_ListPostsResponse, ListPostsResponse__Output as _clout_v1_ListPostsResponse__Output } from '../../clout/v1/ListPostsResponse';
import type { ReadSeriesRequest as _clout_v1_ReadSeriesRequest, ReadSeriesRequest__Output as _clout_v1_ReadSeriesRequest__Output } from '../../clout/v1/ReadSeriesRequest';
import type { ReadSeriesResponse as _clout_v1_ReadSeriesResponse, ReadSeriesResponse__Output as _clout_v1_ReadSeriesResponse__Output } from '../../clout/v1/ReadSeriesResponse';
import type { SeriesSamples as _clout_v1_SeriesSamples, SeriesSamples__Output as _clout_v1_SeriesSamples__Output } from '../../clout/v1/SeriesSamples';

export interface QueryClient extends grpc.Client {
  ExportSeries(argument: _clout_v1_ExportSeriesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_clout_v1_SeriesSamples__Output>;
  ExportSeries(argument: _clout_v1_ExportSeriesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_clout_v1_SeriesSamples__Output>;
  exportSeries(argument: _clout_v1_ExportSeriesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_clout_v1_SeriesSamples__Output>;
  exportSeries(argument: _clout_v1_ExportSeriesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_clout_v1_SeriesSamples__Output>;
  
  GetCreator(argument: _clout_v1_GetCreatorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_GetCreatorResponse__Output>): grpc.ClientUnaryCall;
  GetCreator(argument: _clout_v1_GetCreatorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_GetCreatorResponse__Output>): grpc.ClientUnaryCall;
  GetCreator(argument: _clout_v1_GetCreatorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_GetCreatorResponse__Output>): grpc.ClientUnaryCall;
  GetCreator(argument: _clout_v1_GetCreatorRequest, callback: grpc.requestCallback<_clout_v1_GetCreatorResponse__Output>): grpc.ClientUnaryCall;
  getCreator(argument: _clout_v1_GetCreatorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_GetCreatorResponse__Output>): grpc.ClientUnaryCall;
  getCreator(argument: _clout_v1_GetCreatorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_GetCreatorResponse__Output>): grpc.ClientUnaryCall;
  getCreator(argument: _clout_v1_GetCreatorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_GetCreatorResponse__Output>): grpc.ClientUnaryCall;
  getCreator(argument: _clout_v1_GetCreatorRequest, callback: grpc.requestCallback<_clout_v1_GetCreatorResponse__Output>): grpc.ClientUnaryCall;
  
  ListCreators(argument: _clout_v1_ListCreatorsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ListCreatorsResponse__Output>): grpc.ClientUnaryCall;
  ListCreators(argument: _clout_v1_ListCreatorsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_ListCreatorsResponse__Output>): grpc.ClientUnaryCall;
  ListCreators(argument: _clout_v1_ListCreatorsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ListCreatorsResponse__Output>): grpc.ClientUnaryCall;
  ListCreators(argument: _clout_v1_ListCreatorsRequest, callback: grpc.requestCallback<_clout_v1_ListCreatorsResponse__Output>): grpc.ClientUnaryCall;
  listCreators(argument: _clout_v1_ListCreatorsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ListCreatorsResponse__Output>): grpc.ClientUnaryCall;
  listCreators(argument: _clout_v1_ListCreatorsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_ListCreatorsResponse__Output>): grpc.ClientUnaryCall;
  listCreators(argument: _clout_v1_ListCreatorsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ListCreatorsResponse__Output>): grpc.ClientUnaryCall;
  listCreators(argument: _clout_v1_ListCreatorsRequest, callback: grpc.requestCallback<_clout_v1_ListCreatorsResponse__Output>): grpc.ClientUnaryCall;
  
  ListPosts(argument: _clout_v1_ListPostsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ListPostsResponse__Output>): grpc.ClientUnaryCall;
  ListPosts(argument: _clout_v1_ListPostsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_ListPostsResponse__Output>): grpc.ClientUnaryCall;
  ListPosts(argument: _clout_v1_ListPostsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ListPostsResponse__Output>): grpc.ClientUnaryCall;
  ListPosts(argument: _clout_v1_ListPostsRequest, callback: grpc.requestCallback<_clout_v1_ListPostsResponse__Output>): grpc.ClientUnaryCall;
  listPosts(argument: _clout_v1_ListPostsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ListPostsResponse__Output>): grpc.ClientUnaryCall;
  listPosts(argument: _clout_v1_ListPostsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_ListPostsResponse__Output>): grpc.ClientUnaryCall;
  listPosts(argument: _clout_v1_ListPostsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ListPostsResponse__Output>): grpc.ClientUnaryCall;
  listPosts(argument: _clout_v1_ListPostsRequest, callback: grpc.requestCallback<_clout_v1_ListPostsResponse__Output>): grpc.ClientUnaryCall;
  
  ReadSeries(argument: _clout_v1_ReadSeriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ReadSeriesResponse__Output>): grpc.ClientUnaryCall;
  ReadSeries(argument: _clout_v1_ReadSeriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_ReadSeriesResponse__Output>): grpc.ClientUnaryCall;
  ReadSeries(argument: _clout_v1_ReadSeriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ReadSeriesResponse__Output>): grpc.ClientUnaryCall;
  ReadSeries(argument: _clout_v1_ReadSeriesRequest, callback: grpc.requestCallback<_clout_v1_ReadSeriesResponse__Output>): grpc.ClientUnaryCall;
  readSeries(argument: _clout_v1_ReadSeriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ReadSeriesResponse__Output>): grpc.ClientUnaryCall;
  readSeries(argument: _clout_v1_ReadSeriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_ReadSeriesResponse__Output>): grpc.ClientUnaryCall;
  readSeries(argument: _clout_v1_ReadSeriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_ReadSeriesResponse__Output>): grpc.ClientUnaryCall;
  readSeries(argument: _clout_v1_ReadSeriesRequest, callback: grpc.requestCallback<_clout_v1_ReadSeriesResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface QueryHandlers extends grpc.UntypedServiceImplementation {
  ExportSeries: grpc.handleServerStreamingCall<_clout_v1_ExportSeriesRequest__Output, _clout_v1_SeriesSamples>;
  
  GetCreator: grpc.handleUnaryCall<_clout_v1_GetCreatorRequest__Output, _clout_v1_GetCreatorResponse>;
  
  ListCreators: grpc.handleUnaryCall<_clout_v1_ListCreatorsRequest__Output, _clout_v1_ListCreatorsResponse>;
  
  ListPosts: grpc.handleUnaryCall<_clout_v1_ListPostsRequest__Output, _clout_v1_ListPostsResponse>;
  
  ReadSeries: grpc.handleUnaryCall<_clout_v1_ReadSeriesRequest__Output, _clout_v1_ReadSeriesResponse>;
  
}

export interface QueryDefinition extends grpc.ServiceDefinition {
  ExportSeries: MethodDefinition<_clout_v1_ExportSeriesRequest, _clout_v1_SeriesSamples, _clout_v1_ExportSeriesRequest__Output, _clout_v1_SeriesSamples__Output>
  GetCreator: MethodDefinition<_clout_v1_GetCreatorRequest, _clout_v1_GetCreatorResponse, _clout_v1_GetCreatorRequest__Output, _clout_v1_GetCreatorResponse__Output>
  ListCreators: MethodDefinition<_clout_v1_ListCreatorsRequest, _clout_v1_ListCreatorsResponse, _clout_v1_ListCreatorsRequest__Output, _clout_v1_ListCreatorsResponse__Output>
  ListPosts: MethodDefinition<_clout_v1_ListPostsRequest, _clout_v1_ListPostsResponse, _clout_v1_ListPostsRequest__Output, _clout_v1_ListPostsResponse__Output>
  ReadSeries: MethodDefinition<_clout_v1_ReadSeriesRequest, _clout_v1_ReadSeriesResponse, _clout_v1_ReadSeriesRequest__Output, _clout_v1_ReadSeriesResponse__Output>
}
