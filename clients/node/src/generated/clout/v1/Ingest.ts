// Original file: clout/v1/ingest.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DeleteCreatorRequest as _clout_v1_DeleteCreatorRequest, DeleteCreatorRequest__Output as _clout_v1_DeleteCreatorRequest__Output } from '../../clout/v1/DeleteCreatorRequest';
import type { DeleteCreatorResponse as _clout_v1_DeleteCreatorResponse, DeleteCreatorResponse__Output as _clout_v1_DeleteCreatorResponse__Output } from '../../clout/v1/DeleteCreatorResponse';
import type { DeleteSamplesRequest as _clout_v1_DeleteSamplesRequest, DeleteSamplesRequest__Output as _clout_v1_DeleteSamplesRequest__Output } from '../../clout/v1/DeleteSamplesRequest';
import type { DeleteSamplesResponse as _clout_v1_DeleteSamplesResponse, DeleteSamplesResponse__Output as _clout_v1_DeleteSamplesResponse__Output } from '../../clout/v1/DeleteSamplesResponse';
import type { UpsertCreatorsRequest as _clout_v1_UpsertCreatorsRequest, UpsertCreatorsRequest__Output as _clout_v1_UpsertCreatorsRequest__Output } from '../../clout/v1/UpsertCreatorsRequest';
import type { UpsertCreatorsResponse as _clout_v1_UpsertCreatorsResponse, UpsertCreatorsResponse__Output as _clout_v1_UpsertCreatorsResponse__Output } from '../../clout/v1/UpsertCreatorsResponse';
import type { UpsertPostsRequest as _clout_v1_UpsertPostsRequest, UpsertPostsRequest__Output as _clout_v1_UpsertPostsRequest__Output } from '../../clout/v1/UpsertPostsRequest';
import type { UpsertPostsResponse as _clout_v1_UpsertPostsResponse, UpsertPostsResponse__Output as _clout_v1_UpsertPostsResponse__Output } from '../../clout/v1/UpsertPostsResponse';
import type { WriteRequest as _clout_v1_WriteRequest, WriteRequest__Output as _clout_v1_WriteRequest__Output } from '../../clout/v1/WriteRequest';
import type { WriteResponse as _clout_v1_WriteResponse, WriteResponse__Output as _clout_v1_WriteResponse__Output } from '../../clout/v1/WriteResponse';
import type { WriteStreamResponse as _clout_v1_WriteStreamResponse, WriteStreamResponse__Output as _clout_v1_WriteStreamResponse__Output } from '../../clout/v1/WriteStreamResponse';

