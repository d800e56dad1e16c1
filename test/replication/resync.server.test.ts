// `chsync resync db.table`: a table whose copy went wrong is copied again — while chsync runs
// (over the health socket, the other tables streaming on) and when it does not (state file).

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS, flavorOf } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'
import { Workload } from './support/workload.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

function resync(c: ReplicationContext, ...tables: string[]): Promise<{ code: number; out: string }> {
  return c.cli('resync', ...tables)
}

/**
 * Rows 100-150 gone from the target, and a row the source never had planted in it. A resync copies at
 * a version above every one handed out before it while chsync runs (`newest`: the row carries the
 * table's newest version), and at the committed version when chsync is stopped, whose rows are the
 * source's (the replay brings what changed since with higher versions): there the row carries one
 * below the newest. (It was planted at version 1, which is no version chsync had written when only
 * the first copy, at version 0, came before a resync: the resync's version was 1 and the row stayed.)
 */
async function damage(c: ReplicationContext, planted: 'newest' | 'below newest'): Promise<void> {
  await c.ch.command({
    query: `ALTER TABLE ${c.db}.wide DELETE WHERE id BETWEEN 100 AND 150`,
    clickhouse_settings: { mutations_sync: '2' },
  })
  const version = planted === 'newest' ? 'max(_version)' : 'greatest(max(_version), 1) - 1'
  await c.ch.command({
    query: `INSERT INTO ${c.db}.wide (id, _version, _is_deleted) SELECT 987654321, ${version}, 0 FROM ${c.db}.wide`,
  })
}

/**
 * waitEqual, and when the copy is not equal, what ClickHouse did with the table's mutations and
 * which versions its rows carry.
 */
async function waitEqualAfterResync(c: ReplicationContext): Promise<void> {
  try {
    await c.waitEqual()
  } catch (err) {
    const mutations = await c.ch.query({
      query: `SELECT command, create_time, is_done, latest_fail_reason FROM system.mutations WHERE database = '${c.db}' AND table = 'wide' ORDER BY create_time`,
      format: 'JSONEachRow',
    })
    const planted = await c.ch.query({
      query: `SELECT id, _version, _is_deleted FROM ${c.db}.wide WHERE id = 987654321`,
      format: 'JSONEachRow',
    })
    const copies = c.logLines().filter((l) => /copied|copy|older than the copy|resync/.test(String(l.msg)))
    throw new Error(
      `${(err as Error).message}\nmutations: ${JSON.stringify(await mutations.json())}\nplanted row: ${JSON.stringify(await planted.json())}\ncopy lines: ${JSON.stringify(copies)}`,
    )
  }
}

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test('resync while running and while stopped', async () => {
    ctx = await ReplicationContext.open(server, 't_rep_resync', { health: true })
    const w = new Workload(ctx.sql, flavor, 51)
    await w.createTables()
    await w.bulk(8000)
    ctx.start()
    await ctx.waitEqual()

    await damage(ctx, 'newest')
    await expect(ctx.waitEqual(1500)).rejects.toThrow()
    const refused = await resync(ctx, `${ctx.db}.nope`)
    expect(refused.code).toBe(1)
    expect(refused.out).toContain('not a replicated table')
    const running = await resync(ctx, `${ctx.db}.wide`)
    expect(running.out).toContain(`copying again: ${ctx.db}.wide`)
    expect(running.code).toBe(0)
    for (let i = 0; i < 100; i++) await w.step()
    await waitEqualAfterResync(ctx)
    expect(ctx.logLines().some((l) => l.msg === 'resync requested')).toBe(true)

    expect(await ctx.stop()).toBe(0)
    await damage(ctx, 'below newest')
    const offline = await resync(ctx, `${ctx.db}.wide`)
    expect(offline.out).toContain('the next start copies again')
    expect(offline.code).toBe(0)
    ctx.start()
    await waitEqualAfterResync(ctx)
  }, 120_000)
})
