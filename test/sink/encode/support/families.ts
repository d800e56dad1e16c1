// Writes the type-family tables (test/binlog/support/type-families.ts) on a real server, changes
// some rows (a key change, an update, a delete), and captures from the binlog each table's
// TABLE_MAP and every row change in order, decoded by chsync's binlog client.

import {
  BinlogClient,
  type CharsetRegistry,
  type Flavor,
  type RowsOp,
  type TableMapEvent,
  TransactionReader,
} from '../../../../src/binlog/index.ts'
import type { Row } from '../../../../src/model/index.ts'
import { type TypeFamily, familiesFor } from '../../../binlog/support/type-families.ts'
import { SOURCES, type TestServer, flavorOf, freshDatabase, replicaServerId } from '../../../support/servers.ts'

export interface RowChange {
  op: RowsOp
  before: Row | null
  after: Row | null
}

export interface CapturedTable {
  name: string
  /** The family the table was made from (undefined for tables of `statements`). */
  family?: TypeFamily
  table: TableMapEvent
  changes: RowChange[]
  /** The rows the table holds at the end, in primary key order (keyless: in arrival order). */
  rows: Row[]
}

export interface FamilyCapture {
  flavor: Flavor
  database: string
  tables: CapturedTable[]
  /** The server's collations, as the binlog stream decodes with them. */
  charsets: CharsetRegistry
}

export function columnNames(f: TypeFamily): string[] {
  return f.columns.map((c) => c.split(' ')[0])
}

/** `extra`: more families written like the standard ones; `statements`: run after them, in the same database. */
export async function captureFamilies(
  server: TestServer,
  prefix: string,
  opts: { extra?: TypeFamily[]; statements?: string[] } = {},
): Promise<FamilyCapture> {
  const flavor = flavorOf(server)
  const { name, sql } = await freshDatabase(server, prefix)
  const client = await BinlogClient.connect(SOURCES[server])
  try {
    const start = await client.currentPosition()
    const families = [...familiesFor(flavor), ...(opts.extra ?? []).filter((f) => !f.only || f.only === flavor)]
    try {
      await sql.query("SET SESSION sql_mode = ''")
      for (const f of families) {
        const t = `f_${f.name}`
        const cols = columnNames(f)
        await sql.query(`CREATE TABLE ${t} (id INT PRIMARY KEY, ${f.columns.join(', ')})`)
        await sql.query(`INSERT INTO ${t} (id, ${cols.join(', ')}) VALUES ${f.rows.map((r, i) => `(${i + 1}, ${r.slice(1)}`).join(', ')}`)
        const n = f.rows.length
        await sql.query('BEGIN')
        await sql.query(`UPDATE ${t} SET id = id + 100 WHERE id = 1`)
        await sql.query(`UPDATE ${t} a JOIN ${t} b ON b.id = ${n} SET ${cols.map((c) => `a.${c} = b.${c}`).join(', ')} WHERE a.id = 2`)
        await sql.query(`DELETE FROM ${t} WHERE id = 3`)
        await sql.query('COMMIT')
      }
      for (const s of opts.statements ?? []) await sql.query(s)
    } finally {
      await sql.end()
    }

    const byName = new Map<string, CapturedTable>()
    for (const f of families)
      byName.set(`f_${f.name}`, { name: `f_${f.name}`, family: f, table: undefined as unknown as TableMapEvent, changes: [], rows: [] })
    const stream = await client.events({ gtid: start.gtidSet!.toString() }, { serverId: replicaServerId(), nonBlocking: true })
    const models = new Map<string, Map<string, Row>>()
    for await (const it of new TransactionReader(start).read(stream)) {
      if (it.kind !== 'rows' || it.event.table.database !== name) continue
      const ev = it.event
      let captured = byName.get(ev.table.table)
      if (!captured) byName.set(ev.table.table, (captured = { name: ev.table.table, table: ev.table, changes: [], rows: [] }))
      captured.table = ev.table
      let model = models.get(captured.name)
      if (!model) models.set(captured.name, (model = new Map()))
      const key = (r: Row) => rowKey(r, ev.table)
      const count = (ev.before ?? ev.after)!.length
      for (let i = 0; i < count; i++) {
        const before = ev.before?.[i] ?? null
        const after = ev.after?.[i] ?? null
        captured.changes.push({ op: ev.op, before, after })
        if (before) model.delete(key(before))
        if (after) model.set(key(after), after)
      }
    }
    stream.close()
    for (const t of byName.values()) {
      if (!t.table) throw new Error(`no rows of ${name}.${t.name} in the binlog`)
      const rows = [...models.get(t.name)!.values()]
      if (t.table.primaryKey.length > 0) rows.sort((a, b) => compareKeys(a, b, t.table.primaryKey))
      t.rows = rows
    }
    return { flavor, database: name, tables: [...byName.values()], charsets: client.charsets }
  } finally {
    client.close()
  }
}

function rowKey(r: Row, table: TableMapEvent): string {
  const cols = table.primaryKey.length > 0 ? table.primaryKey : r.map((_, i) => i)
  return JSON.stringify(
    cols.map((i) => r[i]),
    (_, v) => (typeof v === 'bigint' ? `${v}n` : v),
  )
}

function compareKeys(a: Row, b: Row, key: number[]): number {
  for (const i of key) {
    const x = a[i] as number | string
    const y = b[i] as number | string
    if (x < y) return -1
    if (x > y) return 1
  }
  return 0
}
