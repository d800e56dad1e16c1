// A ClickHouse without Time64 (before 25.6, or where target.time_type = "String" forces it): TIME
// columns become String holding the text SELECT prints, nothing lost, and a table made that way
// keeps String through DDL, a restart that would choose Time64 for new tables, a copy again and
// verify.

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  if (ctx) {
    await ctx.stop('SIGKILL')
    await ctx.sql.query(`DROP DATABASE IF EXISTS \`${ctx.db}\``)
    await ctx.ch.command({ query: `DROP DATABASE IF EXISTS \`${ctx.db}\`` })
  }
  await ctx?.close()
  ctx = null
})

/** Column → ClickHouse type of the copy of `table`. */
async function types(c: ReplicationContext, table: string): Promise<Record<string, string>> {
  const rs = await c.ch.query({
    query: `SELECT name, type FROM system.columns WHERE database = {d:String} AND table = {t:String}`,
    query_params: { d: c.db, t: table },
    format: 'JSONEachRow',
  })
  return Object.fromEntries(((await rs.json()) as { name: string; type: string }[]).map((r) => [r.name, r.type]))
}

/** Every row of the source table as SELECT prints it, and of its copy, by id. */
async function rows(c: ReplicationContext, table: string, cols: string[]): Promise<{ source: string[][]; target: string[][] }> {
  const [src] = await c.sql.query(`SELECT id, ${cols.join(', ')} FROM ${table} ORDER BY id`)
  const rs = await c.ch.query({
    query: `SELECT id, ${cols.map((n) => `toString(${n})`).join(', ')} FROM ${c.db}.${table} FINAL ORDER BY id`,
    format: 'JSONCompactEachRow',
  })
  const target = ((await rs.json()) as unknown[][]).map((r) => r.map((v) => (v === null ? null : String(v))) as string[])
  return {
    source: (src as Record<string, unknown>[]).map(
      (r) => [String(r.id), ...cols.map((n) => (r[n] === null ? null : String(r[n])))] as string[],
    ),
    target,
  }
}

async function waitRows(c: ReplicationContext, table: string, cols: string[], ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms
  // Until chsync made the copy, ClickHouse has no such table.
  const read = () => rows(c, table, cols).catch((err: Error) => ({ source: [], target: [[err.message]] }))
  let last = await read()
  while (JSON.stringify(last.source) !== JSON.stringify(last.target) && Date.now() < deadline) {
    await Bun.sleep(200)
    last = await read()
  }
  expect(last.target).toEqual(last.source)
}

describe.each(SERVERS)('%s', (server) => {
  test('TIME as String where forced: exact, and kept by the table through DDL, a restart, a copy again and verify', async () => {
    const c = (ctx = await ReplicationContext.open(server, 't_rep_time_str', { health: true, env: { CHSYNC_TARGET_TIME_TYPE: 'String' } }))
    await c.sql.query('CREATE TABLE t (id INT PRIMARY KEY, a TIME NOT NULL, b TIME(6) NULL)')
    await c.sql.query(
      "INSERT INTO t VALUES (1, '-838:59:59', '838:59:58.999999'), (2, '00:00:00', NULL), (3, '-00:00:01', '-00:00:00.500000')",
    )
    c.start()
    await waitRows(c, 't', ['a', 'b'])
    await c.sql.query("INSERT INTO t VALUES (4, '100:00:00', '23:59:59.000001'); UPDATE t SET b = '-12:34:56.789' WHERE id = 2")
    await c.sql.query("ALTER TABLE t ADD COLUMN c TIME(3) NOT NULL DEFAULT '01:02:03.456'")
    await c.sql.query("INSERT INTO t VALUES (5, '01:00:00', NULL, '-01:00:00.001')")
    await waitRows(c, 't', ['a', 'b', 'c'])
    expect(await types(c, 't')).toMatchObject({ a: 'String', b: 'Nullable(String)', c: 'String' })

    // A start that would make new tables' TIME columns Time64: the table keeps String.
    expect(await c.stop()).toBe(0)
    const auto = { CHSYNC_TARGET_TIME_TYPE: 'auto' }
    c.start([], auto)
    await c.sql.query('CREATE TABLE u (id INT PRIMARY KEY, a TIME(2))')
    await c.sql.query("INSERT INTO u VALUES (1, '-10:00:00.25')")
    await c.sql.query("ALTER TABLE t ADD COLUMN d TIME NULL; INSERT INTO t VALUES (6, '02:00:00', NULL, '00:00:00', '-00:00:59')")
    await waitRows(c, 'u', ['a'])
    await waitRows(c, 't', ['a', 'b', 'c', 'd'])
    expect(await types(c, 'u')).toMatchObject({ a: 'Nullable(Time64(2))' })
    expect(await types(c, 't')).toMatchObject({ a: 'String', b: 'Nullable(String)', c: 'String', d: 'Nullable(String)' })

    // Copied again (resync) and compared (verify) as the String it is.
    const again = await c.cli('resync', `${c.db}.t`)
    expect(again.code).toBe(0)
    await c.sql.query("UPDATE t SET a = '-1:00:00' WHERE id = 1")
    await waitRows(c, 't', ['a', 'b', 'c', 'd'])
    expect(await types(c, 't')).toMatchObject({ a: 'String', d: 'Nullable(String)' })
    const verified = await c.cli('verify', '--retries', '3')
    expect(verified.out).not.toContain('differ')
    expect(verified.code).toBe(0)
  }, 120_000)
})
