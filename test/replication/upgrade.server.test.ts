// A state file made by an earlier chsync (a position, copy progress, no schema history, and
// ClickHouse tables without chsync's marks): the first start takes the tables from the source once,
// marks their copies as its own, and goes on from the position without copying again.

import { Database } from 'bun:sqlite'
import { afterEach, describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import { SERVERS } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

async function comments(c: ReplicationContext): Promise<{ tables: string[]; columns: string[] }> {
  const q = async (sql: string) =>
    ((await (await c.ch.query({ query: sql, query_params: { db: c.db }, format: 'JSONEachRow' })).json()) as { v: string }[]).map(
      (r) => r.v,
    )
  return {
    tables: await q("SELECT concat(name, '=', comment) AS v FROM system.tables WHERE database = {db:String} ORDER BY name"),
    columns: await q(
      "SELECT concat(table, '.', name, '=', comment) AS v FROM system.columns WHERE database = {db:String} ORDER BY table, position",
    ),
  }
}

describe.each(SERVERS)('%s', (server) => {
  test('a state file of an earlier chsync: tables taken from the source once, their copies marked, no copy again', async () => {
    ctx = await ReplicationContext.open(server, 't_upgrade')
    const { sql } = ctx
    await sql.query('CREATE TABLE orders (id INT PRIMARY KEY, total DECIMAL(10,2), note VARCHAR(20))')
    await sql.query('CREATE TABLE log (at DATETIME, msg TEXT)')
    await sql.query("INSERT INTO orders VALUES (1, 1.50, 'a'), (2, 2.50, 'b')")
    await sql.query("INSERT INTO log VALUES ('2024-01-01 00:00:00', 'x')")
    ctx.start()
    await ctx.waitEqual()
    expect(await ctx.stop()).toBe(0)

    // What an earlier chsync left: no schema history, no id, unmarked tables and columns.
    const state = new Database(join(ctx.dir, 'state.db'))
    state.exec("DELETE FROM schemas; DELETE FROM meta WHERE key IN ('schema_history', 'instance', 'selection')")
    state.close()
    for (const t of ['orders', 'log']) {
      const cols = (
        (await (
          await ctx.ch.query({
            query: `SELECT name FROM system.columns WHERE database = {db:String} AND table = {t:String}`,
            query_params: { db: ctx.db, t },
            format: 'JSONEachRow',
          })
        ).json()) as { name: string }[]
      ).map((r) => r.name)
      for (const c of cols) await ctx.ch.command({ query: `ALTER TABLE \`${ctx.db}\`.\`${t}\` COMMENT COLUMN \`${c}\` ''` })
      await ctx.ch.command({ query: `ALTER TABLE \`${ctx.db}\`.\`${t}\` MODIFY COMMENT ''` })
    }
    // A user's column on the old copy stays theirs.
    await ctx.ch.command({ query: `ALTER TABLE \`${ctx.db}\`.orders ADD COLUMN mine String DEFAULT 'kept'` })

    await sql.query("INSERT INTO orders VALUES (3, 3.50, 'c')")
    await sql.query('ALTER TABLE orders ADD COLUMN status TINYINT NOT NULL DEFAULT 1')
    await sql.query('UPDATE orders SET status = 2 WHERE id = 1')
    await sql.query("INSERT INTO log VALUES ('2024-01-02 00:00:00', 'y')")
    const from = ctx.logLines().length
    ctx.start()
    await ctx.waitEqual()
    const lines = ctx.logLines().slice(from)
    expect(lines.some((l) => String(l.msg).includes('no schema history'))).toBe(true)
    expect(lines.filter((l) => l.msg === 'table copied')).toEqual([])
    const marked = await comments(ctx)
    expect(marked.tables.every((t) => /^[a-z]+=chsync [0-9a-f-]{36} [0-9a-f-]{36}$/.test(t))).toBe(true)
    expect(marked.columns).toContain('orders.mine=')
    expect(marked.columns.filter((c) => !c.startsWith('orders.mine=') && !c.endsWith('=chsync'))).toEqual([])
    expect(await ctx.stop()).toBe(0)

    // The second start finds its history: nothing is taken from the source again.
    const again = ctx.logLines().length
    ctx.start()
    await sql.query('DELETE FROM orders WHERE id = 2')
    await ctx.waitEqual()
    expect(
      ctx
        .logLines()
        .slice(again)
        .some((l) => String(l.msg).includes('no schema history')),
    ).toBe(false)
    expect(await ctx.stop()).toBe(0)
  }, 90_000)
})
