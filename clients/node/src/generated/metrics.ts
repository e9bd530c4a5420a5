import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Component as _clout_v1_Component, Component__Output as _clout_v1_Component__Output } from './clout/v1/Component';
import type { ComputeBatchItem as _clout_v1_ComputeBatchItem, ComputeBatchItem__Output as _clout_v1_ComputeBatchItem__Output } from './clout/v1/ComputeBatchItem';
import type { ComputeBatchRequest as _clout_v1_ComputeBatchRequest, ComputeBatchRequest__Output as _clout_v1_ComputeBatchRequest__Output } from './clout/v1/ComputeBatchRequest';
import type { ComputeRequest as _clout_v1_ComputeRequest, ComputeRequest__Output as _clout_v1_ComputeRequest__Output } from './clout/v1/ComputeRequest';
import type { ComputeResponse as _clout_v1_ComputeResponse, ComputeResponse__Output as _clout_v1_ComputeResponse__Output } from './clout/v1/ComputeResponse';
import type { ListMetricsRequest as _clout_v1_ListMetricsRequest, ListMetricsRequest__Output as _clout_v1_ListMetricsRequest__Output } from './clout/v1/ListMetricsRequest';
import type { ListMetricsResponse as _clout_v1_ListMetricsResponse, ListMetricsResponse__Output as _clout_v1_ListMetricsResponse__Output } from './clout/v1/ListMetricsResponse';
import type { MetricInfo as _clout_v1_MetricInfo, MetricInfo__Output as _clout_v1_MetricInfo__Output } from './clout/v1/MetricInfo';
import type { MetricResult as _clout_v1_MetricResult, MetricResult__Output as _clout_v1_MetricResult__Output } from './clout/v1/MetricResult';
import type { MetricsClient as _clout_v1_MetricsClient, MetricsDefinition as _clout_v1_MetricsDefinition } from './clout/v1/Metrics';
import type { ParameterSpec as _clout_v1_ParameterSpec, ParameterSpec__Output as _clout_v1_ParameterSpec__Output } from './clout/v1/ParameterSpec';
import type { ParameterValue as _clout_v1_ParameterValue, ParameterValue__Output as _clout_v1_ParameterValue__Output } from './clout/v1/ParameterValue';
import type { Point as _clout_v1_Point, Point__Output as _clout_v1_Point__Output } from './clout/v1/Point';
import type { RankEntry as _clout_v1_RankEntry, RankEntry__Output as _clout_v1_RankEntry__Output } from './clout/v1/RankEntry';
import type { RankRequest as _clout_v1_RankRequest, RankRequest__Output as _clout_v1_RankRequest__Output } from './clout/v1/RankRequest';
import type { RankResponse as _clout_v1_RankResponse, RankResponse__Output as _clout_v1_RankResponse__Output } from './clout/v1/RankResponse';
import type { Row as _clout_v1_Row, Row__Output as _clout_v1_Row__Output } from './clout/v1/Row';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  clout: {
    v1: {
      Component: MessageTypeDefinition<_clout_v1_Component, _clout_v1_Component__Output>
      ComputeBatchItem: MessageTypeDefinition<_clout_v1_ComputeBatchItem, _clout_v1_ComputeBatchItem__Output>
      ComputeBatchRequest: MessageTypeDefinition<_clout_v1_ComputeBatchRequest, _clout_v1_ComputeBatchRequest__Output>
      ComputeRequest: MessageTypeDefinition<_clout_v1_ComputeRequest, _clout_v1_ComputeRequest__Output>
      ComputeResponse: MessageTypeDefinition<_clout_v1_ComputeResponse, _clout_v1_ComputeResponse__Output>
      ListMetricsRequest: MessageTypeDefinition<_clout_v1_ListMetricsRequest, _clout_v1_ListMetricsRequest__Output>
      ListMetricsResponse: MessageTypeDefinition<_clout_v1_ListMetricsResponse, _clout_v1_ListMetricsResponse__Output>
      MetricInfo: MessageTypeDefinition<_clout_v1_MetricInfo, _clout_v1_MetricInfo__Output>
      MetricResult: MessageTypeDefinition<_clout_v1_MetricResult, _clout_v1_MetricResult__Output>
      Metrics: SubtypeConstructor<typeof grpc.Client, _clout_v1_MetricsClient> & { service: _clout_v1_MetricsDefinition }
      OutputKind: EnumTypeDefinition
      ParameterSpec: MessageTypeDefinition<_clout_v1_ParameterSpec, _clout_v1_ParameterSpec__Output>
      ParameterType: EnumTypeDefinition
      ParameterValue: MessageTypeDefinition<_clout_v1_ParameterValue, _clout_v1_ParameterValue__Output>
      Point: MessageTypeDefinition<_clout_v1_Point, _clout_v1_Point__Output>
      RankEntry: MessageTypeDefinition<_clout_v1_RankEntry, _clout_v1_RankEntry__Output>
      RankRequest: MessageTypeDefinition<_clout_v1_RankRequest, _clout_v1_RankRequest__Output>
      RankResponse: MessageTypeDefinition<_clout_v1_RankResponse, _clout_v1_RankResponse__Output>
      Row: MessageTypeDefinition<_clout_v1_Row, _clout_v1_Row__Output>
    }
  }
}

