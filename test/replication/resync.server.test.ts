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
    await ctx.waitEqual()
    expect(ctx.logLines().some((l) => l.msg === 'resync requested')).toBe(true)

    expect(await ctx.stop()).toBe(0)
    await damage(ctx)
    const offline = await resync(ctx, `${ctx.db}.wide`)
    expect(offline.out).toContain('the next start copies again')
    expect(offline.code).toBe(0)
    ctx.start()
    await ctx.waitEqual()
  }, 120_000)
})
