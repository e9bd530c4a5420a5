// Original file: clout/v1/admin.proto


export interface ReloadPluginsRequest {
}

export interface ReloadPluginsRequest__Output {
}
