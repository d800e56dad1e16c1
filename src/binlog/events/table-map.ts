// TABLE_MAP_EVENT: which table a following rows event is about, its column types and, with
// binlog_row_metadata=FULL, names, signedness, charsets, enum/set labels, keys and visibility.

import {
  blankShape,
  type ColumnDef,
  columnDef,
  ColumnType,
  isCharacterType,
  isColumnTypeCode,
  isEnumOrSet,
  isNumericType,
} from '../../model/index.ts'
import { Cursor } from '../cursor.ts'
import { DecodeError } from '../errors.ts'

export interface TableMapEvent {
  kind: 'table_map'
  tableId: number
  flags: number
  database: string
  table: string
  columns: ColumnDef[]
  /** Primary key column indexes in key order (empty: no primary key or no FULL metadata). */
  primaryKey: number[]
  /** Prefix length per primary key column (0 = whole column). */
  primaryKeyPrefixes: number[]
  /** True when the event carried COLUMN_NAME (binlog_row_metadata=FULL). */
  hasFullMetadata: boolean
  /** Why chsync cannot decode this table's rows (a column type it does not know); its rows are skipped. */
  unsupported?: string
  defaultCollation?: number
}

// Optional metadata field types (MySQL Table_map_log_event::Optional_metadata_field_type).
const SIGNEDNESS = 1
const DEFAULT_CHARSET = 2
const COLUMN_CHARSET = 3
const COLUMN_NAME = 4
const SET_STR_VALUE = 5
const ENUM_STR_VALUE = 6
const GEOMETRY_TYPE = 7
const SIMPLE_PRIMARY_KEY = 8
const PRIMARY_KEY_WITH_PREFIX = 9
const ENUM_AND_SET_DEFAULT_CHARSET = 10
const ENUM_AND_SET_COLUMN_CHARSET = 11
const COLUMN_VISIBILITY = 12
const VECTOR_DIMENSIONALITY = 13

/** Decodes text held in a collation (enum/set labels); supplied by the charset registry. */
export type LabelDecoder = (bytes: Buffer, collation: number | undefined) => string

/**
 * Body: table_id (6 bytes, or 4 when the post-header is 6 long), flags u16, database (u8 length,
 * bytes, NUL), table (u8 length, bytes, NUL), column count (packed), column types (1 byte each),
 * metadata block (packed length, then per column 0-2 bytes by type), null bitmap, then optional
 * metadata as type u8 + packed length + value until the end.
 */
export function decodeTableMap(
  c: Cursor,
  tableIdSize: number,
  decodeLabel: LabelDecoder,
  flavor: 'mysql' | 'mariadb' = 'mysql',
): TableMapEvent {
  const tableId = tableIdSize === 4 ? c.u32() : c.u48()
  const flags = c.u16()
  const database = c.string(c.u8(), 'database name')
  c.skip(1)
  const table = c.string(c.u8(), 'table name')
  c.skip(1)
  const count = c.lenenc('column count')
  const types = c.bytes(count, 'column types')
  const metaEnd = c.lenenc('metadata length') + c.pos
  if (metaEnd > c.end) throw new DecodeError(`metadata block of ${table} runs past the event end`)
  const unknown = [...types].find((t) => !isKnownType(t))
  if (unknown !== undefined) {
    // The column's metadata size is unknown, so neither it nor the rows can be read: say so.
    const why = `column type ${unknown} is not supported`
    return {
      kind: 'table_map',
      tableId,
      flags,
      database,
      table,
      columns: [],
      primaryKey: [],
      primaryKeyPrefixes: [],
      hasFullMetadata: false,
      unsupported: why,
    }
  }
  const columns: ColumnDef[] = new Array(count)
  for (let i = 0; i < count; i++) columns[i] = readColumnMeta(c, i, types[i])
  if (c.pos !== metaEnd) throw new DecodeError(`metadata block of ${database}.${table} is ${metaEnd - c.pos} bytes off`)
  const nulls = c.bytes((count + 7) >> 3, 'null bitmap')
  for (let i = 0; i < count; i++) columns[i].nullable = (nulls[i >> 3] & (1 << (i & 7))) !== 0

  const event: TableMapEvent = {
    kind: 'table_map',
    tableId,
    flags,
    database,
    table,
    columns,
    primaryKey: [],
    primaryKeyPrefixes: [],
    hasFullMetadata: false,
  }
  readOptionalMetadata(c, event, decodeLabel, flavor)
  return event
}

/** Column types that can appear in a TABLE_MAP and that chsync decodes. */
function isKnownType(type: number): boolean {
  return isColumnTypeCode(type) || type === ColumnType.BLOB_COMPRESSED || type === ColumnType.VARCHAR_COMPRESSED
}

