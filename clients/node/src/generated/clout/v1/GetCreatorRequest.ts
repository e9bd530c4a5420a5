// Original file: clout/v1/query.proto


export interface GetCreatorRequest {
  'creatorId'?: (string);
}

export interface GetCreatorRequest__Output {
  'creatorId': (string);
}
