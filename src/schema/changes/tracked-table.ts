// Following DDL on a TrackedTable: column lookup, the primary key the server derives from the
// keys, the hidden hash column of long UNIQUE keys, copies.

import {
  blankShape,
  type ColumnDef,
  columnDef,
  ColumnType,
  type TrackedForeignKey,
  type TrackedKey,
  type TrackedTable,
} from '../../model/index.ts'
import type { ServerFlavor } from '../ddl/index.ts'

/** Column names compare case-insensitively on both servers. */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

export function columnIndex(columns: readonly ColumnDef[], name: string): number {
  const lower = name.toLowerCase()
  return columns.findIndex((c) => c.name.toLowerCase() === lower)
}

/**
 * The primary key TABLE_MAP reports: the PRIMARY KEY, or else — both servers do this when
 * opening a table — the first UNIQUE key whose parts are whole NOT NULL columns. BLOB-like
 * columns never qualify (MariaDB keeps such a unique key as a hash, MySQL refuses it).
 */
export function effectivePrimaryKey(columns: readonly ColumnDef[], keys: readonly TrackedKey[], flavor: ServerFlavor): number[] {
  const primary = keys.find((k) => k.kind === 'primary')
  if (primary !== undefined) return partIndexes(columns, primary) ?? []
  for (const key of keys) {
    if (key.kind !== 'unique' || (flavor === 'mariadb' && isLongUnique(key, columns))) continue
    const indexes = partIndexes(columns, key)
    if (indexes === null) continue
    const usable = key.parts.every((p) => p.prefix === null) && indexes.every((i) => !columns[i].nullable && !isBlobLike(columns[i]))
    if (usable) return indexes
  }
  return []
}

/** InnoDB's largest key, in bytes. */
const MAX_KEY_BYTES = 3072

/**
 * MariaDB keeps a UNIQUE key as a hash over a hidden BIGINT UNSIGNED column (DB_ROW_HASH_n,
 * after the table's columns) when it is written USING HASH, has a whole BLOB / TEXT part, or is
 * longer than InnoDB allows.
 */
export function isLongUnique(key: TrackedKey, columns: readonly ColumnDef[]): boolean {
  if (key.kind !== 'unique') return false
  if (key.hash === true) return true
  let bytes = 0
  for (const part of key.parts) {
    const i = part.column === null ? -1 : columnIndex(columns, part.column)
    if (i < 0) continue
    const column = columns[i]
    if (isBlobLike(column) && part.prefix === null) return true
    // Byte lengths of prefixes are estimated at 4 bytes a character: only keys near the limit care.
    if (part.prefix !== null) bytes += column.length > 4 ? Math.min(column.length, part.prefix * 4) : part.prefix * 4
    else bytes += column.length > 0 ? column.length : 8
  }
  return bytes > MAX_KEY_BYTES
}

/** The hidden column MariaDB adds for its n-th long UNIQUE key. */
export function rowHashColumn(n: number): ColumnDef {
  return columnDef(0, `DB_ROW_HASH_${n}`, { ...blankShape(ColumnType.LONGLONG), unsigned: true }, true)
}

export function isRowHashColumn(column: ColumnDef): boolean {
  return /^DB_ROW_HASH_\d+$/.test(column.name) && column.type === ColumnType.LONGLONG && column.unsigned
}

function partIndexes(columns: readonly ColumnDef[], key: TrackedKey): number[] | null {
  const indexes: number[] = []
  for (const part of key.parts) {
    if (part.column === null) return null
    const i = columnIndex(columns, part.column)
    if (i < 0) return null
    indexes.push(i)
  }
  return indexes
}

function isBlobLike(column: ColumnDef): boolean {
  switch (column.type) {
    case ColumnType.BLOB:
    case ColumnType.JSON:
    case ColumnType.GEOMETRY:
    case ColumnType.VECTOR:
      return true
  }
  return false
}

/** A copy with `index` renumbered to the columns' positions. */
export function renumbered(columns: readonly ColumnDef[]): ColumnDef[] {
  return columns.map((c, index) => (c.index === index ? c : { ...c, index }))
}

/** A deep enough copy that edits to the copy never reach the original. */
export function copyTable(table: TrackedTable): TrackedTable {
  const copy: TrackedTable = {
    database: table.database,
    table: table.table,
    columns: table.columns.map(copyColumn),
    primaryKey: [...table.primaryKey],
  }
  if (table.collation !== undefined) copy.collation = table.collation
  if (table.keys !== undefined) copy.keys = table.keys.map((k) => ({ ...k, parts: k.parts.map((p) => ({ ...p })) }))
  if (table.foreignKeys !== undefined) copy.foreignKeys = table.foreignKeys.map(copyForeignKey)
  return copy
}

export function copyForeignKey(fk: TrackedForeignKey): TrackedForeignKey {
  return { ...fk, columns: [...fk.columns], parent: { ...fk.parent, columns: [...fk.parent.columns] } }
}

export function copyColumn(column: ColumnDef): ColumnDef {
  const copy = { ...column }
  if (column.enumValues !== undefined) copy.enumValues = [...column.enumValues]
  if (column.setValues !== undefined) copy.setValues = [...column.setValues]
  return copy
}
