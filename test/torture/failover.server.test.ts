// Failover by GTID: chsync follows a primary under a steady write load; the primary stops, its
// replica is promoted and chsync is pointed at it: it goes on from its GTID set, nothing lost or
// doubled. A position kept only as file + offset cannot be carried to another server: refused.

import { Database } from 'bun:sqlite'
import { afterAll, afterEach, describe, expect, test } from 'bun:test'
import { SERVERS, flavorOf } from '../support/servers.ts'
import { type ServerInstance, pair } from '../servers/instance.ts'
import { ReplicationContext } from '../replication/support/context.ts'
import { Workload } from '../replication/support/workload.ts'
import { differences } from './support/counts.ts'
import { scale, scenario } from './support/report.ts'

let ctx: ReplicationContext | null = null
const servers: ServerInstance[] = []
afterEach(async () => {
  await ctx?.close()
  ctx = null
})
afterAll(async () => {
  for (const s of servers) await s.stop().catch(() => {})
})

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test(
    'failover to the promoted replica by GTID; file + offset refused',
    () =>
      scenario(`failover by GTID (${server})`, async (result) => {
        const [primary, replica] = pair(server)
        servers.push(primary, replica)
        await Promise.all([primary.start(), replica.start()])
        await replica.reset()
        await primary.reset()
        await replica.replicateFrom(primary)

        ctx = await ReplicationContext.open(server, 't_tor_failover', { source: primary.source })
        const w = new Workload(ctx.sql, flavor, 61)
        await w.createTables()
        await w.bulk(3000)
        ctx.start()
        let writing = true
        const writer = async () => {
          while (writing) await w.step()
        }
        let load = writer()
        // The first start has committed (its tables described and prepared, then copied): a kill before
        // that makes the next start a first start again, on the promoted replica, which is not this case.
        await ctx.waitForLog((l) => l.msg === 'copy done', 0, 60_000)
        // Short form: 1.5 s of writes on each side of the failover, thousands of changes, some of
        // them megabytes (the type families' long values), all to be caught up with after it.
        await Bun.sleep(scale(1500, 30_000))

        // The primary goes away once its replica has everything (a planned failover).
        writing = false
        await load
        await replica.catchUpWith(primary)
        await primary.stop('crash')
        await replica.promote()
        await ctx.stop('SIGKILL')
        await ctx.switchSource(replica.source)
        await w.use(ctx.sql)
        ctx.start()
        writing = true
        load = writer()
        await Bun.sleep(scale(1500, 30_000))
        writing = false
        await load
        await ctx.waitEqual(60_000)
        expect(ctx.logLines().some((l) => l.msg === 'the source server changed; resuming from the GTID set')).toBe(true)
        const { rows, differences: diff } = await differences(ctx)
        result({ written: w.changes, found: rows, differences: diff })
        expect(diff).toBe(0)
        expect(await ctx.stop()).toBe(0)

        // The same state with only file + offset: the old primary is another server, refused.
        const db = new Database(`${ctx.dir}/state.db`)
        const cp = JSON.parse(db.query<{ value: string }, []>("SELECT value FROM meta WHERE key = 'checkpoint'").get()!.value)
        db.query("UPDATE meta SET value = ? WHERE key = 'checkpoint'").run(JSON.stringify({ ...cp, gtid: null }))
        db.close()
        await primary.start()
        await ctx.switchSource(primary.source)
        ctx.start()
        const code = await new Promise<number | null>((resolve) => {
          const t = setInterval(async () => {
            if (!ctx!.running) {
              clearInterval(t)
              resolve(await ctx!.stop())
            }
          }, 100)
        })
        expect(code).toBe(1)
        expect(ctx.log).toContain('has no GTID set to find the same place there')
      }),
    scale(180_000, 600_000),
  )
})
