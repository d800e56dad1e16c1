// A source table's columns as ColumnDefs equal to those a TABLE_MAP with binlog_row_metadata=FULL
// gives, read from information_schema instead (for the snapshot, before any row event exists).

import {
  BINARY_COLLATION,
  type BinlogShape,
  blankShape,
  blob,
  type ColumnDef,
  columnDef,
  ColumnType,
  type ColumnTypeCode,
  fixedString,
  labelled,
  spatial,
  temporal,
  type TrackedForeignKey,
  type TrackedKey,
  typed,
  withLength,
} from '../../model/index.ts'
import { parseLabels } from './column-type-text.ts'
import { SourceTableError } from './errors.ts'
import { describeForeignKeys } from './foreign-keys.ts'
import { describePrimaryKey } from './primary-key.ts'

/** Runs a query with `?` parameters on the source; rows as objects keyed by column alias. */
export type SourceQuery = (sql: string, params: string[]) => Promise<Record<string, unknown>[]>

export interface SourceTableShape {
  columns: ColumnDef[]
  /** Primary key column indexes in key order (empty when the table has none). */
  primaryKey: number[]
  /** Prefix length in characters per primary key column (0 = whole column), as TABLE_MAP has it. */
  primaryKeyPrefixes: number[]
  /** Its foreign keys (the table as the child), by constraint name. */
  foreignKeys: TrackedForeignKey[]
  /** Its keys in the server's order (SHOW INDEX), for following later DDL. */
  keys: TrackedKey[]
  /** The table's default collation id (for columns added later without a character set). */
  collation?: number
}

/**
 * Where a collation name's id is. MariaDB 10.10+ lists its uca1400 collations (the defaults of
 * 11.x) in COLLATIONS without an id, and with the id under their full name only in
 * COLLATION_CHARACTER_SET_APPLICABILITY; MySQL and older MariaDB have no FULL_COLLATION_NAME there.
 */
const MARIADB_COLLATIONS =
  '(SELECT FULL_COLLATION_NAME AS COLLATION_NAME, ID FROM information_schema.COLLATION_CHARACTER_SET_APPLICABILITY)'
const COLLATIONS = 'information_schema.COLLATIONS'
const ER_BAD_FIELD_ERROR = 1054

const tableCollationSql = (collations: string) => `SELECT co.ID AS id FROM information_schema.TABLES t
JOIN ${collations} co ON co.COLLATION_NAME = t.TABLE_COLLATION
WHERE t.TABLE_SCHEMA = ? AND t.TABLE_NAME = ?`

const columnsSql = (collations: string) => `SELECT c.COLUMN_NAME AS name, c.DATA_TYPE AS dataType, c.COLUMN_TYPE AS columnType,
  c.IS_NULLABLE AS isNullable, c.CHARACTER_OCTET_LENGTH AS octets, c.NUMERIC_PRECISION AS numericPrecision,
  c.NUMERIC_SCALE AS numericScale, c.DATETIME_PRECISION AS datetimePrecision, co.ID AS collationId, c.EXTRA AS extra
FROM information_schema.COLUMNS c
LEFT JOIN ${collations} co ON co.COLLATION_NAME = c.COLLATION_NAME
WHERE c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ?
ORDER BY c.ORDINAL_POSITION`

/** `sql(MARIADB_COLLATIONS)`, or on a server without that column `sql(COLLATIONS)`. */
async function withCollations(
  query: SourceQuery,
  sql: (collations: string) => string,
  params: string[],
): Promise<Record<string, unknown>[]> {
  try {
    return await query(sql(MARIADB_COLLATIONS), params)
  } catch (err) {
    if ((err as { errno?: number }).errno !== ER_BAD_FIELD_ERROR) throw err
    return query(sql(COLLATIONS), params)
  }
}

export async function describeSourceTable(query: SourceQuery, db: string, table: string): Promise<SourceTableShape> {
  const where = `${db}.${table}`
  const rows = await withCollations(query, columnsSql, [db, table])
  if (rows.length === 0) {
    // Not shown: gone, or hidden from this account. Only an account that may read the database
    // hears which (the server answers "denied" for both otherwise).
    const gone = await query(`SELECT 1 FROM ${quote(db)}.${quote(table)} LIMIT 0`, []).then(
      () => false,
      (err: { errno?: number }) => err.errno === NO_SUCH_TABLE,
    )
    throw new SourceTableError(where, gone ? 'no such table' : 'no such table, or no privilege to see its columns', undefined, { gone })
  }
  // information_schema shows an account only the columns it may read: a table with SELECT on some
  // columns would be described without the others. Reading every column, as the copy does, says so.
  try {
    await query(`SELECT * FROM ${quote(db)}.${quote(table)} LIMIT 0`, [])
  } catch (err) {
    throw new SourceTableError(where, `cannot read every column: ${(err as Error).message}`, undefined, { cause: err })
  }
  const columns = rows.map((r, i) => describeColumn(r, i, where))
  const { primaryKey, primaryKeyPrefixes, keys } = await describePrimaryKey(query, db, table, columns)
  const [coll] = await withCollations(query, tableCollationSql, [db, table])
  const collation = coll?.id === null || coll?.id === undefined ? undefined : num(coll.id)
  return {
    columns,
    primaryKey,
    primaryKeyPrefixes,
    foreignKeys: await describeForeignKeys(query, db, table),
    keys,
    ...(collation === undefined ? {} : { collation }),
  }
}

/** ER_NO_SUCH_TABLE */
const NO_SUCH_TABLE = 1146

