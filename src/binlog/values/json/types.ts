// The decoded form of a MySQL JSON value: a tree that keeps every distinction the text form shows.
//
// JSON null, true/false and strings are JS primitives; arrays are JS arrays; objects are Maps so
// that member order stays as stored (MySQL stores keys sorted by byte length, then bytes, and
// prints them in that order; a plain JS object would move "10" before "a"). Numbers are wrapped,
// because MySQL prints the double 1 as `1.0` and the integer 1 as `1`, and 64-bit integers need
// a bigint. Opaque values carry their MySQL field type: DECIMAL and temporal values are decoded
// exactly (the decimal as its digits, never a float), anything else keeps its raw bytes.

/** Any JSON value. */
export type JsonValue = null | boolean | string | JsonScalar | JsonArray | JsonObject

/** A JSON array. Treat as immutable: decoded trees may share nothing, but applyJsonDiffs copies. */
export type JsonArray = JsonValue[]

/** A JSON object, members in stored (= printed) order. */
export type JsonObject = Map<string, JsonValue>

/** The wrapped scalars, told apart by `kind`. */
export type JsonScalar = JsonInt | JsonUint | JsonDouble | JsonDecimal | JsonTemporal | JsonOpaque

/** A signed integer: INT16/INT32 nodes as a number, INT64 nodes as a bigint. */
export class JsonInt {
  readonly kind = 'int' as const
  constructor(readonly value: number | bigint) {}
}

/** An unsigned integer (from an UNSIGNED SQL value): UINT16/UINT32 as a number, UINT64 as a bigint. */
export class JsonUint {
  readonly kind = 'uint' as const
  constructor(readonly value: number | bigint) {}
}

/** An IEEE double. */
export class JsonDouble {
  readonly kind = 'double' as const
  constructor(readonly value: number) {}
}

/** An opaque DECIMAL (field type 246): its exact text as MySQL prints it, e.g. `-1.50`. */
export class JsonDecimal {
  readonly kind = 'decimal' as const
  constructor(
    readonly text: string,
    readonly precision: number,
    readonly scale: number,
  ) {}
}

/** MySQL field types of the temporal opaque values. */
export const MYSQL_TYPE_TIMESTAMP = 7
export const MYSQL_TYPE_DATE = 10
export const MYSQL_TYPE_TIME = 11
export const MYSQL_TYPE_DATETIME = 12
export const MYSQL_TYPE_NEWDECIMAL = 246
/** An opaque of this type prints as a plain JSON string (MySQL's wrapper_to_string). */
export const MYSQL_TYPE_VAR_STRING = 253

export type TemporalFieldType = typeof MYSQL_TYPE_TIMESTAMP | typeof MYSQL_TYPE_DATE | typeof MYSQL_TYPE_TIME | typeof MYSQL_TYPE_DATETIME

/**
 * An opaque DATE, TIME, DATETIME or TIMESTAMP: its text as MySQL prints it inside JSON
 * (`2020-01-02`, `-838:59:59.000000`, `2020-01-02 03:04:05.500000`: always 6 fraction digits).
 */
export class JsonTemporal {
  readonly kind = 'temporal' as const
  constructor(
    readonly fieldType: TemporalFieldType,
    readonly text: string,
  ) {}
}

/** Any other opaque value (binary strings, BIT, BLOB, YEAR-less types...): printed as base64. */
export class JsonOpaque {
  readonly kind = 'opaque' as const
  constructor(
    readonly fieldType: number,
    readonly bytes: Buffer,
  ) {}
}
