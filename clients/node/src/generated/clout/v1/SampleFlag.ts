// Original file: clout/v1/types.proto

export const SampleFlag = {
  SAMPLE_FLAG_NONE: 'SAMPLE_FLAG_NONE',
  SAMPLE_FLAG_ESTIMATED: 'SAMPLE_FLAG_ESTIMATED',
  SAMPLE_FLAG_BACKFILLED: 'SAMPLE_FLAG_BACKFILLED',
  SAMPLE_FLAG_ROUNDED: 'SAMPLE_FLAG_ROUNDED',
} as const;

export type SampleFlag =
  | 'SAMPLE_FLAG_NONE'
  | 0
  | 'SAMPLE_FLAG_ESTIMATED'
  | 1
  | 'SAMPLE_FLAG_BACKFILLED'
  | 2
  | 'SAMPLE_FLAG_ROUNDED'
  | 4

export type SampleFlag__Output = typeof SampleFlag[keyof typeof SampleFlag]
