// Original file: clout/v1/metrics.proto

export const ParameterType = {
  PARAMETER_TYPE_UNSPECIFIED: 'PARAMETER_TYPE_UNSPECIFIED',
  PARAMETER_TYPE_INT: 'PARAMETER_TYPE_INT',
  PARAMETER_TYPE_DOUBLE: 'PARAMETER_TYPE_DOUBLE',
  PARAMETER_TYPE_BOOL: 'PARAMETER_TYPE_BOOL',
  PARAMETER_TYPE_ENUM: 'PARAMETER_TYPE_ENUM',
} as const;

export type ParameterType =
  | 'PARAMETER_TYPE_UNSPECIFIED'
  | 0
  | 'PARAMETER_TYPE_INT'
  | 1
  | 'PARAMETER_TYPE_DOUBLE'
  | 2
  | 'PARAMETER_TYPE_BOOL'
  | 3
  | 'PARAMETER_TYPE_ENUM'
  | 4

export type ParameterType__Output = typeof ParameterType[keyof typeof ParameterType]
