// Original file: clout/v1/ingest.proto


export interface UpsertPostsResponse {
  'created'?: (number);
  'updated'?: (number);
}

export interface UpsertPostsResponse__Output {
  'created': (number);
  'updated': (number);
}
