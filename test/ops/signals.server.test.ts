// SIGTERM and SIGINT on a replicating chsync: the stop flushes what was read but not yet sent,
// commits the position (the last write's GTID is in it, the version counter covers every row),
// exits 0, and a restart goes on from there with nothing lost. Under systemd it said READY=1,
// pinged the watchdog and said STOPPING=1. A ClickHouse that hangs cannot keep it from exiting:
// the stop is bounded (exit 5), a second SIGINT exits at once (130), and nothing is lost either.

import { describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import { SERVERS, flavorOf, SOURCES } from '../support/servers.ts'
import { FaultProxy } from '../torture/support/proxy.ts'
import { StateStore } from '../../src/state/index.ts'
import { ClickHouseProxy } from './support/clickhouse-proxy.ts'
import { ensureTools, healthOf, socatGet } from './support/http-tools.ts'
import { NotifyReceiver } from './support/notify-receiver.ts'
import { gtidSetContains, trackOwnGtids, writeWithGtid } from './support/source-gtid.ts'
import { cleanupsAfterEach } from './support/cleanups.ts'
import { OpsWorld } from './support/world.ts'

const { track, later } = cleanupsAfterEach()

async function rowsRead(socket: string, table: string): Promise<number> {
  const metrics = (await socatGet(socket, '/metrics')).body
  const m = new RegExp(`^chsync_table_rows_total\\{database="[^"]+",table="${table}"\\} (\\d+)$`, 'm').exec(metrics)
  return m ? Number(m[1]) : 0
}

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test('SIGTERM flushes, commits and exits 0; systemd heard READY, WATCHDOG, STOPPING; a restart loses nothing', async () => {
    await ensureTools()
    const world = track(await OpsWorld.open(server, 't_ops_signals'))
    const { sql } = world
    await trackOwnGtids(flavor, sql)
    await sql.query('CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(40))')
    await sql.query(`INSERT INTO orders VALUES ${Array.from({ length: 100 }, (_, i) => `(${i + 1}, 'copied')`).join(', ')}`)

    const rx = track(await NotifyReceiver.open(join(world.dir, 'notify.sock')))
    // Nothing is flushed by time or size: only the stop can send what is read after the copy.
    const run = track(
      world.startFromSource(['run'], {
        NOTIFY_SOCKET: rx.address,
        WATCHDOG_USEC: '400000',
        CHSYNC_APPLY_FLUSH_INTERVAL_MS: '3600000',
        CHSYNC_APPLY_BATCH_ROWS: '1000000',
        CHSYNC_APPLY_FLUSH_WHEN_IDLE: 'false',
      }),
    )
    await rx.waitFor('READY=1')
    await run.waitFor('streaming', async () => ((await healthOf(world.socketPath))?.json.stage === 'streaming' ? true : undefined))
    // systemd hears of it within a poll of the stage.
    await rx.waitFor('STATUS=streaming', 2000)
    await world.waitEqual(run)

    await sql.query(`INSERT INTO orders VALUES ${Array.from({ length: 400 }, (_, i) => `(${i + 1001}, 'streamed')`).join(', ')}`)
    await sql.query("UPDATE orders SET note = 'updated' WHERE id <= 50")
    const last = await writeWithGtid(flavor, sql, 'DELETE FROM orders WHERE id BETWEEN 51 AND 60')
    // Read (100 copied + 400 inserted + 50 updated + 10 deleted), but not flushed:
    await run.waitFor('the changes to be read', async () => ((await rowsRead(world.socketPath, 'orders')) >= 560 ? true : undefined))
    expect(await world.equal()).toBe(false)

    const started = Date.now()
    expect(await run.stop('SIGTERM')).toBe(0)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(run.logLines().some((l) => l.msg === 'stopped')).toBe(true)
    await rx.waitFor('STOPPING=1')
    expect(rx.lines.filter((l) => l === 'WATCHDOG=1').length).toBeGreaterThanOrEqual(2)
    expect(rx.lines.filter((l) => l === 'READY=1').length).toBe(1)

    // The final flush reached ClickHouse, and the position committed with it covers the last write.
    expect(await world.equal()).toBe(true)
    const state = StateStore.open(world.hostStatePath)
    const cp = state.checkpoint!
    state.close()
    expect(cp.gtid).not.toBeNull()
    expect(gtidSetContains(flavor, cp.gtid!, last)).toBe(true)
    const rs = await world.ch.query({ query: `SELECT toString(max(_version)) AS v FROM \`${world.db}\`.orders`, format: 'JSONEachRow' })
    const [{ v }] = (await rs.json()) as { v: string }[]
    expect(BigInt(v!)).toBeLessThanOrEqual(cp.version)
    // The socket was removed on the way out.
    expect(await healthOf(world.socketPath)).toBeUndefined()

    // Restart: no copy again, the stream goes on from the committed position.
    const again = track(world.startFromSource(['run']))
    await again.waitFor('streaming', async () => ((await healthOf(world.socketPath))?.json.stage === 'streaming' ? true : undefined))
    await sql.query("INSERT INTO orders VALUES (5000, 'after restart')")
    await world.waitEqual(again)
    expect(await again.stop('SIGINT')).toBe(0)
    expect(again.logLines().some((l) => l.msg === 'initial copy')).toBe(false)
  }, 60_000)
})

