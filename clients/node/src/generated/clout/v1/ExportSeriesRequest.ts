// Original file: clout/v1/query.proto

import type { Long } from '@grpc/proto-loader';

export interface ExportSeriesRequest {
  'creatorId'?: (string);
  'startMs'?: (number | string | Long);
  'endMs'?: (number | string | Long);
}

export interface ExportSeriesRequest__Output {
  'creatorId': (string);
  'startMs': (string);
  'endMs': (string);
}
