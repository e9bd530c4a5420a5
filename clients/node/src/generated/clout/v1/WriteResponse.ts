// Original file: clout/v1/ingest.proto

import type { Rejection as _clout_v1_Rejection, Rejection__Output as _clout_v1_Rejection__Output } from '../../clout/v1/Rejection';
import type { Long } from '@grpc/proto-loader';

export interface WriteResponse {
  'accepted'?: (number | string | Long);
  'rejected'?: (number | string | Long);
  'rejections'?: (_clout_v1_Rejection)[];
}

export interface WriteResponse__Output {
  'accepted': (string);
  'rejected': (string);
  'rejections': (_clout_v1_Rejection__Output)[];
}
