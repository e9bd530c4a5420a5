// Original file: clout/v1/metrics.proto


export interface ListMetricsRequest {
}

export interface ListMetricsRequest__Output {
}
