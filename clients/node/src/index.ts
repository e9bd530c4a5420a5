/**
 * @clout/client: a promise-based TypeScript client of the clout gRPC API.
 *
 * int64 values (sample values, timestamps, counters) are bigint in results;
 * inputs accept bigint, safe-integer numbers or decimal strings.
 */
export { CloutClient, defaultAddress, type CloutClientOptions } from './client';
export { CloutError, Code } from './errors';
export { int64ToWire, int64FromWire, type Int64Like } from './int64';
export * from './types';
