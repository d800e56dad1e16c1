// kill -9 at random moments of the initial copy and of streaming under a write load, then a
// restart each time: the copy resumes where it was (it does not start over) and at the end every
// table equals its source.

import { Database } from 'bun:sqlite'
import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS, flavorOf } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'
import { Workload } from './support/workload.ts'
import { seeded } from '../support/random.ts'

let ctx: ReplicationContext | null = null

/** Rows of `wide` the state file says are copied. */
function copied(c: ReplicationContext): number {
  try {
    const db = new Database(`${c.dir}/state.db`, { readonly: true })
    const row = db.query<{ n: number }, []>("SELECT rows_copied AS n FROM tables WHERE tbl = 'wide'").get()
    db.close()
    return row?.n ?? 0
  } catch {
    return 0
  }
}
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test('kill -9 during the copy and during streaming, restart, equal', async () => {
    ctx = await ReplicationContext.open(server, 't_rep_crash', {
      env: {
        CHSYNC_SNAPSHOT_CHUNK_ROWS: '500',
        CHSYNC_SNAPSHOT_PARALLELISM: '1',
        CHSYNC_APPLY_FLUSH_INTERVAL_MS: '50',
        CHSYNC_LOG_LEVEL: 'info',
      },
    })
    const rand = seeded(flavor === 'mysql' ? 21 : 22)
    const w = new Workload(ctx.sql, flavor, flavor === 'mysql' ? 31 : 32)
    await w.createTables()
    await w.bulk(100_000)

    // During the copy.
    for (let i = 0; i < 4; i++) {
      const before = copied(ctx)
      ctx.start()
      // Somewhere after the next committed chunk.
      const until = Date.now() + 10_000
      while (copied(ctx) === before && ctx.running && Date.now() < until) await Bun.sleep(20)
      await Bun.sleep(rand() * 100)
      await ctx.stop('SIGKILL')
    }
    const resumed = ctx.logLines().filter((l) => l.msg === 'resuming copy' && Number(l.rows_copied) > 0)
    expect(resumed.length).toBeGreaterThan(0)

    // During streaming, with writes going on.
    let writing = true
    const writer = (async () => {
      while (writing) await w.step()
    })()
    for (let i = 0; i < 6; i++) {
      ctx.start()
      await Bun.sleep(400 + rand() * 1200)
      await ctx.stop('SIGKILL')
    }
    await w.largeTransaction(20_000)
    writing = false
    await writer
    ctx.start()
    await ctx.waitEqual(90_000)
    expect(await ctx.stop('SIGTERM')).toBe(0)
  }, 240_000)
})
