// Replays a feed into tables (rows by key, or counted for keyless tables) and compares the result
// with the source: if every change is in the feed once and in order, they are equal.

import type mysql from 'mysql2/promise'
import type { FeedRecord } from './feed-context.ts'

type Row = Record<string, unknown>

export class FeedModel {
  /** table → key text → row; keyless tables: row text → count. */
  readonly tables = new Map<string, Map<string, Row | number>>()

  constructor(private readonly keys: Record<string, string[]>) {}

  apply(records: FeedRecord[]): this {
    for (const r of records) {
      if (r.kind === 'ddl') continue
      const t = this.table(r.table!)
      const key = this.keys[r.table!]
      const after = r.columnnames ? byName(r.columnnames, r.columnvalues!) : null
      if (r.kind !== 'snapshot_insert' && r.kind !== 'insert') {
        const old = byName(r.oldkeys!.keynames, r.oldkeys!.keyvalues)
        if (key.length) t.delete(keyText(old, key))
        else {
          const text = rowText(old)
          const n = (t.get(text) as number | undefined) ?? 0
          if (n <= 1) t.delete(text)
          else t.set(text, n - 1)
        }
      }
      if (after) {
        if (key.length) t.set(keyText(after, key), after)
        else t.set(rowText(after), ((t.get(rowText(after)) as number | undefined) ?? 0) + 1)
      }
    }
    return this
  }

  /** Differences with the source table (empty when equal). */
  async diff(sql: mysql.Connection, db: string, table: string): Promise<string[]> {
    const [rows] = await sql.query(`SELECT * FROM \`${db}\`.\`${table}\``)
    const source = new Map<string, Row | number>()
    const key = this.keys[table]
    for (const r of rows as Row[]) {
      if (key.length) source.set(keyText(r, key), r)
      else source.set(rowText(r), ((source.get(rowText(r)) as number | undefined) ?? 0) + 1)
    }
    const mine = this.table(table)
    const out: string[] = []
    for (const [k, v] of source) {
      const m = mine.get(k)
      if (m === undefined) out.push(`${table}: missing ${k}`)
      else if (key.length ? rowText(m as Row, Object.keys(v as Row)) !== rowText(v as Row) : m !== v)
        out.push(`${table}: ${k} is ${JSON.stringify(m)}, source ${JSON.stringify(v)}`)
    }
    for (const k of mine.keys()) if (!source.has(k)) out.push(`${table}: extra ${k}`)
    return out.slice(0, 20)
  }

  private table(name: string): Map<string, Row | number> {
    let t = this.tables.get(name)
    if (!t) this.tables.set(name, (t = new Map()))
    return t
  }
}

function byName(names: string[], values: unknown[]): Row {
  return Object.fromEntries(names.map((n, i) => [n, values[i]]))
}

function keyText(row: Row, key: string[]): string {
  return JSON.stringify(key.map((k) => row[k]))
}

/** A row as text over `columns` (all of its own by default); an absent column counts as NULL. */
function rowText(row: Row, columns = Object.keys(row)): string {
  return JSON.stringify(columns.map((c) => [c, row[c] ?? null]))
}
