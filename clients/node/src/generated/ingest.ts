import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Creator as _clout_v1_Creator, Creator__Output as _clout_v1_Creator__Output } from './clout/v1/Creator';
import type { DeleteCreatorRequest as _clout_v1_DeleteCreatorRequest, DeleteCreatorRequest__Output as _clout_v1_DeleteCreatorRequest__Output } from './clout/v1/DeleteCreatorRequest';
import type { DeleteCreatorResponse as _clout_v1_DeleteCreatorResponse, DeleteCreatorResponse__Output as _clout_v1_DeleteCreatorResponse__Output } from './clout/v1/DeleteCreatorResponse';
import type { DeleteSamplesRequest as _clout_v1_DeleteSamplesRequest, DeleteSamplesRequest__Output as _clout_v1_DeleteSamplesRequest__Output } from './clout/v1/DeleteSamplesRequest';
import type { DeleteSamplesResponse as _clout_v1_DeleteSamplesResponse, DeleteSamplesResponse__Output as _clout_v1_DeleteSamplesResponse__Output } from './clout/v1/DeleteSamplesResponse';
import type { IngestClient as _clout_v1_IngestClient, IngestDefinition as _clout_v1_IngestDefinition } from './clout/v1/Ingest';
import type { Post as _clout_v1_Post, Post__Output as _clout_v1_Post__Output } from './clout/v1/Post';
import type { Rejection as _clout_v1_Rejection, Rejection__Output as _clout_v1_Rejection__Output } from './clout/v1/Rejection';
import type { SeriesSamples as _clout_v1_SeriesSamples, SeriesSamples__Output as _clout_v1_SeriesSamples__Output } from './clout/v1/SeriesSamples';
import type { UpsertCreatorsRequest as _clout_v1_UpsertCreatorsRequest, UpsertCreatorsRequest__Output as _clout_v1_UpsertCreatorsRequest__Output } from './clout/v1/UpsertCreatorsRequest';
import type { UpsertCreatorsResponse as _clout_v1_UpsertCreatorsResponse, UpsertCreatorsResponse__Output as _clout_v1_UpsertCreatorsResponse__Output } from './clout/v1/UpsertCreatorsResponse';
import type { UpsertPostsRequest as _clout_v1_UpsertPostsRequest, UpsertPostsRequest__Output as _clout_v1_UpsertPostsRequest__Output } from './clout/v1/UpsertPostsRequest';
import type { UpsertPostsResponse as _clout_v1_UpsertPostsResponse, UpsertPostsResponse__Output as _clout_v1_UpsertPostsResponse__Output } from './clout/v1/UpsertPostsResponse';
import type { WriteRequest as _clout_v1_WriteRequest, WriteRequest__Output as _clout_v1_WriteRequest__Output } from './clout/v1/WriteRequest';
import type { WriteResponse as _clout_v1_WriteResponse, WriteResponse__Output as _clout_v1_WriteResponse__Output } from './clout/v1/WriteResponse';
import type { WriteStreamResponse as _clout_v1_WriteStreamResponse, WriteStreamResponse__Output as _clout_v1_WriteStreamResponse__Output } from './clout/v1/WriteStreamResponse';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  clout: {
    v1: {
      Aggregation: EnumTypeDefinition
      Creator: MessageTypeDefinition<_clout_v1_Creator, _clout_v1_Creator__Output>
      DeleteCreatorRequest: MessageTypeDefinition<_clout_v1_DeleteCreatorRequest, _clout_v1_DeleteCreatorRequest__Output>
      DeleteCreatorResponse: MessageTypeDefinition<_clout_v1_DeleteCreatorResponse, _clout_v1_DeleteCreatorResponse__Output>
      DeleteSamplesRequest: MessageTypeDefinition<_clout_v1_DeleteSamplesRequest, _clout_v1_DeleteSamplesRequest__Output>
      DeleteSamplesResponse: MessageTypeDefinition<_clout_v1_DeleteSamplesResponse, _clout_v1_DeleteSamplesResponse__Output>
      Ingest: SubtypeConstructor<typeof grpc.Client, _clout_v1_IngestClient> & { service: _clout_v1_IngestDefinition }
      Post: MessageTypeDefinition<_clout_v1_Post, _clout_v1_Post__Output>
      Rejection: MessageTypeDefinition<_clout_v1_Rejection, _clout_v1_Rejection__Output>
      SampleFlag: EnumTypeDefinition
      SeriesSamples: MessageTypeDefinition<_clout_v1_SeriesSamples, _clout_v1_SeriesSamples__Output>
      UpsertCreatorsRequest: MessageTypeDefinition<_clout_v1_UpsertCreatorsRequest, _clout_v1_UpsertCreatorsRequest__Output>
      UpsertCreatorsResponse: MessageTypeDefinition<_clout_v1_UpsertCreatorsResponse, _clout_v1_UpsertCreatorsResponse__Output>
      UpsertPostsRequest: MessageTypeDefinition<_clout_v1_UpsertPostsRequest, _clout_v1_UpsertPostsRequest__Output>
      UpsertPostsResponse: MessageTypeDefinition<_clout_v1_UpsertPostsResponse, _clout_v1_UpsertPostsResponse__Output>
      WriteRequest: MessageTypeDefinition<_clout_v1_WriteRequest, _clout_v1_WriteRequest__Output>
      WriteResponse: MessageTypeDefinition<_clout_v1_WriteResponse, _clout_v1_WriteResponse__Output>
      WriteStreamResponse: MessageTypeDefinition<_clout_v1_WriteStreamResponse, _clout_v1_WriteStreamResponse__Output>
    }
  }
}

