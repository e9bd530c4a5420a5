// Original file: clout/v1/query.proto


export interface ListCreatorsRequest {
  'pageSize'?: (number);
  'pageToken'?: (string);
  'platform'?: (string);
  'labels'?: ({[key: string]: string});
}

export interface ListCreatorsRequest__Output {
  'pageSize': (number);
  'pageToken': (string);
  'platform': (string);
  'labels': ({[key: string]: string});
}
