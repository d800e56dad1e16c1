// A source table's columns as ColumnDefs equal to those a TABLE_MAP with binlog_row_metadata=FULL
// gives, read from information_schema instead (for the snapshot, before any row event exists).

import { type ColumnDef, ColumnType, type TrackedForeignKey, type TrackedKey } from '../../model/index.ts'
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
const MARIADB_COLLATIONS = '(SELECT FULL_COLLATION_NAME AS COLLATION_NAME, ID FROM information_schema.COLLATION_CHARACTER_SET_APPLICABILITY)'
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
async function withCollations(query: SourceQuery, sql: (collations: string) => string, params: string[]): Promise<Record<string, unknown>[]> {
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
  const columns = rows.map((r, i) => columnDef(r, i, where))
  const { primaryKey, primaryKeyPrefixes, keys } = await describePrimaryKey(query, db, table, columns)
  const [coll] = await withCollations(query, tableCollationSql, [db, table])
  const collation = coll?.id === null || coll?.id === undefined ? undefined : num(coll.id)
  return { columns, primaryKey, primaryKeyPrefixes, foreignKeys: await describeForeignKeys(query, db, table), keys, ...(collation === undefined ? {} : { collation }) }
}

/** ER_NO_SUCH_TABLE */
const NO_SUCH_TABLE = 1146

// DATA_TYPE → (type code, length for types whose TABLE_MAP metadata is a pack length).
const FIXED: Record<string, [number, number]> = {
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

// GEOMETRY_TYPE metadata: MySQL's Field_geom::geometry_type.
const GEOMETRY: Record<string, number> = {
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

const TEMPORAL: Record<string, number> = {
  time: ColumnType.TIME2,
  datetime: ColumnType.DATETIME2,
  timestamp: ColumnType.TIMESTAMP2,
}

function columnDef(r: Record<string, unknown>, index: number, where: string): ColumnDef {
  const name = text(r.name)
  const dataType = text(r.dataType).toLowerCase()
  const columnType = text(r.columnType)
  const col: ColumnDef = {
    index,
    name,
    type: 0,
    meta: 0,
    nullable: text(r.isNullable) === 'YES',
    // TABLE_MAP flags every YEAR unsigned, as the server keeps it.
    unsigned: /\bunsigned\b/i.test(columnType) || dataType === 'year',
    length: 0,
    precision: 0,
    scale: 0,
    fsp: 0,
    bits: 0,
    visible: !/\bINVISIBLE\b/i.test(text(r.extra)),
  }
  const collation = r.collationId === null || r.collationId === undefined ? undefined : num(r.collationId)
  const fail = (why: string) => new SourceTableError(where, why, name)
  // MariaDB prints COMPRESSED columns as "varchar(300) /*M!100301 COMPRESSED*/".
  const compressed = /\bCOMPRESSED\b/.test(columnType)
  const fixed = FIXED[dataType]
  if (fixed) {
    col.type = fixed[0]
    col.meta = col.length = fixed[1]
    // Text and blob columns carry a collation (63, binary, for blobs); JSON has none.
    if (col.type === ColumnType.BLOB) {
      col.collation = collation ?? 63
      if (compressed) col.compressed = true
    }
    return col
  }
  if (dataType in TEMPORAL) {
    col.type = TEMPORAL[dataType]
    col.meta = col.fsp = num(r.datetimePrecision)
    return col
  }
  if (dataType in GEOMETRY) {
    col.type = ColumnType.GEOMETRY
    col.meta = col.length = 4
    col.geometryType = GEOMETRY[dataType]
    return col
  }
  switch (dataType) {
    case 'decimal':
    case 'numeric':
      col.type = ColumnType.NEWDECIMAL
      col.precision = num(r.numericPrecision)
      col.scale = num(r.numericScale)
      col.meta = (col.precision << 8) | col.scale
      return col
    case 'bit':
      col.type = ColumnType.BIT
      col.bits = num(r.numericPrecision)
      col.meta = ((col.bits >> 3) << 8) | (col.bits & 7)
      return col
    case 'char':
    case 'binary':
      col.type = ColumnType.STRING
      col.length = num(r.octets)
      col.meta = stringMeta(ColumnType.STRING, col.length)
      col.collation = collation ?? 63
      return col
    case 'varchar':
    case 'varbinary':
      col.type = ColumnType.VARCHAR
      // A COMPRESSED VARCHAR's values have a header byte more (MariaDB Field_varstring_compressed).
      col.meta = col.length = num(r.octets) + (compressed ? 1 : 0)
      col.collation = collation ?? 63
      if (compressed) col.compressed = true
      return col
    case 'enum':
    case 'set': {
      const labels = parseLabels(columnType)
      if (!labels) throw fail(`cannot read the labels of ${columnType}`)
      col.collation = collation
      if (dataType === 'enum') {
        col.type = ColumnType.ENUM
        col.length = labels.length < 256 ? 1 : 2
        col.enumValues = labels
      } else {
        col.type = ColumnType.SET
        const bytes = (labels.length + 7) >> 3
        col.length = bytes > 4 ? 8 : bytes
        col.setValues = labels
      }
      col.meta = stringMeta(col.type, col.length)
      return col
    }
    case 'uuid':
    case 'inet6':
    case 'inet4':
      // MariaDB's fixed-size binary types: the binlog carries them as BINARY(16) / BINARY(4).
      col.type = ColumnType.STRING
      col.length = dataType === 'inet4' ? 4 : 16
      col.meta = stringMeta(ColumnType.STRING, col.length)
      col.collation = 63
      col.fixedBinaryType = dataType
      return col
    case 'vector':
      col.type = ColumnType.VECTOR
      col.meta = col.length = 4
      col.vectorDimensions = num(r.octets) / 4
      return col
  }
  throw fail(`type ${columnType} is not one chsync knows`)
}

/**
 * STRING-family metadata as TABLE_MAP carries it: byte 0 the real type, byte 1 the length's low
 * 8 bits; lengths above 255 store their bits 8-9, inverted, in bits 4-5 of byte 0.
 */
function stringMeta(type: number, length: number): number {
  const b0 = (type & 0xcf) | (((length >> 4) & 0x30) ^ 0x30)
  return (b0 << 8) | (length & 0xff)
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
