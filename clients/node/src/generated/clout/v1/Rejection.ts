// Original file: clout/v1/ingest.proto


export interface Rejection {
  'seriesIndex'?: (number);
  'sampleIndex'?: (number);
  'reason'?: (string);
}

export interface Rejection__Output {
  'seriesIndex': (number);
  'sampleIndex': (number);
  'reason': (string);
}
