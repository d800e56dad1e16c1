// Server faults under a write load: the source restarted (cleanly and by a crash), connections to
// the source cut at random mid-packet, ClickHouse down for a while (chsync waits within its memory
// bound and resumes), the binlog chsync needs purged (a clear error, or a fresh copy). Each ends
// with the copy equal to the source.

import { afterAll, afterEach, describe, expect, test } from 'bun:test'
import { SERVERS, SOURCES, type TestServer, flavorOf } from '../support/servers.ts'
import { type ServerInstance, pair } from '../servers/instance.ts'
import { ReplicationContext } from '../replication/support/context.ts'
import { Workload } from '../replication/support/workload.ts'
import { differences } from './support/counts.ts'
import { FaultProxy } from './support/proxy.ts'
import { type ScenarioCounts, scale, scenario } from './support/report.ts'
import { seeded } from '../support/random.ts'

let ctx: ReplicationContext | null = null
let proxy: FaultProxy | null = null
const servers: ServerInstance[] = []
afterEach(async () => {
  proxy?.stop()
  proxy = null
  await ctx?.close()
  ctx = null
})
afterAll(async () => {
  for (const s of servers) await s.stop().catch(() => {})
})

/** Writes in the background until the returned stop() is awaited. */
function load(w: Workload): () => Promise<void> {
  let writing = true
  const done = (async () => {
    while (writing) await w.step().catch(() => Bun.sleep(50))
  })()
  return async () => {
    writing = false
    await done
  }
}

async function finish(result: (counts: ScenarioCounts) => void, c: ReplicationContext, w: Workload, ms = 90_000): Promise<void> {
  await c.waitEqual(ms)
  const d = await differences(c)
  result({ written: w.changes, found: d.rows, differences: d.differences })
  expect(d.differences).toBe(0)
}

