// Two replicas with one server id: the source drops the older one whenever the other connects.
// `chsync tail` derives an id of its own (host name and its state file), and when the source drops
// chsync for a duplicate id, chsync stops and names the key to set, instead of reconnecting in a
// loop or calling it a lost position (which advised copying everything again). `chsync check`
// with the id of a running chsync warns, naming source.server_id, also under the least-privilege
// account it recommends (MariaDB does not list replicas to it: the account's binlog readers tell).

import { afterEach, describe, expect, test } from 'bun:test'
import { readFileSync, writeFileSync } from 'node:fs'
import { loadConfig } from '../../src/config/index.ts'
import { tailConfig } from '../../src/cli/tail.ts'
import { CLI, FeedContext } from '../feed/support/feed-context.ts'
import { SERVERS, flavorOf } from '../support/servers.ts'

let ctx: FeedContext | null = null
let other: ReturnType<typeof Bun.spawn> | null = null
afterEach(async () => {
  other?.kill('SIGKILL')
  await other?.exited
  other = null
  await ctx?.close()
  ctx = null
})

test('tail derives its own server id from its state file; run from state.path', () => {
  const config = loadConfig({ env: {}, text: '[state]\npath = "/var/lib/chsync/a.db"\n', hostname: 'db-host' })
  const other = loadConfig({ env: {}, text: '[state]\npath = "/var/lib/chsync/b.db"\n', hostname: 'db-host' })
  const tail = tailConfig(config, { statePath: '/tmp/tail/state.db', snapshot: false, includeBefore: false })
  expect(new Set([config.source.serverId, other.source.serverId, tail.source.serverId]).size).toBe(3)
  const fixed = loadConfig({ env: {}, text: '[source]\nserver_id = 77\n' })
  expect(tailConfig(fixed, { statePath: '/tmp/x.db', snapshot: false, includeBefore: false }).source.serverId).toBe(77)
})

describe.each(SERVERS)('%s', (server) => {
  test('a replica registering with the same server id stops chsync with the key to set', async () => {
    ctx = await FeedContext.open(server, 't12_dup_id')
    const c = ctx
    await c.sql.query('CREATE TABLE t (id INT PRIMARY KEY)')
    const seen = c.logLines().length
    c.start()
    await c.waitForLog((l) => l.msg === 'streaming', seen)
    // The same configuration, so the same fixed server_id: tail connects and the source drops run.
    other = Bun.spawn(['bun', CLI, 'tail', '-c', c.configPath], { env: c.env, stdout: 'ignore', stderr: 'ignore' })
    const code = await c.exited(30_000)
    expect(code).not.toBe(0)
    const failure = c.logLines().find((l) => l.level === 'error' || l.level === 'fatal')
    expect(String(failure?.error ?? failure?.msg)).toContain('set source.server_id (CHSYNC_SOURCE_SERVER_ID)')
    expect(c.log).not.toContain('on_position_lost')
  }, 60_000)

  test('check with the server id of a running chsync warns, naming source.server_id (least-privilege account)', async () => {
    ctx = await FeedContext.open(server, 't12_dup_check')
    const c = ctx
    await c.sql.query('CREATE TABLE t (id INT PRIMARY KEY)')
    // The account chsync check recommends: no right to list the replicas on MariaDB.
    const user = 't12_dup_check'
    const grants =
      flavorOf(server) === 'mysql' ? 'REPLICATION SLAVE, REPLICATION CLIENT, SELECT' : 'REPLICATION SLAVE, BINLOG MONITOR, SELECT'
    await c.sql.query(`DROP USER IF EXISTS '${user}'@'127.0.0.1'`)
    await c.sql.query(`CREATE USER '${user}'@'127.0.0.1' IDENTIFIED BY 'dup-check-pw'`)
    try {
      await c.sql.query(`GRANT ${grants} ON *.* TO '${user}'@'127.0.0.1'`)
      writeFileSync(c.configPath, readFileSync(c.configPath, 'utf8').replace(/url = "(\w+):\/\/[^@]+@/, `url = "$1://${user}@`))
      c.extraEnv = { CHSYNC_SOURCE_PASSWORD: 'dup-check-pw' }
      const check = () => {
        const p = Bun.spawnSync(['bun', CLI, 'check', '-c', c.configPath], { env: c.env })
        return (
          p.stdout
            .toString()
            .split('\n')
            .find((l) => /^\s*(WARN|FATAL)\s+source\.server_id:/.test(l)) ?? null
        )
      }
      // Nothing else reads the binlog as this account: no warning.
      expect(check()).toBeNull()
      const seen = c.logLines().length
      c.start()
      await c.waitForLog((l) => l.msg === 'streaming', seen)
      const warned = check()
      expect(warned).toStartWith('  WARN   source.server_id: ')
      expect(warned).toContain(
        flavorOf(server) === 'mysql'
          ? 'is already connected (host "chsync")'
          : "a binlog reader of 't12_dup_check'@'127.0.0.1' is already connected",
      )
      expect(await c.stop()).toBe(0)
    } finally {
      await c.sql.query(`DROP USER IF EXISTS '${user}'@'127.0.0.1'`)
    }
  }, 60_000)
})
