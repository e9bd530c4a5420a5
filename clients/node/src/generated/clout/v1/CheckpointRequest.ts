// Original file: clout/v1/admin.proto


export interface CheckpointRequest {
  'path'?: (string);
}

export interface CheckpointRequest__Output {
  'path': (string);
}
