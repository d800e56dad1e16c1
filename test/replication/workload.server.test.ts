// A mixed random workload — every type family, key changes, deletes, a keyless table, a large
// transaction, DDL in the middle — while chsync copies and streams; at the end every table in
// ClickHouse (`SELECT … FINAL`) equals its source, row for row and value for value.

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS, flavorOf } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'
import { Workload } from './support/workload.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test('random workload with DDL and a large transaction, during copy and streaming', async () => {
    ctx = await ReplicationContext.open(server, 't_rep_load')
    const w = new Workload(ctx.sql, flavor, flavor === 'mysql' ? 11 : 12)
    await w.createTables()
    await w.bulk(20_000)
    for (let i = 0; i < 100; i++) await w.step()
    ctx.start()
    for (let i = 0; i < 300; i++) await w.step()
    await w.largeTransaction(15_000)
    await ctx.sql.query('ALTER TABLE wide ADD COLUMN g INT NOT NULL DEFAULT 7, ADD COLUMN tmp TIME(3) NOT NULL, MODIFY b VARCHAR(100)')
    for (let i = 0; i < 200; i++) await w.step()
    await ctx.sql.query("ALTER TABLE wide ADD COLUMN h VARCHAR(10) DEFAULT 'hh' FIRST, DROP COLUMN tmp")
    await ctx.sql.query('ALTER TABLE loose ADD COLUMN z DECIMAL(5,2)')
    for (let i = 0; i < 200; i++) await w.step()
    await ctx.waitEqual(60_000)
    expect(w.changes).toBeGreaterThan(35_000)
    expect(await ctx.stop()).toBe(0)
  }, 180_000)
})
