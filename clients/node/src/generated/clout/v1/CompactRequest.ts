// Original file: clout/v1/admin.proto


export interface CompactRequest {
}

export interface CompactRequest__Output {
}