function readColumnMeta(c: Cursor, index: number, binlogType: number): ColumnDef {
  // Each case sets the type: the code itself, or what it resolves to (COMPRESSED, STRING's real type).
  const col = columnDef(index, `@${index + 1}`, blankShape(ColumnType.NULL))
  switch (binlogType) {
    case ColumnType.FLOAT:
    case ColumnType.DOUBLE:
    case ColumnType.BLOB:
    case ColumnType.TINY_BLOB:
    case ColumnType.MEDIUM_BLOB:
    case ColumnType.LONG_BLOB:
    case ColumnType.JSON:
    case ColumnType.GEOMETRY:
    case ColumnType.VECTOR:
      col.type = binlogType
      col.meta = col.length = c.u8()
      break
    case ColumnType.TIMESTAMP2:
    case ColumnType.DATETIME2:
    case ColumnType.TIME2:
      col.type = binlogType
      col.meta = col.fsp = c.u8()
      if (col.fsp > 6) throw new DecodeError(`column ${index + 1}: fractional seconds ${col.fsp} > 6`)
      break
    case ColumnType.VARCHAR:
    case ColumnType.VAR_STRING:
      col.type = binlogType
      col.meta = col.length = c.u16()
      break
    // MariaDB COMPRESSED columns: the metadata of BLOB (pack length) and VARCHAR (byte length).
    case ColumnType.BLOB_COMPRESSED:
      col.type = ColumnType.BLOB
      col.compressed = true
      col.meta = col.length = c.u8()
      break
    case ColumnType.VARCHAR_COMPRESSED:
      col.type = ColumnType.VARCHAR
      col.compressed = true
      col.meta = col.length = c.u16()
      break
    case ColumnType.BIT: {
      col.type = binlogType
      const bits = c.u8()
      const bytes = c.u8()
      col.meta = (bytes << 8) | bits
      col.bits = bytes * 8 + bits
      if (col.bits < 1 || col.bits > 64) throw new DecodeError(`column ${index + 1}: BIT(${col.bits}) out of 1..64`)
      break
    }
    case ColumnType.NEWDECIMAL:
      col.type = binlogType
      col.precision = c.u8()
      col.scale = c.u8()
      col.meta = (col.precision << 8) | col.scale
      if (col.precision < 1 || col.precision > 65 || col.scale > 30 || col.scale > col.precision)
        throw new DecodeError(`column ${index + 1}: DECIMAL(${col.precision},${col.scale}) is not a valid decimal`)
      break
    case ColumnType.STRING:
    case ColumnType.ENUM:
    case ColumnType.SET: {
      // Byte 0 is the real type; CHAR lengths above 255 borrow its bits 4-5 (inverted).
      const b0 = c.u8()
      const b1 = c.u8()
      col.meta = (b0 << 8) | b1
      const long = (b0 & 0x30) !== 0x30
      const real = long ? b0 | 0x30 : b0
      col.length = long ? b1 | (((b0 & 0x30) ^ 0x30) << 4) : b1
      if (real !== ColumnType.STRING && real !== ColumnType.ENUM && real !== ColumnType.SET)
        throw new DecodeError(`column ${index + 1}: STRING metadata names real type ${real}`)
      col.type = real
      break
    }
    case ColumnType.TINY:
    case ColumnType.SHORT:
    case ColumnType.INT24:
    case ColumnType.LONG:
    case ColumnType.LONGLONG:
    case ColumnType.YEAR:
    case ColumnType.DATE:
    case ColumnType.NEWDATE:
    case ColumnType.TIME:
    case ColumnType.DATETIME:
    case ColumnType.TIMESTAMP:
    case ColumnType.NULL:
      col.type = binlogType
      break
    default:
      throw new DecodeError(`column ${index + 1}: type ${binlogType} cannot appear in a table map`)
  }
  return col
}

