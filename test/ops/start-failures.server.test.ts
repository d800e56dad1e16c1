// What `run` does when the source or ClickHouse is not there, or refuses it, at start. A refused
// account or a target that is not ClickHouse is a configuration mistake: one attempt, a message
// naming what to fix, exit 78 (systemd does not restart it), nothing committed. A server that does
// not answer is waited for, with growing pauses, visible in health as `starting` with the reason;
// SIGTERM during such a wait exits 0 without waiting the pause out.

import { describe, expect, test } from 'bun:test'
import { existsSync } from 'node:fs'
import { CLICKHOUSE_URL, SERVERS, SOURCES } from '../support/servers.ts'
import { FaultProxy } from '../torture/support/proxy.ts'
import { StateStore } from '../../src/state/index.ts'
import type { ChildRun } from '../support/child.ts'
import { ClickHouseProxy } from './support/clickhouse-proxy.ts'
import { healthOf } from './support/http-tools.ts'
import { cleanupsAfterEach } from './support/cleanups.ts'
import { OpsWorld } from './support/world.ts'

const { track, later } = cleanupsAfterEach()

/** A loopback port nothing listens on (taken from the kernel, then let go). */
function freePort(): number {
  const probe = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } })
  const port = probe.port
  probe.stop(true)
  return port
}

/** The last log line with this message, once it is there. */
function logged(
  run: ChildRun,
  msg: string,
  pick: (l: Record<string, unknown>) => boolean = () => true,
): Record<string, unknown> | undefined {
  return run.logLines().findLast((l) => l.msg === msg && pick(l))
}

describe.each(SERVERS)('%s', (server) => {
  test('a wrong source password: one attempt, exit 78, a message naming what to check, no password in it', async () => {
    const world = track(await OpsWorld.open(server, 't_ops_start_pw'))
    await world.sql.query('CREATE TABLE t (id INT PRIMARY KEY)')
    const run = track(world.startFromSource(['run'], { CHSYNC_SOURCE_PASSWORD: 'wrong-pw-Kx7' }))
    expect(await run.exited).toBe(78)
    expect(run.logLines().filter((l) => l.msg === 'cannot reach the source, retrying')).toEqual([])
    const error = logged(run, 'replication failed')!
    expect(String(error.error)).toStartWith('the source refused chsync: cannot connect to repl@127.0.0.1:')
    expect(String(error.error)).toContain("Access denied for user 'repl'")
    expect(String(error.error)).toContain('check the user in source.url, its password (source.password_file or CHSYNC_SOURCE_PASSWORD)')
    expect(run.output).not.toContain('wrong-pw-Kx7')
    // Nothing was started: no position committed, no table made.
    if (existsSync(world.hostStatePath)) {
      const state = StateStore.open(world.hostStatePath)
      expect(state.checkpoint).toBeNull()
      state.close()
    }
    expect(await (await world.ch.query({ query: `EXISTS DATABASE \`${world.db}\``, format: 'JSONEachRow' })).json()).toEqual([
      { result: 0 },
    ])
  }, 30_000)
})

test('a ClickHouse user it refuses: one attempt, exit 78, naming target.url', async () => {
  const world = track(await OpsWorld.open('mariadb10', 't_ops_start_chuser'))
  await world.sql.query('CREATE TABLE t (id INT PRIMARY KEY)')
  const run = track(world.startFromSource(['run'], { CHSYNC_TARGET_URL: CLICKHOUSE_URL.replace('http://', 'http://stranger@') }))
  expect(await run.exited).toBe(78)
  expect(run.logLines().filter((l) => l.msg === 'cannot reach the target, retrying')).toEqual([])
  const error = String(logged(run, 'replication failed')!.error)
  expect(error).toStartWith('ClickHouse refused chsync: ClickHouse at ')
  expect(error).toContain('stranger: Authentication failed: password is incorrect, or there is no user with such name.')
  expect(error).toContain('check the user in target.url and its password (target.password_file or CHSYNC_TARGET_PASSWORD)')
}, 30_000)

test('an HTTP server that is not ClickHouse: exit 78 before anything is copied or committed', async () => {
  // Answers 200 to everything, as a misdirected target.url may.
  const impostor = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: () => new Response('Ok.\n') })
  later(() => void impostor.stop(true))
  const world = track(await OpsWorld.open('mysql', 't_ops_start_notch'))
  await world.sql.query('CREATE TABLE t (id INT PRIMARY KEY)')
  await world.sql.query('INSERT INTO t VALUES (1), (2)')
  const run = track(world.startFromSource(['run'], { CHSYNC_TARGET_URL: `http://default@127.0.0.1:${impostor.port}` }))
  expect(await run.exited).toBe(78)
  const error = String(logged(run, 'replication failed')!.error)
  expect(error).toStartWith(`http://127.0.0.1:${impostor.port}`)
  expect(error).toContain('does not answer as ClickHouse does')
  expect(error).toEndWith('check target.url')
  expect(run.logLines().some((l) => l.msg === 'initial copy')).toBe(false)
  if (existsSync(world.hostStatePath)) {
    const state = StateStore.open(world.hostStatePath)
    expect(state.checkpoint).toBeNull()
    state.close()
  }
}, 30_000)

