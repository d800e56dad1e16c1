// A source column as TABLE_MAP with full metadata describes it, and how TABLE_MAP encodes its type:
// the type code, its metadata bytes and what they mean (byte lengths, length-prefix sizes,
// precision, fractional digits, bits).

import { ColumnType, type ColumnTypeCode, isNumericType } from './column-type.ts'

/** MariaDB's fixed-size binary types, which the binlog carries as BINARY(16) / BINARY(4). */
export type FixedBinaryType = 'uuid' | 'inet6' | 'inet4'

export interface ColumnDef {
  index: number
  /** From COLUMN_NAME metadata; `@N` (1-based, as mysqlbinlog prints) when the server sent no names. */
  name: string
  /** The real type: ENUM and SET are resolved from STRING's metadata, COMPRESSED ones to BLOB and VARCHAR. */
  type: ColumnTypeCode
  /** Raw TABLE_MAP metadata of the column (0 when the type has none). */
  meta: number
  nullable: boolean
  unsigned: boolean
  /** Collation id for character, ENUM and SET columns (undefined when unknown or not applicable). */
  collation?: number
  /** CHAR/VARCHAR/BINARY max length in bytes; BLOB/TEXT/JSON/GEOMETRY length-prefix size. */
  length: number
  /** DECIMAL precision and scale. */
  precision: number
  scale: number
  /** Fractional seconds digits of TIME2/DATETIME2/TIMESTAMP2. */
  fsp: number
  /** BIT width in bits. */
  bits: number
  enumValues?: string[]
  setValues?: string[]
  geometryType?: number
  vectorDimensions?: number
  visible: boolean
  /**
   * MariaDB COMPRESSED column (type BLOB or VARCHAR): each value is its bytes behind a header
   * byte, zlib-compressed or not. A compressed VARCHAR's length counts that byte.
   */
  compressed?: boolean
  /**
   * MariaDB's UUID, INET6 and INET4, which TABLE_MAP shows as BINARY(16) / BINARY(4): known only
   * from the catalog or DDL. The binlog carries their bytes in text order (network order for
   * addresses).
   */
  fixedBinaryType?: FixedBinaryType
}

/** The binlog's part of a ColumnDef: everything but index, name, nullability and visibility. */
export type BinlogShape = Omit<ColumnDef, 'index' | 'name' | 'nullable' | 'visible'>

/** The collation id of binary strings. */
export const BINARY_COLLATION = 63

/** Largest byte length each BLOB length-prefix size holds. */
export const BLOB_MAX_BYTES: readonly number[] = [0, 255, 65535, 16777215, 4294967295]

/** The smallest BLOB/TEXT type holding `bytes` bytes, as its length-prefix size (TEXT(n), BLOB(n), long VARCHAR). */
export function blobPackLength(bytes: number): number {
  if (bytes < 256) return 1
  if (bytes < 65536) return 2
  if (bytes < 16777216) return 3
  return 4
}

/** Bytes a SET of n members takes in a row: 1, 2, 3, 4 or 8. */
export function setPackLength(members: number): number {
  const bytes = (members + 7) >> 3
  return bytes > 4 ? 8 : Math.max(bytes, 1)
}

/** VARCHAR holds at most 65535 bytes; above that the server (outside strict mode) picks a TEXT type. */
const MAX_VARCHAR_BYTES = 65535

export function blankShape(type: ColumnTypeCode): BinlogShape {
  return { type, meta: 0, unsigned: false, length: 0, precision: 0, scale: 0, fsp: 0, bits: 0 }
}

/**
 * The one place a ColumnDef is made (the TABLE_MAP decoder, information_schema and DDL all come
 * here), so a new field gets one default: in blankShape for the type's part, here for the rest.
 */
export function columnDef(index: number, name: string, shape: BinlogShape, nullable = false, visible = true): ColumnDef {
  return { index, name, ...shape, nullable, visible }
}

export function typed(shape: BinlogShape, type: ColumnTypeCode): BinlogShape {
  shape.type = type
  return shape
}

export function withLength(shape: BinlogShape, length: number): BinlogShape {
  shape.meta = shape.length = length
  return shape
}

/** GEOMETRY_TYPE metadata by type name (MySQL's Field_geom::geometry_type); GEOMCOLLECTION is MySQL 8's name for GEOMETRYCOLLECTION. */
const GEOMETRY_TYPES: Readonly<Record<string, number>> = {
  geometry: 0,
  point: 1,
  linestring: 2,
  polygon: 3,
  multipoint: 4,
  multilinestring: 5,
  multipolygon: 6,
  geometrycollection: 7,
  geomcollection: 7,
}

/** The shape of a spatial column of type `typeName` (lower case), or null when it names no spatial type. */
export function spatial(shape: BinlogShape, typeName: string): BinlogShape | null {
  const geometryType = GEOMETRY_TYPES[typeName]
  if (geometryType === undefined) return null
  withLength(typed(shape, ColumnType.GEOMETRY), 4)
  shape.geometryType = geometryType
  return shape
}

export function numeric(shape: BinlogShape, type: ColumnTypeCode, unsigned: boolean): BinlogShape {
  shape.type = type
  shape.unsigned = isNumericType(type) && unsigned
  return shape
}

export function temporal(shape: BinlogShape, type: ColumnTypeCode, fsp: number): BinlogShape {
  shape.type = type
  shape.meta = shape.fsp = fsp
  return shape
}

/**
 * CHAR / BINARY: STRING metadata is the real type and the byte length; lengths above 255 put
 * their bits 8-9 into bits 4-5 of the type byte, inverted (MySQL Field_string::do_save_field_metadata).
 */
export function fixedString(shape: BinlogShape, bytes: number, collation: number): BinlogShape {
  shape.type = ColumnType.STRING
  shape.length = bytes
  shape.meta = ((ColumnType.STRING ^ ((bytes & 0x300) >> 4)) << 8) | (bytes & 0xff)
  shape.collation = collation
  return shape
}

export function variableString(shape: BinlogShape, bytes: number, collation: number): BinlogShape {
  if (bytes > MAX_VARCHAR_BYTES) return blob(shape, blobPackLength(bytes), collation)
  shape.type = ColumnType.VARCHAR
  shape.meta = shape.length = bytes
  shape.collation = collation
  return shape
}

export function blob(shape: BinlogShape, packLength: number, collation: number): BinlogShape {
  shape.type = ColumnType.BLOB
  shape.meta = shape.length = packLength
  shape.collation = collation
  return shape
}

/**
 * ENUM / SET: STRING metadata with the real type and the byte length (1 or 2 for an ENUM, the SET's
 * pack length), and the labels as the server keeps them.
 */
export function labelled(
  shape: BinlogShape,
  type: typeof ColumnType.ENUM | typeof ColumnType.SET,
  labels: string[],
  collation: number | undefined,
): BinlogShape {
  shape.type = type
  if (type === ColumnType.ENUM) {
    shape.length = labels.length > 255 ? 2 : 1
    shape.enumValues = labels
  } else {
    shape.length = setPackLength(labels.length)
    shape.setValues = labels
  }
  shape.meta = (type << 8) | shape.length
  shape.collation = collation
  return shape
}
