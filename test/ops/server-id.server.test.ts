// Two replicas with one server id: the source drops the older one whenever the other connects.
// `chsync tail` derives an id of its own (host name and its state file), and when the source drops
// chsync for a duplicate id, chsync stops and names the key to set, instead of reconnecting in a
// loop or calling it a lost position (which advised copying everything again).

import { afterEach, describe, expect, test } from 'bun:test'
import { loadConfig } from '../../src/config/index.ts'
import { tailConfig } from '../../src/cli/tail.ts'
import { CLI, FeedContext } from '../feed/support/feed-context.ts'
import { SERVERS } from '../support/servers.ts'

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
})
