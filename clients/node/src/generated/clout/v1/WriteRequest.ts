// Original file: clout/v1/ingest.proto

import type { SeriesSamples as _clout_v1_SeriesSamples, SeriesSamples__Output as _clout_v1_SeriesSamples__Output } from '../../clout/v1/SeriesSamples';

export interface WriteRequest {
  'series'?: (_clout_v1_SeriesSamples)[];
}

export interface WriteRequest__Output {
  'series': (_clout_v1_SeriesSamples__Output)[];
}
