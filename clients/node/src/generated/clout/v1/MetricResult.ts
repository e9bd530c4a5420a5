// Original file: clout/v1/metrics.proto

import type { Component as _clout_v1_Component, Component__Output as _clout_v1_Component__Output } from '../../clout/v1/Component';
import type { Row as _clout_v1_Row, Row__Output as _clout_v1_Row__Output } from '../../clout/v1/Row';
import type { Point as _clout_v1_Point, Point__Output as _clout_v1_Point__Output } from '../../clout/v1/Point';
import type { ParameterValue as _clout_v1_ParameterValue, ParameterValue__Output as _clout_v1_ParameterValue__Output } from '../../clout/v1/ParameterValue';
import type { Long } from '@grpc/proto-loader';

export interface MetricResult {
  'metric'?: (string);
  'metricVersion'?: (string);
  'creatorId'?: (string);
  'windowStartMs'?: (number | string | Long);
  'windowEndMs'?: (number | string | Long);
  'value'?: (number | string);
  'unit'?: (string);
  'variant'?: (string);
  'formula'?: (string);
  'components'?: (_clout_v1_Component)[];
  'rowColumns'?: (string)[];
  'rows'?: (_clout_v1_Row)[];
  'points'?: (_clout_v1_Point)[];
  'parameters'?: ({[key: string]: _clout_v1_ParameterValue});
}

export interface MetricResult__Output {
  'metric': (string);
  'metricVersion': (string);
  'creatorId': (string);
  'windowStartMs': (string);
  'windowEndMs': (string);
  'value': (number);
  'unit': (string);
  'variant': (string);
  'formula': (string);
  'components': (_clout_v1_Component__Output)[];
  'rowColumns': (string)[];
  'rows': (_clout_v1_Row__Output)[];
  'points': (_clout_v1_Point__Output)[];
  'parameters': ({[key: string]: _clout_v1_ParameterValue__Output});
}
