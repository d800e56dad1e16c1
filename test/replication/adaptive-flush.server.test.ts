// Adaptive batching (apply.flush_when_idle): when the source has nothing more to send and no flush is in flight, a
// transaction is flushed and committed at once, not after apply.flush_interval_ms. Here the
// interval is ten minutes and a batch a million rows, so only that flush can bring the rows over.

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  if (ctx) {
    await ctx.stop('SIGKILL')
    // The databases are this test's own: nothing is left behind on either side.
    await ctx.ch.command({ query: `DROP DATABASE IF EXISTS \`${ctx.db}\`` }).catch(() => {})
    await ctx.sql.query(`DROP DATABASE IF EXISTS \`${ctx.db}\``).catch(() => {})
    await ctx.close()
  }
  ctx = null
})

const NO_TIMER = { CHSYNC_APPLY_FLUSH_WHEN_IDLE: 'true', CHSYNC_APPLY_FLUSH_INTERVAL_MS: '600000', CHSYNC_APPLY_BATCH_ROWS: '1000000' }

describe.each(SERVERS)('%s', (server) => {
  test('a quiet source gets each transaction flushed at once; a burst arrives whole', async () => {
    ctx = await ReplicationContext.open(server, 't15_adaptive', { env: NO_TIMER })
    const { sql } = ctx
    await sql.query('CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))')
    await sql.query("INSERT INTO t VALUES (1, 'copied')")
    ctx.start()
    await ctx.waitEqual()

    // One transaction at a time, each waited for: the timer (10 min) cannot be what flushed it.
    for (let i = 2; i <= 4; i++) {
      await sql.query(`INSERT INTO t VALUES (${i}, 'single ${i}')`)
      await ctx.waitEqual(60_000)
    }
    await sql.query("UPDATE t SET v = 'updated' WHERE id = 2")
    await sql.query('DELETE FROM t WHERE id = 3')
    await ctx.waitEqual(60_000)

    // 200 transactions back to back: batched while flushes are in flight, and whatever is left
    // when the source goes quiet is flushed then.
    for (let k = 0; k < 200; k++) await sql.query(`INSERT INTO t VALUES (${100 + k}, 'burst ${k}')`)
    await ctx.waitEqual(60_000)
    expect(await ctx.stop('SIGTERM')).toBe(0)
  }, 240_000)
})
