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

async function damage(c: ReplicationContext): Promise<void> {
  await c.ch.command({
    query: `ALTER TABLE ${c.db}.wide DELETE WHERE id BETWEEN 100 AND 150`,
    clickhouse_settings: { mutations_sync: '2' },
  })
  await c.ch.command({ query: `INSERT INTO ${c.db}.wide (id, _version, _is_deleted) VALUES (987654321, 1, 0)` })
}

/**
 * waitEqual, and when the copy is not equal, what ClickHouse did with the table's mutations and
 * which versions its rows carry: a planted row that outlived a resync once in a while (not yet
 * reproduced at will) is to be caught with its cause.
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

    await damage(ctx)
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
    await damage(ctx)
    const offline = await resync(ctx, `${ctx.db}.wide`)
    expect(offline.out).toContain('the next start copies again')
    expect(offline.code).toBe(0)
    ctx.start()
    await waitEqualAfterResync(ctx)
  }, 120_000)
})
