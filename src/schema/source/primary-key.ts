// The primary key a table's TABLE_MAP reports, read from SHOW INDEX: the PRIMARY KEY, or else the
// first UNIQUE key, in the server's own key order, whose parts are whole NOT NULL columns. Both
// servers make that key the table's primary key when they open it (TABLE_SHARE::primary_key), and
// the copy must key the target as the stream will, or the target is recreated at the first event.

import type { ColumnDef, TrackedKey } from '../../model/index.ts'
import type { SourceQuery } from './describe-table.ts'
import { SourceTableError } from './errors.ts'

interface IndexPart {
  column: string | null
  prefix: number | null
}

interface Index {
  name: string
  unique: boolean
  /** MariaDB's long UNIQUE keys (a hash over a hidden column) show Index_type HASH; they never identify a row in TABLE_MAP. */
  hash: boolean
  /** FULLTEXT, SPATIAL, VECTOR: never a row's identity. */
  special: boolean
  parts: IndexPart[]
}

/**
 * SHOW INDEX lists the keys in the order the server keeps them (PRIMARY, then UNIQUE keys of NOT
 * NULL columns without prefixes in the order written, then the other UNIQUE keys, MariaDB's long
 * UNIQUE keys last, then the rest): the order in which it looks for the implied primary key.
 * information_schema.STATISTICS has no such order.
 */
export async function describePrimaryKey(
  query: SourceQuery,
  db: string,
  table: string,
  columns: readonly ColumnDef[],
): Promise<{ primaryKey: number[]; primaryKeyPrefixes: number[]; keys: TrackedKey[] }> {
  const where = `${db}.${table}`
  const indexes: Index[] = []
  for (const r of await query(`SHOW INDEX FROM ${quote(db)}.${quote(table)}`, [])) {
    const name = text(r.Key_name)
    let index = indexes.at(-1)
    if (index?.name !== name) {
      const type = text(r.Index_type).toUpperCase()
      index = {
        name,
        unique: Number(text(r.Non_unique)) === 0,
        hash: type === 'HASH',
        special: type !== 'BTREE' && type !== 'HASH',
        parts: [],
      }
      indexes.push(index)
    }
    // A functional key part (MySQL) has no Column_name.
    index.parts.push({
      column: r.Column_name === null || r.Column_name === undefined ? null : text(r.Column_name),
      prefix: r.Sub_part === null || r.Sub_part === undefined ? null : Number(text(r.Sub_part)),
    })
  }
  // The keys as DDL following tracks them: which is the real PRIMARY KEY decides what ADD / DROP PRIMARY KEY do.
  const keys: TrackedKey[] = indexes.map((i) => ({
    name: i.name,
    kind: i.name === 'PRIMARY' ? 'primary' : i.unique && !i.special ? 'unique' : 'index',
    parts: i.parts.map((p) => ({ ...p })),
    ...(i.hash && i.unique ? { hash: true } : {}),
  }))
  const at = (name: string) => columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase())
  const primary = indexes.find((i) => i.name === 'PRIMARY')
  if (primary) {
    const primaryKey = primary.parts.map((p) => {
      const i = p.column === null ? -1 : at(p.column)
      if (i < 0) throw new SourceTableError(where, `primary key names unknown column ${p.column}`)
      return i
    })
    return { primaryKey, primaryKeyPrefixes: primary.parts.map((p) => p.prefix ?? 0), keys }
  }
  for (const index of indexes) {
    if (!index.unique || index.hash) continue
    const positions = index.parts.map((p) => (p.column === null || p.prefix !== null ? -1 : at(p.column)))
    // A whole BLOB or TEXT part cannot occur here: MySQL refuses it, MariaDB makes the key a HASH.
    if (positions.every((i) => i >= 0 && !columns[i].nullable))
      return { primaryKey: positions, primaryKeyPrefixes: positions.map(() => 0), keys }
  }
  return { primaryKey: [], primaryKeyPrefixes: [], keys }
}

function quote(name: string): string {
  return '`' + name.replaceAll('`', '``') + '`'
}

function text(v: unknown): string {
  if (v === null || v === undefined) return ''
  return Buffer.isBuffer(v) ? v.toString('utf8') : String(v)
}