export interface IngestClient extends grpc.Client {
  DeleteCreator(argument: _clout_v1_DeleteCreatorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_DeleteCreatorResponse__Output>): grpc.ClientUnaryCall;
  DeleteCreator(argument: _clout_v1_DeleteCreatorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_DeleteCreatorResponse__Output>): grpc.ClientUnaryCall;
  DeleteCreator(argument: _clout_v1_DeleteCreatorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_DeleteCreatorResponse__Output>): grpc.ClientUnaryCall;
  DeleteCreator(argument: _clout_v1_DeleteCreatorRequest, callback: grpc.requestCallback<_clout_v1_DeleteCreatorResponse__Output>): grpc.ClientUnaryCall;
  deleteCreator(argument: _clout_v1_DeleteCreatorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_DeleteCreatorResponse__Output>): grpc.ClientUnaryCall;
  deleteCreator(argument: _clout_v1_DeleteCreatorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_DeleteCreatorResponse__Output>): grpc.ClientUnaryCall;
  deleteCreator(argument: _clout_v1_DeleteCreatorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_DeleteCreatorResponse__Output>): grpc.ClientUnaryCall;
  deleteCreator(argument: _clout_v1_DeleteCreatorRequest, callback: grpc.requestCallback<_clout_v1_DeleteCreatorResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteSamples(argument: _clout_v1_DeleteSamplesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_DeleteSamplesResponse__Output>): grpc.ClientUnaryCall;
  DeleteSamples(argument: _clout_v1_DeleteSamplesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_DeleteSamplesResponse__Output>): grpc.ClientUnaryCall;
  DeleteSamples(argument: _clout_v1_DeleteSamplesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_DeleteSamplesResponse__Output>): grpc.ClientUnaryCall;
  DeleteSamples(argument: _clout_v1_DeleteSamplesRequest, callback: grpc.requestCallback<_clout_v1_DeleteSamplesResponse__Output>): grpc.ClientUnaryCall;
  deleteSamples(argument: _clout_v1_DeleteSamplesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_DeleteSamplesResponse__Output>): grpc.ClientUnaryCall;
  deleteSamples(argument: _clout_v1_DeleteSamplesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_DeleteSamplesResponse__Output>): grpc.ClientUnaryCall;
  deleteSamples(argument: _clout_v1_DeleteSamplesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_DeleteSamplesResponse__Output>): grpc.ClientUnaryCall;
  deleteSamples(argument: _clout_v1_DeleteSamplesRequest, callback: grpc.requestCallback<_clout_v1_DeleteSamplesResponse__Output>): grpc.ClientUnaryCall;
  
  UpsertCreators(argument: _clout_v1_UpsertCreatorsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_UpsertCreatorsResponse__Output>): grpc.ClientUnaryCall;
  UpsertCreators(argument: _clout_v1_UpsertCreatorsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_UpsertCreatorsResponse__Output>): grpc.ClientUnaryCall;
  UpsertCreators(argument: _clout_v1_UpsertCreatorsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_UpsertCreatorsResponse__Output>): grpc.ClientUnaryCall;
  UpsertCreators(argument: _clout_v1_UpsertCreatorsRequest, callback: grpc.requestCallback<_clout_v1_UpsertCreatorsResponse__Output>): grpc.ClientUnaryCall;
  upsertCreators(argument: _clout_v1_UpsertCreatorsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_UpsertCreatorsResponse__Output>): grpc.ClientUnaryCall;
  upsertCreators(argument: _clout_v1_UpsertCreatorsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_UpsertCreatorsResponse__Output>): grpc.ClientUnaryCall;
  upsertCreators(argument: _clout_v1_UpsertCreatorsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_UpsertCreatorsResponse__Output>): grpc.ClientUnaryCall;
  upsertCreators(argument: _clout_v1_UpsertCreatorsRequest, callback: grpc.requestCallback<_clout_v1_UpsertCreatorsResponse__Output>): grpc.ClientUnaryCall;
  
  UpsertPosts(argument: _clout_v1_UpsertPostsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_UpsertPostsResponse__Output>): grpc.ClientUnaryCall;
  UpsertPosts(argument: _clout_v1_UpsertPostsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_UpsertPostsResponse__Output>): grpc.ClientUnaryCall;
  UpsertPosts(argument: _clout_v1_UpsertPostsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_UpsertPostsResponse__Output>): grpc.ClientUnaryCall;
  UpsertPosts(argument: _clout_v1_UpsertPostsRequest, callback: grpc.requestCallback<_clout_v1_UpsertPostsResponse__Output>): grpc.ClientUnaryCall;
  upsertPosts(argument: _clout_v1_UpsertPostsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_UpsertPostsResponse__Output>): grpc.ClientUnaryCall;
  upsertPosts(argument: _clout_v1_UpsertPostsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_UpsertPostsResponse__Output>): grpc.ClientUnaryCall;
  upsertPosts(argument: _clout_v1_UpsertPostsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_UpsertPostsResponse__Output>): grpc.ClientUnaryCall;
  upsertPosts(argument: _clout_v1_UpsertPostsRequest, callback: grpc.requestCallback<_clout_v1_UpsertPostsResponse__Output>): grpc.ClientUnaryCall;
  
  Write(argument: _clout_v1_WriteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  Write(argument: _clout_v1_WriteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  Write(argument: _clout_v1_WriteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  Write(argument: _clout_v1_WriteRequest, callback: grpc.requestCallback<_clout_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  write(argument: _clout_v1_WriteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  write(argument: _clout_v1_WriteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  write(argument: _clout_v1_WriteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  write(argument: _clout_v1_WriteRequest, callback: grpc.requestCallback<_clout_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  
  WriteStream(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_WriteStreamResponse__Output>): grpc.ClientWritableStream<_clout_v1_WriteRequest>;
  WriteStream(metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_WriteStreamResponse__Output>): grpc.ClientWritableStream<_clout_v1_WriteRequest>;
  WriteStream(options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_WriteStreamResponse__Output>): grpc.ClientWritableStream<_clout_v1_WriteRequest>;
  WriteStream(callback: grpc.requestCallback<_clout_v1_WriteStreamResponse__Output>): grpc.ClientWritableStream<_clout_v1_WriteRequest>;
  writeStream(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_WriteStreamResponse__Output>): grpc.ClientWritableStream<_clout_v1_WriteRequest>;
  writeStream(metadata: grpc.Metadata, callback: grpc.requestCallback<_clout_v1_WriteStreamResponse__Output>): grpc.ClientWritableStream<_clout_v1_WriteRequest>;
  writeStream(options: grpc.CallOptions, callback: grpc.requestCallback<_clout_v1_WriteStreamResponse__Output>): grpc.ClientWritableStream<_clout_v1_WriteRequest>;
  writeStream(callback: grpc.requestCallback<_clout_v1_WriteStreamResponse__Output>): grpc.ClientWritableStream<_clout_v1_WriteRequest>;
  
}

export interface IngestHandlers extends grpc.UntypedServiceImplementation {
  DeleteCreator: grpc.handleUnaryCall<_clout_v1_DeleteCreatorRequest__Output, _clout_v1_DeleteCreatorResponse>;
  
  DeleteSamples: grpc.handleUnaryCall<_clout_v1_DeleteSamplesRequest__Output, _clout_v1_DeleteSamplesResponse>;
  
  UpsertCreators: grpc.handleUnaryCall<_clout_v1_UpsertCreatorsRequest__Output, _clout_v1_UpsertCreatorsResponse>;
  
  UpsertPosts: grpc.handleUnaryCall<_clout_v1_UpsertPostsRequest__Output, _clout_v1_UpsertPostsResponse>;
  
  Write: grpc.handleUnaryCall<_clout_v1_WriteRequest__Output, _clout_v1_WriteResponse>;
  
  WriteStream: grpc.handleClientStreamingCall<_clout_v1_WriteRequest__Output, _clout_v1_WriteStreamResponse>;
  
}

export interface IngestDefinition extends grpc.ServiceDefinition {
  DeleteCreator: MethodDefinition<_clout_v1_DeleteCreatorRequest, _clout_v1_DeleteCreatorResponse, _clout_v1_DeleteCreatorRequest__Output, _clout_v1_DeleteCreatorResponse__Output>
  DeleteSamples: MethodDefinition<_clout_v1_DeleteSamplesRequest, _clout_v1_DeleteSamplesResponse, _clout_v1_DeleteSamplesRequest__Output, _clout_v1_DeleteSamplesResponse__Output>
  UpsertCreators: MethodDefinition<_clout_v1_UpsertCreatorsRequest, _clout_v1_UpsertCreatorsResponse, _clout_v1_UpsertCreatorsRequest__Output, _clout_v1_UpsertCreatorsResponse__Output>
  UpsertPosts: MethodDefinition<_clout_v1_UpsertPostsRequest, _clout_v1_UpsertPostsResponse, _clout_v1_UpsertPostsRequest__Output, _clout_v1_UpsertPostsResponse__Output>
  Write: MethodDefinition<_clout_v1_WriteRequest, _clout_v1_WriteResponse, _clout_v1_WriteRequest__Output, _clout_v1_WriteResponse__Output>
  WriteStream: MethodDefinition<_clout_v1_WriteRequest, _clout_v1_WriteStreamResponse, _clout_v1_WriteRequest__Output, _clout_v1_WriteStreamResponse__Output>
}
