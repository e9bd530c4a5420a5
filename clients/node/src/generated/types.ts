import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Creator as _clout_v1_Creator, Creator__Output as _clout_v1_Creator__Output } from './clout/v1/Creator';
import type { Post as _clout_v1_Post, Post__Output as _clout_v1_Post__Output } from './clout/v1/Post';
import type { SeriesSamples as _clout_v1_SeriesSamples, SeriesSamples__Output as _clout_v1_SeriesSamples__Output } from './clout/v1/SeriesSamples';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  clout: {
    v1: {
      Aggregation: EnumTypeDefinition
      Creator: MessageTypeDefinition<_clout_v1_Creator, _clout_v1_Creator__Output>
      Post: MessageTypeDefinition<_clout_v1_Post, _clout_v1_Post__Output>
      SampleFlag: EnumTypeDefinition
      SeriesSamples: MessageTypeDefinition<_clout_v1_SeriesSamples, _clout_v1_SeriesSamples__Output>
    }
  }
}

