// `chsync verify`: equal copies pass; a deleted, changed or extra row in the copy is found and
// named with its key and the key range of its source chunk.

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS, flavorOf } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'
import { Workload } from './support/workload.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

function verify(c: ReplicationContext, ...args: string[]): Promise<{ code: number; out: string }> {
  return c.cli('verify', '--retries', '0', '--chunk-rows', '700', ...args)
}

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test('verify passes on an equal copy and names what differs', async () => {
    ctx = await ReplicationContext.open(server, 't_rep_verify')
    const w = new Workload(ctx.sql, flavor, 41)
    await w.createTables()
    await w.bulk(5000)
    for (let i = 0; i < 150; i++) await w.step()
    ctx.start()
    await ctx.waitEqual()
    expect(await ctx.stop()).toBe(0)

    const ok = await verify(ctx)
    expect(ok.out).toContain('tables equal')
    expect(ok.code).toBe(0)

    const db = ctx.db
    await ctx.ch.command({ query: `ALTER TABLE ${db}.wide DELETE WHERE id = 1234`, clickhouse_settings: { mutations_sync: '2' } })
    await ctx.ch.command({
      query: `ALTER TABLE ${db}.wide UPDATE b = 'tampered' WHERE id = 4321`,
      clickhouse_settings: { mutations_sync: '2' },
    })
    await ctx.ch.command({
      query: `INSERT INTO ${db}.loose (a, b, c, n, _key, _version, _is_deleted) VALUES (1, 'x', '2020-01-01', -1, 42, 999999, 0)`,
    })
    // More than the 20 keys a list shows: 25 rows gone past the first ones, and one extra keyed row.
    await ctx.ch.command({
      query: `ALTER TABLE ${db}.wide DELETE WHERE id BETWEEN 2000 AND 2024`,
      clickhouse_settings: { mutations_sync: '2' },
    })
    await ctx.ch.command({ query: `INSERT INTO ${db}.wide (id, a, _version, _is_deleted) VALUES (987654321, 7, 999999, 0)` })
    const bad = await verify(ctx)
    expect(bad.code).toBe(6)
    expect(bad.out).toEndWith('\n')
    expect(bad.out).toContain(`DIFFERENT ${db}.wide`)
    expect(bad.out).toMatch(/missing in the target: .*\["1234"\]/)
    expect(bad.out).toMatch(/different values: .*\["4321"\]/)
    expect(bad.out).toMatch(/in key range \[\["\d+"\] \.\. \["\d+"\]\]/)
    expect(bad.out).toContain(`DIFFERENT ${db}.loose`)
    // Keys as the source's values (a keyless table's whole row), never the key's bytes.
    expect(bad.out).toContain('  only in the target: [1,"x","2020-01-01","-1"]\n')
    expect(bad.out).toContain('  only in the target: ["987654321"]\n')
    expect(bad.out).not.toMatch(/0x[0-9a-f]{8}/)
    expect(bad.out).toMatch(/missing in the target: (\["\d+"\], ){19}\["\d+"\] … and \d+ more\n/)
    const one = await verify(ctx, `${db}.f_integers`)
    expect(one.code).toBe(0)
    expect(one.out).toContain('all 1 tables equal')
  }, 120_000)
})
