// Facts about a source column's type that the mapping needs: its SQL name and its integer range.

import { type ColumnDef, ColumnType, columnTypeName, isCharacterType, unhandledColumnType } from '../../model/index.ts'

/** The column's type as SQL spells it, for messages: "BIGINT UNSIGNED", "DATETIME(3)", "BIT(1)". */
export function sourceTypeName(col: ColumnDef): string {
  const u = col.unsigned ? ' UNSIGNED' : ''
  const fsp = col.fsp ? `(${col.fsp})` : ''
  switch (col.type) {
    case ColumnType.TINY:
      return `TINYINT${u}`
    case ColumnType.SHORT:
      return `SMALLINT${u}`
    case ColumnType.INT24:
      return `MEDIUMINT${u}`
    case ColumnType.LONG:
      return `INT${u}`
    case ColumnType.LONGLONG:
      return `BIGINT${u}`
    case ColumnType.FLOAT:
      return `FLOAT${u}`
    case ColumnType.DOUBLE:
      return `DOUBLE${u}`
    case ColumnType.NEWDECIMAL:
      return `DECIMAL(${col.precision},${col.scale})${u}`
    case ColumnType.YEAR:
      return 'YEAR'
    case ColumnType.BIT:
      return `BIT(${col.bits})`
    case ColumnType.DATE:
    case ColumnType.NEWDATE:
      return 'DATE'
    case ColumnType.DATETIME:
    case ColumnType.DATETIME2:
      return `DATETIME${fsp}`
    case ColumnType.TIMESTAMP:
    case ColumnType.TIMESTAMP2:
      return `TIMESTAMP${fsp}`
    case ColumnType.TIME:
    case ColumnType.TIME2:
      return `TIME${fsp}`
    case ColumnType.VARCHAR:
    case ColumnType.VAR_STRING:
      return col.collation === BINARY_COLLATION ? 'VARBINARY' : 'VARCHAR'
    case ColumnType.STRING:
      if (col.fixedBinaryType) return col.fixedBinaryType.toUpperCase()
      return col.collation === BINARY_COLLATION ? 'BINARY' : 'CHAR'
    case ColumnType.TINY_BLOB:
    case ColumnType.MEDIUM_BLOB:
    case ColumnType.LONG_BLOB:
    case ColumnType.BLOB:
      return col.collation === BINARY_COLLATION ? 'BLOB' : 'TEXT'
    case ColumnType.ENUM:
      return 'ENUM'
    case ColumnType.SET:
      return 'SET'
    case ColumnType.JSON:
      return 'JSON'
    case ColumnType.GEOMETRY:
      return 'GEOMETRY'
    case ColumnType.VECTOR:
      return `VECTOR(${col.vectorDimensions ?? '?'})`
    case ColumnType.NULL:
      return 'NULL'
  }
  return columnTypeName(unhandledColumnType(col.type))
}

/** The binary collation: bytes, not text. */
export const BINARY_COLLATION = 63

/** [min, max] of the values an integer-like column (integers, YEAR, BIT) holds; null for others. */
export function integerRange(col: ColumnDef): [bigint, bigint] | null {
  const bits = (n: number): [bigint, bigint] =>
    col.unsigned ? [0n, (1n << BigInt(n)) - 1n] : [-(1n << BigInt(n - 1)), (1n << BigInt(n - 1)) - 1n]
  switch (col.type) {
    case ColumnType.TINY:
      return bits(8)
    case ColumnType.SHORT:
      return bits(16)
    case ColumnType.INT24:
      return bits(24)
    case ColumnType.LONG:
      return bits(32)
    case ColumnType.LONGLONG:
      return bits(64)
    case ColumnType.YEAR:
      return [0n, 2155n]
    case ColumnType.BIT:
      return [0n, (1n << BigInt(col.bits)) - 1n]
  }
  return null
}

export function isTextColumn(col: ColumnDef): boolean {
  return isCharacterType(col.type) && col.collation !== BINARY_COLLATION
}