// DATA_TYPE → (type code, length for types whose TABLE_MAP metadata is a pack length).
const FIXED: Record<string, [ColumnTypeCode, number]> = {
  tinyint: [ColumnType.TINY, 0],
  smallint: [ColumnType.SHORT, 0],
  mediumint: [ColumnType.INT24, 0],
  int: [ColumnType.LONG, 0],
  integer: [ColumnType.LONG, 0],
  bigint: [ColumnType.LONGLONG, 0],
  float: [ColumnType.FLOAT, 4],
  double: [ColumnType.DOUBLE, 8],
  real: [ColumnType.DOUBLE, 8],
  year: [ColumnType.YEAR, 0],
  date: [ColumnType.DATE, 0],
  tinytext: [ColumnType.BLOB, 1],
  tinyblob: [ColumnType.BLOB, 1],
  text: [ColumnType.BLOB, 2],
  blob: [ColumnType.BLOB, 2],
  mediumtext: [ColumnType.BLOB, 3],
  mediumblob: [ColumnType.BLOB, 3],
  longtext: [ColumnType.BLOB, 4],
  longblob: [ColumnType.BLOB, 4],
  json: [ColumnType.JSON, 4],
}

const TEMPORAL: Record<string, ColumnTypeCode> = {
  time: ColumnType.TIME2,
  datetime: ColumnType.DATETIME2,
  timestamp: ColumnType.TIMESTAMP2,
}

function describeColumn(r: Record<string, unknown>, index: number, where: string): ColumnDef {
  const name = text(r.name)
  const dataType = text(r.dataType).toLowerCase()
  const columnType = text(r.columnType)
  const nullable = text(r.isNullable) === 'YES'
  const visible = !/\bINVISIBLE\b/i.test(text(r.extra))
  const shape = columnShape(r, dataType, columnType, (why) => new SourceTableError(where, why, name))
  // TABLE_MAP flags every YEAR unsigned, as the server keeps it.
  shape.unsigned = /\bunsigned\b/i.test(columnType) || dataType === 'year'
  return columnDef(index, name, shape, nullable, visible)
}

/** The binlog's part of the column: its type code, metadata, lengths and collation. */
function columnShape(r: Record<string, unknown>, dataType: string, columnType: string, fail: (why: string) => Error): BinlogShape {
  const collation = r.collationId === null || r.collationId === undefined ? undefined : num(r.collationId)
  const shape = blankShape(ColumnType.NULL)
  // MariaDB prints COMPRESSED columns as "varchar(300) /*M!100301 COMPRESSED*/".
  const compressed = /\bCOMPRESSED\b/.test(columnType)
  const fixed = FIXED[dataType]
  if (fixed) {
    // Text and blob columns carry a collation (63, binary, for blobs); JSON has none.
    if (fixed[0] !== ColumnType.BLOB) return withLength(typed(shape, fixed[0]), fixed[1])
    blob(shape, fixed[1], collation ?? BINARY_COLLATION)
    if (compressed) shape.compressed = true
    return shape
  }
  if (dataType in TEMPORAL) return temporal(shape, TEMPORAL[dataType], num(r.datetimePrecision))
  const geometry = spatial(shape, dataType)
  if (geometry) return geometry
  switch (dataType) {
    case 'decimal':
    case 'numeric':
      shape.type = ColumnType.NEWDECIMAL
      shape.precision = num(r.numericPrecision)
      shape.scale = num(r.numericScale)
      shape.meta = (shape.precision << 8) | shape.scale
      return shape
    case 'bit':
      shape.type = ColumnType.BIT
      shape.bits = num(r.numericPrecision)
      shape.meta = ((shape.bits >> 3) << 8) | (shape.bits & 7)
      return shape
    case 'char':
    case 'binary':
      return fixedString(shape, num(r.octets), collation ?? BINARY_COLLATION)
    case 'varchar':
    case 'varbinary':
      // A COMPRESSED VARCHAR's values have a header byte more (MariaDB Field_varstring_compressed).
      // As the server reports it: never a BLOB, which a longer DDL VARCHAR would become.
      withLength(typed(shape, ColumnType.VARCHAR), num(r.octets) + (compressed ? 1 : 0))
      shape.collation = collation ?? BINARY_COLLATION
      if (compressed) shape.compressed = true
      return shape
    case 'enum':
    case 'set': {
      const labels = parseLabels(columnType)
      if (!labels) throw fail(`cannot read the labels of ${columnType}`)
      return labelled(shape, dataType === 'enum' ? ColumnType.ENUM : ColumnType.SET, labels, collation)
    }
    case 'uuid':
    case 'inet6':
    case 'inet4':
      // MariaDB's fixed-size binary types: the binlog carries them as BINARY(16) / BINARY(4).
      fixedString(shape, dataType === 'inet4' ? 4 : 16, BINARY_COLLATION)
      shape.fixedBinaryType = dataType
      return shape
    case 'vector':
      withLength(typed(shape, ColumnType.VECTOR), 4)
      shape.vectorDimensions = num(r.octets) / 4
      return shape
  }
  throw fail(`type ${columnType} is not one chsync knows`)
}

function quote(name: string): string {
  return '`' + name.replaceAll('`', '``') + '`'
}

function text(v: unknown): string {
  if (v === null || v === undefined) return ''
  return Buffer.isBuffer(v) ? v.toString('utf8') : String(v)
}

function num(v: unknown): number {
  if (v === null || v === undefined) return 0
  return Number(text(v))
}