function readOptionalMetadata(c: Cursor, t: TableMapEvent, decodeLabel: LabelDecoder, flavor: 'mysql' | 'mariadb'): void {
  const cols = t.columns
  const numeric = cols.filter((col) => isNumericType(col.type))
  const character = cols.filter((col) => takesCollation(col.type, flavor))
  const enumSet = cols.filter((col) => isEnumOrSet(col.type))
  const enums = cols.filter((col) => col.type === ColumnType.ENUM)
  const sets = cols.filter((col) => col.type === ColumnType.SET)
  const geometry = cols.filter((col) => col.type === ColumnType.GEOMETRY)
  const vectors = cols.filter((col) => col.type === ColumnType.VECTOR)
  const rawLabels = new Map<ColumnDef, Buffer[]>()

  while (c.remaining > 0) {
    const type = c.u8()
    const length = c.lenenc('optional metadata length')
    const end = c.need(length, 'optional metadata') + length
    const f = new Cursor(c.buf, c.pos, end)
    c.pos = end
    switch (type) {
      case SIGNEDNESS:
        // One bit per numeric column, most significant bit first; 1 = UNSIGNED.
        readBitmap(f, numeric.length, 'SIGNEDNESS', (i, bit) => (numeric[i].unsigned = bit))
        break
      case DEFAULT_CHARSET:
        t.defaultCollation = readDefaultCharset(f, character)
        break
      case ENUM_AND_SET_DEFAULT_CHARSET:
        readDefaultCharset(f, enumSet)
        break
      case COLUMN_CHARSET:
        readColumnCharsets(f, character, 'COLUMN_CHARSET')
        break
      case ENUM_AND_SET_COLUMN_CHARSET:
        readColumnCharsets(f, enumSet, 'ENUM_AND_SET_COLUMN_CHARSET')
        break
      case COLUMN_NAME:
        for (const col of cols) col.name = f.lenencString('column name')
        t.hasFullMetadata = true
        break
      case SET_STR_VALUE:
      case ENUM_STR_VALUE:
        for (const col of type === SET_STR_VALUE ? sets : enums) {
          const labels: Buffer[] = new Array(f.lenenc('label count'))
          for (let k = 0; k < labels.length; k++) labels[k] = f.lenencBytes('label')
          rawLabels.set(col, labels)
        }
        break
      case GEOMETRY_TYPE:
        for (const col of geometry) col.geometryType = f.lenenc('geometry type')
        break
      case SIMPLE_PRIMARY_KEY:
        while (f.remaining > 0) {
          t.primaryKey.push(checkIndex(f.lenenc('key column'), cols.length))
          t.primaryKeyPrefixes.push(0)
        }
        break
      case PRIMARY_KEY_WITH_PREFIX:
        while (f.remaining > 0) {
          t.primaryKey.push(checkIndex(f.lenenc('key column'), cols.length))
          t.primaryKeyPrefixes.push(f.lenenc('key prefix'))
        }
        break
      case COLUMN_VISIBILITY:
        readBitmap(f, cols.length, 'COLUMN_VISIBILITY', (i, bit) => (cols[i].visible = bit))
        break
      case VECTOR_DIMENSIONALITY:
        for (const col of vectors) col.vectorDimensions = f.lenenc('vector dimensions')
        break
      default:
        // A newer server's field: the length lets us step over it, as the server's own reader does.
        break
    }
  }
  // The binary collation of MariaDB's GEOMETRY and MySQL's VECTOR only keeps the positions aligned.
  for (const col of [...geometry, ...vectors]) col.collation = undefined
  // Labels arrive as bytes in the column's charset, which may come after them: decode at the end.
  for (const [col, labels] of rawLabels) {
    const decoded = labels.map((b) => decodeLabel(b, col.collation))
    if (col.type === ColumnType.ENUM) col.enumValues = decoded
    else col.setValues = decoded
  }
}

/**
 * Columns that take a place in DEFAULT_CHARSET / COLUMN_CHARSET: the character types, and the
 * blob-based types each server also counts — MariaDB's GEOMETRY, MySQL's VECTOR (both sent with
 * collation 63; verified on MariaDB 10.11 and MySQL 9.7, test/binlog/table-map-order.server.test.ts).
 */
function takesCollation(type: number, flavor: 'mysql' | 'mariadb'): boolean {
  if (isCharacterType(type)) return true
  return flavor === 'mariadb' ? type === ColumnType.GEOMETRY : type === ColumnType.VECTOR
}

/** A bitmap of `count` bits, most significant bit of the first byte first. */
function readBitmap(f: Cursor, count: number, field: string, set: (i: number, bit: boolean) => void): void {
  const bytes = f.bytes(f.remaining)
  if (bytes.length * 8 < count) throw new DecodeError(`${field} bitmap has ${bytes.length * 8} bits for ${count} columns`)
  for (let i = 0; i < count; i++) set(i, (bytes[i >> 3] & (0x80 >> (i & 7))) !== 0)
}

/** Packed default collation, then (packed index among `targets`, packed collation) exceptions. */
function readDefaultCharset(f: Cursor, targets: ColumnDef[]): number {
  const def = f.lenenc('default collation')
  for (const col of targets) col.collation = def
  while (f.remaining > 0) {
    const i = f.lenenc('charset column index')
    const collation = f.lenenc('collation')
    if (i >= targets.length) throw new DecodeError(`charset exception for column #${i} of ${targets.length}`)
    targets[i].collation = collation
  }
  return def
}

function readColumnCharsets(f: Cursor, targets: ColumnDef[], field: string): void {
  for (const col of targets) col.collation = f.lenenc(field)
}

function checkIndex(i: number, count: number): number {
  if (i >= count) throw new DecodeError(`primary key names column ${i} of ${count}`)
  return i
}
