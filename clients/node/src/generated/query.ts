import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Creator as _clout_v1_Creator, Creator__Output as _clout_v1_Creator__Output } from './clout/v1/Creator';
import type { ExportSeriesRequest as _clout_v1_ExportSeriesRequest, ExportSeriesRequest__Output as _clout_v1_ExportSeriesRequest__Output } from './clout/v1/ExportSeriesRequest';
import type { GetCreatorRequest as _clout_v1_GetCreatorRequest, GetCreatorRequest__Output as _clout_v1_GetCreatorRequest__Output } from './clout/v1/GetCreatorRequest';
import type { GetCreatorResponse as _clout_v1_GetCreatorResponse, GetCreatorResponse__Output as _clout_v1_GetCreatorResponse__Output } from './clout/v1/GetCreatorResponse';
import type { ListCreatorsRequest as _clout_v1_ListCreatorsRequest, ListCreatorsRequest__Output as _clout_v1_ListCreatorsRequest__Output } from './clout/v1/ListCreatorsRequest';
import type { ListCreatorsResponse as _clout_v1_ListCreatorsResponse, ListCreatorsResponse__Output as _clout_v1_ListCreatorsResponse__Output } from './clout/v1/ListCreatorsResponse';
import type { ListPostsRequest as _clout_v1_ListPostsRequest, ListPostsRequest__Output as _clout_v1_ListPostsRequest__Output } from './clout/v1/ListPostsRequest';
import type { ListPostsResponse as _clout_v1_ListPostsResponse, ListPostsResponse__Output as _clout_v1_ListPostsResponse__Output } from './clout/v1/ListPostsResponse';
import type { Post as _clout_v1_Post, Post__Output as _clout_v1_Post__Output } from './clout/v1/Post';
import type { QueryClient as _clout_v1_QueryClient, QueryDefinition as _clout_v1_QueryDefinition } from './clout/v1/Query';
import type { ReadSeriesRequest as _clout_v1_ReadSeriesRequest, ReadSeriesRequest__Output as _clout_v1_ReadSeriesRequest__Output } from './clout/v1/ReadSeriesRequest';
import type { ReadSeriesResponse as _clout_v1_ReadSeriesResponse, ReadSeriesResponse__Output as _clout_v1_ReadSeriesResponse__Output } from './clout/v1/ReadSeriesResponse';
import type { SeriesSamples as _clout_v1_SeriesSamples, SeriesSamples__Output as _clout_v1_SeriesSamples__Output } from './clout/v1/SeriesSamples';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  clout: {
    v1: {
      Aggregation: EnumTypeDefinition
      Creator: MessageTypeDefinition<_clout_v1_Creator, _clout_v1_Creator__Output>
      ExportSeriesRequest: MessageTypeDefinition<_clout_v1_ExportSeriesRequest, _clout_v1_ExportSeriesRequest__Output>
      GetCreatorRequest: MessageTypeDefinition<_clout_v1_GetCreatorRequest, _clout_v1_GetCreatorRequest__Output>
      GetCreatorResponse: MessageTypeDefinition<_clout_v1_GetCreatorResponse, _clout_v1_GetCreatorResponse__Output>
      ListCreatorsRequest: MessageTypeDefinition<_clout_v1_ListCreatorsRequest, _clout_v1_ListCreatorsRequest__Output>
      ListCreatorsResponse: MessageTypeDefinition<_clout_v1_ListCreatorsResponse, _clout_v1_ListCreatorsResponse__Output>
      ListPostsRequest: MessageTypeDefinition<_clout_v1_ListPostsRequest, _clout_v1_ListPostsRequest__Output>
      ListPostsResponse: MessageTypeDefinition<_clout_v1_ListPostsResponse, _clout_v1_ListPostsResponse__Output>
      Post: MessageTypeDefinition<_clout_v1_Post, _clout_v1_Post__Output>
      Query: SubtypeConstructor<typeof grpc.Client, _clout_v1_QueryClient> & { service: _clout_v1_QueryDefinition }
      ReadSeriesRequest: MessageTypeDefinition<_clout_v1_ReadSeriesRequest, _clout_v1_ReadSeriesRequest__Output>
      ReadSeriesResponse: MessageTypeDefinition<_clout_v1_ReadSeriesResponse, _clout_v1_ReadSeriesResponse__Output>
      SampleFlag: EnumTypeDefinition
      SeriesSamples: MessageTypeDefinition<_clout_v1_SeriesSamples, _clout_v1_SeriesSamples__Output>
    }
  }
}