async function dedicatedPrimary(server: TestServer): Promise<ServerInstance> {
  const [primary] = pair(server)
  servers.push(primary)
  await primary.start()
  await primary.reset()
  return primary
}

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test(
    'the source restarts, cleanly and by a crash',
    () =>
      scenario(`source restarted (${server})`, async (result) => {
        const primary = await dedicatedPrimary(server)
        ctx = await ReplicationContext.open(server, 't_tor_restart', { source: primary.source })
        const w = new Workload(ctx.sql, flavor, 71)
        await w.createTables()
        await w.bulk(2000)
        ctx.start()
        await ctx.waitForLog((l) => l.msg === 'streaming')
        for (const how of ['clean', 'crash'] as const) {
          const stop = load(w)
          await Bun.sleep(scale(1500, 10_000))
          await stop()
          await primary.restart(how)
          await w.use(await ctx.reconnect())
        }
        const stop = load(w)
        await Bun.sleep(scale(1500, 10_000))
        await stop()
        await finish(result, ctx, w)
        expect(ctx.logLines().some((l) => l.msg === 'replication stream interrupted; resuming from the last committed position')).toBe(true)
      }),
    scale(120_000, 300_000),
  )

  test(
    'connections to the source cut at random, mid-packet',
    () =>
      scenario(`source connections cut (${server})`, async (result) => {
        proxy = new FaultProxy(SOURCES[server].port, seeded(flavor === 'mysql' ? 81 : 82)).start()
        ctx = await ReplicationContext.open(server, 't_tor_cuts', {
          env: { CHSYNC_SOURCE_URL: `${flavor}://chsync@127.0.0.1:${proxy.port}` },
        })
        const w = new Workload(ctx.sql, flavor, 83)
        await w.createTables()
        await w.bulk(20_000)
        proxy.cutRandomly(700)
        ctx.start()
        const stop = load(w)
        // Short form: 3 s of writes, a cut every 0.7 s on average, and at least three (below).
        await Bun.sleep(scale(3000, 60_000))
        // The cuts come at seeded moments from before chsync starts; on a busy machine its
        // connections can come up late in that window and meet only one of them (seen: 1 cut on
        // mariadb11 at load 15). The cutting goes on until it has cut chsync's connections three times.
        while (proxy.cuts <= 2) await Bun.sleep(100)
        await w.largeTransaction(10_000)
        await stop()
        proxy.stopCutting()
        await finish(result, ctx, w)
      }),
    scale(120_000, 300_000),
  )

  const downFor = scale(6_000, 60_000)
  test(
    'ClickHouse down for a while: chsync waits within its memory bound, then resumes',
    () =>
      scenario(`ClickHouse down ${downFor / 1000}s (${server})`, async (result) => {
        proxy = new FaultProxy(18123).start()
        ctx = await ReplicationContext.open(server, 't_tor_chdown', {
          env: {
            CHSYNC_TARGET_URL: `http://default@127.0.0.1:${proxy.port}`,
            CHSYNC_APPLY_MAX_BUFFER_BYTES: '8MiB',
            CHSYNC_APPLY_BATCH_BYTES: '2MiB',
          },
          health: true,
        })
        const w = new Workload(ctx.sql, flavor, 91)
        await w.createTables()
        await w.bulk(5000)
        ctx.start()
        await ctx.waitEqual()
        proxy.down()
        const stop = load(w)
        const until = Date.now() + downFor
        let waiting = ''
        let peakRss = 0
        while (Date.now() < until) {
          await Bun.sleep(500)
          peakRss = Math.max(peakRss, ctx.rssMB())
          const h = await ctx.health().catch(() => null)
          if (h?.waiting_for) waiting = String(h.waiting_for)
        }
        await w.largeTransaction(20_000)
        proxy.up()
        await stop()
        // A minute of this workload is gigabytes (the type families' long strings and blobs): the
        // catch-up takes about as long again.
        await finish(result, ctx, w, scale(90_000, 300_000))
        expect(waiting).toContain('ClickHouse')
        // Bounded by apply.max_buffer_bytes (8 MiB) plus the runtime, not by what piled up meanwhile.
        expect(peakRss).toBeLessThan(400)
      }),
    scale(120_000, 480_000),
  )

  test(
    'the binlog chsync needs is purged: a clear error, or a fresh copy',
    () =>
      scenario(`binlog purged, copied again (${server})`, async (result) => {
        const primary = await dedicatedPrimary(server)
        ctx = await ReplicationContext.open(server, 't_tor_purged', { source: primary.source })
        const w = new Workload(ctx.sql, flavor, 101)
        await w.createTables()
        await w.bulk(2000)
        ctx.start()
        await ctx.waitEqual()
        expect(await ctx.stop()).toBe(0)
        for (let i = 0; i < 100; i++) await w.step()
        // MariaDB keeps a file until its binlog checkpoint moves on: flush and purge until it is gone.
        for (let i = 0; ; i++) {
          await ctx.sql.query('FLUSH BINARY LOGS')
          const [[status]] = (await ctx.sql.query(flavor === 'mysql' ? 'SHOW BINARY LOG STATUS' : 'SHOW MASTER STATUS')) as unknown as [
            { File: string }[],
          ]
          await ctx.sql.query(`PURGE BINARY LOGS TO '${status.File}'`)
          const [logs] = (await ctx.sql.query('SHOW BINARY LOGS')) as unknown as [{ Log_name: string }[]]
          if (logs.length === 1) break
          if (i > 50) throw new Error(`the source keeps its binlogs: ${logs.map((l) => l.Log_name).join(', ')}`)
          await Bun.sleep(200)
        }

        ctx.start()
        // It ends by itself: a SIGTERM sent after its last line could arrive while it exits (143).
        expect(await ctx.exited(60_000)).toBe(1)
        expect(ctx.log).toContain('no longer has the binlog')
        expect(ctx.log).toContain('on_position_lost')

        ctx.start([], { CHSYNC_SNAPSHOT_ON_POSITION_LOST: 'resnapshot' })
        await finish(result, ctx, w)
      }),
    scale(120_000, 300_000),
  )
})