test('a hung ClickHouse: the stop is bounded (exit 5), a second SIGINT exits at once (130), nothing is lost', async () => {
  const proxy = new ClickHouseProxy()
  later(() => proxy.stop())
  const world = track(await OpsWorld.open('mysql', 't_ops_stuck', { targetUrl: proxy.url }))
  const { sql } = world
  await sql.query('CREATE TABLE t (id INT PRIMARY KEY, v INT)')
  await sql.query('INSERT INTO t VALUES (1, 1), (2, 2)')

  const first = track(world.startFromSource(['run', '--stop-timeout', '1s']))
  await first.waitFor('streaming', async () => ((await healthOf(world.socketPath))?.json.stage === 'streaming' ? true : undefined))
  await world.waitEqual(first)
  proxy.hang()
  await sql.query('INSERT INTO t VALUES (3, 3), (4, 4)')
  await sql.query('UPDATE t SET v = 10 WHERE id = 1')
  await Bun.sleep(500) // read, and a flush has started and hangs
  const started = Date.now()
  expect(await first.stop('SIGTERM')).toBe(5)
  const took = Date.now() - started
  expect(took).toBeGreaterThanOrEqual(1000)
  expect(took).toBeLessThan(5000)
  const error = first.logLines().find((l) => l.level === 'error')!
  expect(error.msg).toBe('the final flush did not finish in time; exiting without it; the last committed position stays valid')
  expect(error.timeout_ms).toBe(1000)

  // Hung again once streaming, with a change read: the first SIGINT starts a stop whose final
  // flush cannot finish, the second ends it now. (A stop during the start, before anything was
  // read, ends at once: it is not this case.)
  proxy.pass()
  const second = track(world.startFromSource(['run']))
  await second.waitFor('streaming', async () => ((await healthOf(world.socketPath))?.json.stage === 'streaming' ? true : undefined))
  proxy.hang()
  await sql.query('INSERT INTO t VALUES (5, 5)')
  await Bun.sleep(500) // read, and a flush has started and hangs
  second.proc.kill('SIGINT')
  await second.waitFor('the stop to begin', () => (second.logLines().some((l) => String(l.msg).startsWith('stopping')) ? true : undefined))
  expect(await second.stop('SIGINT', 3000)).toBe(130)
  expect(second.logLines().some((l) => l.msg === 'second interrupt: exiting now; the last committed position stays valid')).toBe(true)

  // ClickHouse answers again: what was never committed is read again, and the copy is exact.
  proxy.pass()
  const third = track(world.startFromSource(['run']))
  await world.waitEqual(third)
  expect(await third.stop('SIGTERM')).toBe(0)
}, 60_000)

test('SIGTERM during the initial copy: exit 0 with the copied chunks committed; the next start finishes the copy', async () => {
  const world = track(await OpsWorld.open('mysql', 't_ops_copystop'))
  const { sql } = world
  await sql.query('CREATE TABLE big (id INT PRIMARY KEY, pad VARCHAR(200))')
  for (let from = 0; from < 30000; from += 5000)
    await sql.query(`INSERT INTO big VALUES ${Array.from({ length: 5000 }, (_, i) => `(${from + i + 1}, REPEAT('x', 200))`).join(', ')}`)
  // Small chunks, one at a time: the copy takes long enough to be interrupted in the middle.
  const run = track(world.startFromSource(['run'], { CHSYNC_SNAPSHOT_CHUNK_ROWS: '100', CHSYNC_SNAPSHOT_PARALLELISM: '1' }))
  await run.waitFor('the copy to be under way', async () => {
    const h = await healthOf(world.socketPath)
    return h && h.json.stage === 'snapshot' && (h.json.init_rows_parsed as number) >= 2000 ? true : undefined
  })
  expect(await run.stop('SIGTERM')).toBe(0)
  expect(run.logLines().some((l) => l.msg === 'copy stopped; it resumes after the last committed row on the next start')).toBe(true)
  const state = StateStore.open(world.hostStatePath)
  const table = state.table(world.db, 'big')!
  state.close()
  expect(table.stage).not.toBe('streaming')
  expect(table.rowsCopied).toBeGreaterThanOrEqual(2000)
  expect(table.rowsCopied).toBeLessThan(30000)
  expect(table.cursor).not.toBeNull()

  const again = track(world.startFromSource(['run']))
  await world.waitEqual(again, 30_000)
  expect(again.logLines().find((l) => l.msg === 'resuming copy')?.rows_copied).toBe(table.rowsCopied)
  expect(await again.stop('SIGTERM')).toBe(0)
}, 60_000)

test('SIGTERM while the source is away during streaming: the pause before the next attempt ends at once, exit 0', async () => {
  const proxy = new FaultProxy(SOURCES.mariadb10.port).start()
  later(() => proxy.stop())
  const world = track(await OpsWorld.open('mariadb10', 't_ops_stop_away'))
  await world.sql.query('CREATE TABLE t (id INT PRIMARY KEY)')
  await world.sql.query('INSERT INTO t VALUES (1), (2)')
  const run = track(world.startFromSource(['run'], { CHSYNC_SOURCE_URL: `mariadb://repl@127.0.0.1:${proxy.port}` }))
  await world.waitEqual(run)
  proxy.down()
  // Pauses of 0.5, 1, 2 and 4 s after the first four failures; after the fifth, 8 s.
  const interrupted = () =>
    run.logLines().filter((l) => l.msg === 'replication stream interrupted; resuming from the last committed position')
  await run.waitFor('the fifth interruption', () => (interrupted().length >= 5 ? true : undefined), 20_000)
  expect(String((await healthOf(world.socketPath))!.json.waiting_for)).toStartWith('source: ')
  // Well inside that 8 s pause: the stop does not wait it out.
  expect(await run.stop('SIGTERM', 4000)).toBe(0)
  expect(run.logLines().some((l) => l.msg === 'stopped')).toBe(true)
  expect(run.logLines().some((l) => l.level === 'error')).toBe(false)
}, 40_000)
