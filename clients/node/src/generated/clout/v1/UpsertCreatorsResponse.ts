// Original file: clout/v1/ingest.proto


export interface UpsertCreatorsResponse {
  'created'?: (number);
  'updated'?: (number);
}

export interface UpsertCreatorsResponse__Output {
  'created': (number);
  'updated': (number);
}
