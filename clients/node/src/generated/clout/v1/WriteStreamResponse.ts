// Original file: clout/v1/ingest.proto

import type { Rejection as _clout_v1_Rejection, Rejection__Output as _clout_v1_Rejection__Output } from '../../clout/v1/Rejection';
import type { Long } from '@grpc/proto-loader';

export interface WriteStreamResponse {
  'messages'?: (number | string | Long);
  'accepted'?: (number | string | Long);
  'rejected'?: (number | string | Long);
  'firstRejections'?: (_clout_v1_Rejection)[];
}

export interface WriteStreamResponse__Output {
  'messages': (string);
  'accepted': (string);
  'rejected': (string);
  'firstRejections': (_clout_v1_Rejection__Output)[];
}
