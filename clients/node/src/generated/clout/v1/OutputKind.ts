// Original file: clout/v1/metrics.proto

export const OutputKind = {
  OUTPUT_KIND_UNSPECIFIED: 'OUTPUT_KIND_UNSPECIFIED',
  OUTPUT_KIND_SCALAR: 'OUTPUT_KIND_SCALAR',
  OUTPUT_KIND_SERIES: 'OUTPUT_KIND_SERIES',
} as const;

export type OutputKind =
  | 'OUTPUT_KIND_UNSPECIFIED'
  | 0
  | 'OUTPUT_KIND_SCALAR'
  | 1
  | 'OUTPUT_KIND_SERIES'
  | 2

export type OutputKind__Output = typeof OutputKind[keyof typeof OutputKind]
