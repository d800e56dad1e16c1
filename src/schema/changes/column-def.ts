// A column definition from DDL turned into the ColumnDef a TABLE_MAP with full metadata gives for
// it: binlog type code, raw metadata, byte lengths, collation id, signedness, labels.

import {
  BINARY_COLLATION,
  type BinlogShape,
  blankShape,
  blob,
  blobPackLength,
  type ColumnDef,
  columnDef,
  ColumnType,
  fixedString,
  labelled,
  numeric,
  spatial,
  temporal,
  typed,
  variableString,
  withLength,
} from '../../model/index.ts'
import type { ColumnDefinition, DataType, ServerFlavor, TypeName } from '../ddl/index.ts'
import { characterCollation, requireCollation, type ColumnCharsetDefaults } from './column-collation.ts'
import { SchemaChangeError } from './errors.ts'

export type { ColumnCharsetDefaults } from './column-collation.ts'

/**
 * The ColumnDef a TABLE_MAP would carry for `column` at position `index`. A character set or
 * collation the catalog does not list is a SchemaChangeError.
 */
export function columnDefFromAst(
  column: ColumnDefinition,
  index: number,
  defaults: ColumnCharsetDefaults,
  flavor: ServerFlavor,
): ColumnDef {
  const shape = binlogShape(column.type, defaults, flavor)
  if (column.extra.COMPRESSED !== undefined) {
    // MariaDB compresses VARCHAR, VARBINARY, TEXT and BLOB only; a VARCHAR gains a header byte.
    if (shape.type === ColumnType.VARCHAR) shape.meta = shape.length = shape.length + 1
    else if (shape.type !== ColumnType.BLOB)
      throw new SchemaChangeError('unsupported_type', `column ${column.name}: ${column.type.name} cannot be COMPRESSED`)
    shape.compressed = true
  }
  // MariaDB sends no COLUMN_VISIBILITY: its invisible columns look like any other.
  return columnDef(index, column.name, shape, column.nullable, flavor === 'mysql' ? !column.invisible : true)
}

export function binlogShape(type: DataType, defaults: ColumnCharsetDefaults, flavor: ServerFlavor): BinlogShape {
  const shape = blankShape(ColumnType.NULL)
  const name: TypeName = type.name
  switch (name) {
    case 'tinyint':
      return numeric(shape, ColumnType.TINY, type.unsigned)
    case 'smallint':
      return numeric(shape, ColumnType.SHORT, type.unsigned)
    case 'mediumint':
      return numeric(shape, ColumnType.INT24, type.unsigned)
    case 'int':
      return numeric(shape, ColumnType.LONG, type.unsigned)
    case 'bigint':
      return numeric(shape, ColumnType.LONGLONG, type.unsigned)
    case 'decimal': {
      numeric(shape, ColumnType.NEWDECIMAL, type.unsigned)
      shape.precision = type.precision ?? 10
      shape.scale = type.scale ?? 0
      shape.meta = (shape.precision << 8) | shape.scale
      return shape
    }
    case 'float':
      return withLength(numeric(shape, ColumnType.FLOAT, type.unsigned), 4)
    case 'double':
      return withLength(numeric(shape, ColumnType.DOUBLE, type.unsigned), 8)
    case 'bit': {
      const bits = type.length ?? 1
      shape.type = ColumnType.BIT
      shape.bits = bits
      // Metadata: bits % 8 in the low byte, whole bytes in the high byte.
      shape.meta = ((bits >> 3) << 8) | (bits & 7)
      return shape
    }
    case 'date':
      shape.type = ColumnType.DATE
      return shape
    case 'year':
      // TABLE_MAP flags every YEAR unsigned.
      shape.type = ColumnType.YEAR
      shape.unsigned = true
      return shape
    case 'time':
      return temporal(shape, ColumnType.TIME2, type.fsp ?? 0)
    case 'datetime':
      return temporal(shape, ColumnType.DATETIME2, type.fsp ?? 0)
    case 'timestamp':
      return temporal(shape, ColumnType.TIMESTAMP2, type.fsp ?? 0)
    case 'char':
    case 'varchar': {
      const collation = characterCollation(type, defaults, flavor)
      const bytes = (type.length ?? 1) * collation.maxLength
      if (name === 'char') return fixedString(shape, bytes, collation.id)
      return variableString(shape, bytes, collation.id)
    }
    case 'binary':
      return fixedString(shape, type.length ?? 1, BINARY_COLLATION)
    case 'varbinary':
      return variableString(shape, type.length ?? 0, BINARY_COLLATION)
    case 'tinytext':
    case 'mediumtext':
    case 'longtext':
      return blob(shape, TEXT_PACK_LENGTH[name], characterCollation(type, defaults, flavor).id)
    case 'text': {
      const collation = characterCollation(type, defaults, flavor)
      const pack = type.length === null ? 2 : blobPackLength(type.length * collation.maxLength)
      return blob(shape, pack, collation.id)
    }
    case 'tinyblob':
      return blob(shape, 1, BINARY_COLLATION)
    case 'blob':
      return blob(shape, type.length === null ? 2 : blobPackLength(type.length), BINARY_COLLATION)
    case 'mediumblob':
      return blob(shape, 3, BINARY_COLLATION)
    case 'longblob':
      return blob(shape, 4, BINARY_COLLATION)
    case 'enum':
    case 'set': {
      // Both servers drop trailing spaces (only spaces) from labels when the table is created.
      const labels = (type.values ?? []).map((label) => label.replace(/ +$/, ''))
      return labelled(shape, name === 'enum' ? ColumnType.ENUM : ColumnType.SET, labels, characterCollation(type, defaults, flavor).id)
    }
    case 'json':
      if (flavor === 'mysql') return withLength(typed(shape, ColumnType.JSON), 4)
      // MariaDB's JSON is LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin with a CHECK.
      return blob(shape, 4, requireCollation(defaults.collations.byName('utf8mb4_bin'), 'utf8mb4_bin').id)
    case 'geometry':
    case 'point':
    case 'linestring':
    case 'polygon':
    case 'multipoint':
    case 'multilinestring':
    case 'multipolygon':
    case 'geometrycollection':
      return spatial(shape, name)!
    case 'vector':
      withLength(typed(shape, ColumnType.VECTOR), 4)
      shape.vectorDimensions = type.length ?? 2048
      return shape
    // MariaDB's UUID, INET6 and INET4 reach the binlog as BINARY(16), BINARY(16) and BINARY(4).
    case 'uuid':
    case 'inet6':
    case 'inet4':
      fixedString(shape, name === 'inet4' ? 4 : 16, BINARY_COLLATION)
      shape.fixedBinaryType = name
      return shape
  }
}

/** Length-prefix bytes of TINY-, -, MEDIUM- and LONGTEXT. */
const TEXT_PACK_LENGTH = { tinytext: 1, mediumtext: 3, longtext: 4 } as const
