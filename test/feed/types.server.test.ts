// Every type family through the ndjson sink: the rows copied at start (snapshot_insert), inserted,
// updated (with the before image) and deleted while streaming, each value read back from JSON as
// docs/change-feed.md says and compared with what SELECT returns on the same server.

import { afterEach, describe, expect, test } from 'bun:test'
import type { ColumnDef } from '../../src/model/index.ts'
import { describeSourceTable } from '../../src/schema/source/index.ts'
import { mismatch, selectColumns, selectRaw } from '../binlog/support/server-text.ts'
import { familiesFor } from '../binlog/support/type-families.ts'
import { SERVERS, flavorOf } from '../support/servers.ts'
import { FeedContext, type FeedRecord } from './support/feed-context.ts'
import { cellFromFeed } from './support/feed-value.ts'

let ctx: FeedContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

/** Differences between a feed row image and the server's raw row (same column order). */
function differences(where: string, names: string[], values: unknown[], raw: (Buffer | null)[], cols: ColumnDef[]): string[] {
  const out: string[] = []
  expect(names).toEqual(cols.map((c) => c.name))
  for (let i = 0; i < cols.length; i++) {
    let why: string | null
    try {
      why = mismatch(cellFromFeed(values[i], cols[i]), raw[i], cols[i])
    } catch (err) {
      why = (err as Error).message
    }
    if (why) out.push(`${where}.${cols[i].name}: ${why}`)
  }
  return out
}

async function columnsOf(c: FeedContext, table: string): Promise<ColumnDef[]> {
  const query = async (sql: string, params: string[]) => (await c.sql.query(sql, params))[0] as Record<string, unknown>[]
  return (await describeSourceTable(query, c.db, table)).columns
}

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test('every type through ndjson equals the source value', async () => {
    ctx = await FeedContext.open(server, 't_feed_types', {
      sink: (out) => `[sink]\nkind = "ndjson"\n[sink.ndjson]\noutput = "${out}"\ninclude_before = true`,
    })
    const c = ctx
    const families = familiesFor(flavor)
    await c.sql.query("SET SESSION sql_mode = ''")
    for (const f of families) {
      await c.sql.query(`CREATE TABLE f_${f.name} (id INT PRIMARY KEY, ${f.columns.join(', ')})`)
      await c.sql.query(`INSERT INTO f_${f.name} VALUES ${f.rows.map((r, i) => `(${i + 1}, ${r.slice(1)}`).join(', ')}`)
    }
    const initial = families.reduce((n, f) => n + f.rows.length, 0)
    c.start()
    await c.waitForRecords((r) => r.filter((x) => x.kind === 'snapshot_insert').length === initial)

    // Streaming: every row again under a new id, then row 101 set to the all-NULL row, 102 deleted.
    for (const f of families) {
      const t = `f_${f.name}`
      const names = f.columns.map((col) => col.split(' ')[0])
      const n = f.rows.length
      await c.sql.query(`INSERT INTO ${t} SELECT id + 100, ${names.join(', ')} FROM ${t}`)
      await c.sql.query(`UPDATE ${t} a JOIN ${t} b ON b.id = ${n} SET ${names.map((x) => `a.${x} = b.${x}`).join(', ')} WHERE a.id = 101`)
      await c.sql.query(`DELETE FROM ${t} WHERE id = 102`)
    }
    const records = await c.waitForRecords((r) => r.filter((x) => x.kind === 'delete').length === families.length)
    expect(await c.stop('SIGTERM')).toBe(0)

    const problems: string[] = []
    for (const f of families) {
      const t = `f_${f.name}`
      const cols = await columnsOf(c, t)
      // The original rows 1..n never change: they are the reference for every image.
      const raw = await selectRaw(server, `SELECT ${selectColumns(cols)} FROM \`${c.db}\`.${t} WHERE id <= ${f.rows.length} ORDER BY id`)
      const of = (id: number) => raw[id - 1]
      const mine = records.filter((r) => r.table === t)
      const byKind = (k: FeedRecord['kind']) => mine.filter((r) => r.kind === k)
      expect(byKind('snapshot_insert').length).toBe(f.rows.length)
      expect(byKind('insert').length).toBe(f.rows.length)
      expect(byKind('update').length).toBe(1)
      expect(byKind('delete').length).toBe(1)
      for (const r of byKind('snapshot_insert')) {
        const id = r.columnvalues![0] as number
        problems.push(...differences(`${t} snapshot id ${id}`, r.columnnames!, r.columnvalues!, of(id)!, cols))
      }
      for (const r of byKind('insert')) {
        const id = (r.columnvalues![0] as number) - 100
        // The id itself differs by 100: compare it apart.
        const values = [id, ...r.columnvalues!.slice(1)]
        problems.push(...differences(`${t} insert id ${id + 100}`, r.columnnames!, values, of(id)!, cols))
      }
      const u = byKind('update')[0]
      expect(u.oldkeys).toEqual({ keynames: ['id'], keyvalues: [101] })
      problems.push(
        ...differences(
          `${t} update after`,
          u.columnnames!,
          [1, ...u.columnvalues!.slice(1)],
          [Buffer.from('1'), ...of(f.rows.length)!.slice(1)],
          cols,
        ),
      )
      problems.push(...differences(`${t} update before`, u.before!.columnnames, [1, ...u.before!.columnvalues.slice(1)], of(1)!, cols))
      const d = byKind('delete')[0]
      expect(d.oldkeys).toEqual({ keynames: ['id'], keyvalues: [102] })
      expect(d.columnvalues).toBeUndefined()
    }
    expect(problems).toEqual([])
  }, 60_000)
})