test('a source that does not answer: retried, health says starting with why; SIGTERM in a long pause exits 0', async () => {
  const world = track(await OpsWorld.open('mysql', 't_ops_start_nosrc'))
  const port = freePort()
  const run = track(world.startFromSource(['run'], { CHSYNC_SOURCE_URL: `mysql://repl@127.0.0.1:${port}` }))
  // Pauses of 0.5, 1, 2 and 4 s: after the fifth failure chsync waits 8 s before the sixth attempt.
  await run.waitFor('the fifth retry', () => logged(run, 'cannot reach the source, retrying', (l) => l.attempt === 5), 20_000)
  const health = (await healthOf(world.socketPath))!
  expect(health.status).toBe(503)
  expect(health.json.stage).toBe('starting')
  expect(String(health.json.waiting_for)).toStartWith(`source: cannot connect to repl@127.0.0.1:${port}: `)
  expect(String(health.json.waiting_for)).toContain('ECONNREFUSED')
  expect(String(health.json.waiting_for)).toEndWith('(retry 5 in 8s)')
  expect(logged(run, 'cannot reach the source, retrying', (l) => l.attempt === 5)!.delay_ms).toBe(8000)
  // Well inside that 8 s pause: the stop does not wait it out.
  expect(await run.stop('SIGTERM', 4000)).toBe(0)
  expect(run.logLines().some((l) => l.msg === 'stopped')).toBe(true)
  expect(run.logLines().some((l) => l.level === 'error')).toBe(false)
}, 40_000)

test('a ClickHouse that does not answer yet: retried (health: starting, why), SIGTERM exits 0; once it is up, the copy runs', async () => {
  const world = track(await OpsWorld.open('mariadb10', 't_ops_start_noch'))
  await world.sql.query('CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))')
  await world.sql.query("INSERT INTO t VALUES (1, 'a'), (2, 'b')")
  const port = freePort()
  const target = { CHSYNC_TARGET_URL: `http://default@127.0.0.1:${port}` }

  const first = track(world.startFromSource(['run'], target))
  // After the fifth failure chsync waits 8 s before the sixth attempt.
  await first.waitFor('the fifth retry', () => logged(first, 'cannot reach the target, retrying', (l) => l.attempt === 5), 20_000)
  const health = (await healthOf(world.socketPath))!
  expect(health.json.stage).toBe('starting')
  expect(String(health.json.waiting_for)).toStartWith('ClickHouse: ClickHouse at ')
  expect(await first.stop('SIGTERM', 4000)).toBe(0)
  expect(first.logLines().some((l) => l.level === 'error')).toBe(false)

  const second = track(world.startFromSource(['run'], target))
  await second.waitFor('a retry', () => logged(second, 'cannot reach the target, retrying'), 20_000)
  // ClickHouse comes up where chsync looks for it.
  const proxy = new ClickHouseProxy(port)
  later(() => proxy.stop())
  await world.waitEqual(second, 30_000)
  expect((await healthOf(world.socketPath))!.json.waiting_for).toBeNull()
  expect(await second.stop('SIGTERM')).toBe(0)
}, 60_000)

test('the source going away in the middle of the start: SIGTERM ends the wait for it at once, exit 0', async () => {
  const world = track(await OpsWorld.open('mariadb10', 't_ops_start_away'))
  await world.sql.query('CREATE TABLE t (id INT PRIMARY KEY)')
  const source = new FaultProxy(SOURCES.mariadb10.port).start()
  later(() => source.stop())
  const port = freePort()
  // ClickHouse is not there yet: the start waits for it after the source answered.
  const run = track(
    world.startFromSource(['run'], {
      CHSYNC_SOURCE_URL: `mariadb://repl@127.0.0.1:${source.port}`,
      CHSYNC_TARGET_URL: `http://default@127.0.0.1:${port}`,
    }),
  )
  await run.waitFor('a retry of ClickHouse', () => logged(run, 'cannot reach the target, retrying'), 20_000)
  // The source goes away, then ClickHouse comes: the start goes on and waits for the source.
  source.down()
  const clickhouse = new ClickHouseProxy(port)
  later(() => clickhouse.stop())
  await run.waitFor('the start to go past ClickHouse', async () => {
    const h = await healthOf(world.socketPath)
    return h && h.json.stage === 'starting' && h.json.waiting_for === null ? true : undefined
  })
  expect(await run.stop('SIGTERM', 4000)).toBe(0)
  expect(run.logLines().some((l) => l.msg === 'stopped')).toBe(true)
  expect(run.logLines().some((l) => l.level === 'error')).toBe(false)
}, 40_000)
