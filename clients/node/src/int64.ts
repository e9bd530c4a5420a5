// int64 handling. On the wire (through proto-loader) int64 fields are decimal
// strings; in the public API they are bigint. Inputs also accept safe-integer
// numbers and decimal strings.

/** A value for an int64 field: a bigint, a safe integer number or a decimal string. */
export type Int64Like = bigint | number | string;

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** Converts an input value to the decimal string proto-loader serializes exactly. */
export function int64ToWire(v: Int64Like, what = 'value'): string {
  let b: bigint;
  if (typeof v === 'bigint') {
    b = v;
  } else if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) {
      throw new RangeError(`${what}: ${v} is not a safe integer; pass a bigint for values beyond 2^53`);
    }
    b = BigInt(v);
  } else if (typeof v === 'string' && /^-?[0-9]+$/.test(v)) {
    b = BigInt(v);
  } else {
    throw new TypeError(`${what}: ${String(v)} is not an integer`);
  }
  if (b < INT64_MIN || b > INT64_MAX) throw new RangeError(`${what}: ${b} is out of the int64 range`);
  return b.toString();
}

/** Converts a decoded int64 (a decimal string with longs: String) to bigint. */
export function int64FromWire(v: string | number | undefined | null): bigint {
  if (v === undefined || v === null || v === '') return 0n;
  return BigInt(v);
}
