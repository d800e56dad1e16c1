// apply.ignore_deletes: rows deleted on the source stay in ClickHouse (also the old row of an
// update that moves its key, and through a copy again), updates still land, and verify counts the
// kept rows apart instead of calling the copy different.

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.closeAndDrop()
  ctx = null
})

async function rows(c: ReplicationContext, sql: string): Promise<unknown[][]> {
  const r = await c.ch.query({ query: sql, format: 'JSONCompactEachRow' })
  return (await r.json()) as unknown[][]
}

function waitRows(c: ReplicationContext, sql: string, expected: unknown[][]): Promise<void> {
  return c.untilSame(
    sql,
    () => rows(c, sql),
    async () => expected,
  )
}

describe.each(SERVERS)('%s', (server) => {
  test('deleted rows stay, updates land, a resync keeps them, verify counts them as kept', async () => {
    const c = (ctx = await ReplicationContext.open(server, 't16_keepdel', { env: { CHSYNC_APPLY_IGNORE_DELETES: 'true' } }))
    await c.sql.query('CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))')
    await c.sql.query('CREATE TABLE loose (a INT, b VARCHAR(10))')
    await c.sql.query("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')")
    await c.sql.query("INSERT INTO loose VALUES (1, 'x'), (2, 'y')")
    c.start()
    await c.waitForLog((l) => l.msg === 'streaming')
    await c.sql.query('DELETE FROM t WHERE id IN (1, 2)')
    await c.sql.query("UPDATE t SET v = 'C' WHERE id = 3")
    await c.sql.query('UPDATE t SET id = 40 WHERE id = 4')
    await c.sql.query('DELETE FROM loose WHERE a = 1')
    await c.sql.query("INSERT INTO t VALUES (5, 'e')")
    const all = `SELECT id, v FROM ${c.db}.t FINAL ORDER BY id`
    const expected = [
      [1, 'a'],
      [2, 'b'],
      [3, 'C'],
      [4, 'd'],
      [5, 'e'],
      [40, 'd'],
    ]
    await waitRows(c, all, expected)
    await waitRows(c, `SELECT a, b FROM ${c.db}.loose FINAL ORDER BY a`, [
      [1, 'x'],
      [2, 'y'],
    ])
    expect(await c.stop()).toBe(0)

    const v = await c.cli('verify', '--retries', '0')
    expect(v.out).toContain(`ok        ${c.db}.t  3 rows (and 3 deleted on the source, kept: apply.ignore_deletes)`)
    expect(v.out).toContain('all 2 tables equal')
    expect(v.code).toBe(0)

    // Copied again, the table keeps what the source deleted.
    expect((await c.cli('resync', `${c.db}.t`)).code).toBe(0)
    const from = c.logLines().length
    c.start()
    await c.waitForLog((l) => l.msg === 'table copied' && l.table === `${c.db}.t`, from)
    await waitRows(c, all, expected)
    expect(await c.stop()).toBe(0)

    expect((await c.cli('verify', '--retries', '0')).code).toBe(0)
    // Without the key, verify calls those rows what they are.
    const { code, out } = await c.cliWith({ CHSYNC_APPLY_IGNORE_DELETES: 'false' }, 'verify', '--retries', '0')
    expect(code).toBe(6)
    expect(out).toContain(`DIFFERENT ${c.db}.t`)
    expect(out).toContain(`DIFFERENT ${c.db}.t  source 3 rows, target 6 rows\n  only in the target: [1], [2], [4]\n`)
  }, 120_000)
})
