// What a parsed CREATE TABLE means, in the terms two spellings of the same table must agree on
// (a statement and the server's SHOW CREATE TABLE of it, or a dump of it).

import type { ColumnDefault, ColumnDefinition, CreateTableStatement, ServerFlavor } from '../../../src/schema/ddl/index.ts'

export interface TableMeaning {
  columns: ColumnMeaning[]
  [other: string]: unknown
}

export interface ColumnMeaning {
  type: string
  default: string | null
  values: string[] | null
  [other: string]: unknown
}

/**
 * Where the output legitimately says less than the source: the server picked a TEXT / BLOB type
 * for TEXT(n) / BLOB(n); MariaDB folds a constant `(expr)` default into a literal; ENUM / SET
 * labels print 4-byte characters as '?' (both servers keep labels in utf8mb3 metadata, while
 * the column's values keep them).
 */
export function reconcile(shown: TableMeaning, written: TableMeaning): void {
  shown.columns.forEach((column, i) => {
    const source = written.columns[i]
    if (source === undefined) return
    if (source.type === 'some text' && /text$/.test(column.type)) column.type = source.type
    if (source.type === 'some blob' && /blob$/.test(column.type)) column.type = source.type
    if (source.default === 'expression' && column.default !== null) column.default = 'expression'
    if (source.values !== null) source.values = source.values.map((label) => label.replace(/[\u{10000}-\u{10FFFF}]/gu, '?'))
  })
}

/**
 * What a CREATE TABLE means, in the terms both spellings must agree on. Left out on purpose:
 * integer display widths (MariaDB prints them, MySQL does not), character sets and collations
 * (printed only where they differ from the table's), TEXT(n) / BLOB(n) (the server picks the
 * type), and the text of expressions (the servers reprint them).
 */
export function meaning(table: CreateTableStatement, flavor: ServerFlavor): TableMeaning {
  return {
    columns: table.columns.map((c) => columnMeaning(c, flavor)),
    primaryKey: table.primaryKey?.map((p) => `${p.column?.toLowerCase()}${p.length === null ? '' : `(${p.length})`}`) ?? null,
    uniqueKeys: table.uniqueKeys.map((k) => k.parts.map((p) => p.column?.toLowerCase()).join(',')).sort(),
    foreignKeys: table.foreignKeys.length,
    partitioned: table.partitioning?.method ?? null,
  }
}

const LENGTH_MATTERS = new Set(['char', 'varchar', 'binary', 'varbinary', 'bit', 'vector'])
const NUMERIC = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'bigint', 'decimal', 'float', 'double', 'year'])

function columnMeaning(c: ColumnDefinition, flavor: ServerFlavor): ColumnMeaning {
  const t = c.type
  const sized = (t.name === 'text' || t.name === 'blob') && t.length !== null
  let type: string = sized ? (t.name === 'text' ? 'some text' : 'some blob') : t.name
  if (flavor === 'mariadb' && t.name === 'json') type = 'longtext'
  return {
    name: c.name,
    type,
    length: LENGTH_MATTERS.has(t.name) ? t.length : null,
    precision: t.precision,
    scale: t.scale,
    fsp: t.fsp,
    unsigned: t.unsigned,
    zerofill: t.zerofill,
    values: t.values,
    nullable: c.nullable,
    default: defaultMeaning(c),
    onUpdate: c.onUpdateCurrentTimestamp,
    autoIncrement: c.autoIncrement,
    generated: c.generated === null ? null : c.generated.stored ? 'stored' : 'virtual',
    rowPeriod: c.rowPeriod,
    invisible: c.invisible,
    // MariaDB keeps REF_SYSTEM_ID but SHOW CREATE TABLE does not print it.
    srid: flavor === 'mariadb' ? null : c.srid,
  }
}

/** A default as a value both spellings share: '1' for DEFAULT 1, DEFAULT '1' and DEFAULT TRUE. */
function defaultMeaning(c: ColumnDefinition): string | null {
  const d: ColumnDefault | null = c.default
  if (d === null) {
    // No DEFAULT on a nullable column is DEFAULT NULL (MariaDB prints it, MySQL does for most types).
    return c.nullable && c.generated === null && !c.autoIncrement ? 'NULL' : null
  }
  switch (d.kind) {
    case 'null':
      return 'NULL'
    case 'boolean':
      return d.value ? '1' : '0'
    case 'number':
    case 'string':
      return NUMERIC.has(c.type.name) && d.value !== '' && !Number.isNaN(Number(d.value)) ? String(Number(d.value)) : d.value
    case 'hex':
      // MySQL prints a binary default as 0x.., MariaDB as a string of its bytes.
      return NUMERIC.has(c.type.name) ? String(Number.parseInt(d.value, 16)) : Buffer.from(d.value, 'hex').toString('latin1')
    case 'bit':
      return `b:${d.value.replace(/^0+(?=.)/, '')}`
    case 'current_timestamp':
      return `now(${d.fsp})`
    case 'expression':
      return 'expression'
  }
}
