// Column type codes as they appear in TABLE_MAP events (MySQL include/field_types.h), and the
// ones a ColumnDef holds.

export const ColumnType = {
  DECIMAL: 0,
  TINY: 1,
  SHORT: 2,
  LONG: 3,
  FLOAT: 4,
  DOUBLE: 5,
  NULL: 6,
  TIMESTAMP: 7,
  LONGLONG: 8,
  INT24: 9,
  DATE: 10,
  TIME: 11,
  DATETIME: 12,
  YEAR: 13,
  NEWDATE: 14,
  VARCHAR: 15,
  BIT: 16,
  TIMESTAMP2: 17,
  DATETIME2: 18,
  TIME2: 19,
  TYPED_ARRAY: 20,
  /** MariaDB COMPRESSED columns: TABLE_MAP only; decoded as BLOB / VARCHAR with `compressed` set. */
  BLOB_COMPRESSED: 140,
  VARCHAR_COMPRESSED: 141,
  VECTOR: 242,
  INVALID: 243,
  BOOL: 244,
  JSON: 245,
  NEWDECIMAL: 246,
  ENUM: 247,
  SET: 248,
  TINY_BLOB: 249,
  MEDIUM_BLOB: 250,
  LONG_BLOB: 251,
  BLOB: 252,
  VAR_STRING: 253,
  STRING: 254,
  GEOMETRY: 255,
} as const

/**
 * The codes a ColumnDef's type holds: the TABLE_MAP types chsync decodes, with MariaDB's COMPRESSED
 * ones resolved to BLOB and VARCHAR. Old DECIMAL (before MySQL 5.0), TYPED_ARRAY, INVALID and BOOL
 * never reach a TABLE_MAP.
 */
export const COLUMN_TYPE_CODES = [
  ColumnType.TINY,
  ColumnType.SHORT,
  ColumnType.INT24,
  ColumnType.LONG,
  ColumnType.LONGLONG,
  ColumnType.FLOAT,
  ColumnType.DOUBLE,
  ColumnType.NEWDECIMAL,
  ColumnType.YEAR,
  ColumnType.BIT,
  ColumnType.DATE,
  ColumnType.NEWDATE,
  ColumnType.TIME,
  ColumnType.TIME2,
  ColumnType.DATETIME,
  ColumnType.DATETIME2,
  ColumnType.TIMESTAMP,
  ColumnType.TIMESTAMP2,
  ColumnType.VARCHAR,
  ColumnType.VAR_STRING,
  ColumnType.STRING,
  ColumnType.TINY_BLOB,
  ColumnType.MEDIUM_BLOB,
  ColumnType.LONG_BLOB,
  ColumnType.BLOB,
  ColumnType.ENUM,
  ColumnType.SET,
  ColumnType.JSON,
  ColumnType.GEOMETRY,
  ColumnType.VECTOR,
  ColumnType.NULL,
] as const

export type ColumnTypeCode = (typeof COLUMN_TYPE_CODES)[number]

const CODES = new Set<number>(COLUMN_TYPE_CODES)

export function isColumnTypeCode(type: number): type is ColumnTypeCode {
  return CODES.has(type)
}

/**
 * For the `default:` of a switch over a ColumnDef's type, or after one whose cases all return: it
 * compiles only when each ColumnTypeCode has a case, so tsc names every switch a new type must
 * extend. It returns the code for the caller's error (a ColumnDef read back from the state file is
 * not checked by tsc).
 */
export function unhandledColumnType(type: never): number {
  return type
}

const names = new Map<number, string>(Object.entries(ColumnType).map(([k, v]) => [v, k]))

export function columnTypeName(type: number): string {
  return names.get(type) ?? `TYPE_${type}`
}

/**
 * Columns that take a bit in the SIGNEDNESS metadata: the server gives one to every numeric field,
 * and YEAR is one (a TINYINT underneath, always flagged UNSIGNED) — verified on MySQL 9.7 and
 * MariaDB 10.11, test/binlog/table-map-order.server.test.ts.
 */
export function isNumericType(type: number): boolean {
  switch (type) {
    case ColumnType.YEAR:
    case ColumnType.TINY:
    case ColumnType.SHORT:
    case ColumnType.INT24:
    case ColumnType.LONG:
    case ColumnType.LONGLONG:
    case ColumnType.NEWDECIMAL:
    case ColumnType.DECIMAL:
    case ColumnType.FLOAT:
    case ColumnType.DOUBLE:
      return true
  }
  return false
}

/** Columns with a collation in DEFAULT_CHARSET / COLUMN_CHARSET (MySQL is_character_type; real type). */
export function isCharacterType(type: number): boolean {
  switch (type) {
    case ColumnType.STRING:
    case ColumnType.VAR_STRING:
    case ColumnType.VARCHAR:
    case ColumnType.BLOB:
    case ColumnType.TINY_BLOB:
    case ColumnType.MEDIUM_BLOB:
    case ColumnType.LONG_BLOB:
      return true
  }
  return false
}

export function isEnumOrSet(type: number): boolean {
  return type === ColumnType.ENUM || type === ColumnType.SET
}
