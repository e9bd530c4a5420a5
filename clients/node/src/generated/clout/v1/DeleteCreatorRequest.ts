// Original file: clout/v1/ingest.proto


export interface DeleteCreatorRequest {
  'creatorId'?: (string);
}

export interface DeleteCreatorRequest__Output {
  'creatorId': (string);
}
