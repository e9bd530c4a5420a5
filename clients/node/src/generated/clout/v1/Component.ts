// Original file: clout/v1/metrics.proto


export interface Component {
  'name'?: (string);
  'value'?: (number | string);
  'note'?: (string);
}

export interface Component__Output {
  'name': (string);
  'value': (number);
  'note': (string);
}
