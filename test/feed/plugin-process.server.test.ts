// A plugin runs inside chsync's process, so what it does to the process is its failure: a
// process.exit() in a hook, an error thrown from a timer or a promise nobody awaits. Each ends
// chsync with exit 1 and one JSON log line naming the plugin (never exit 0, which systemd would
// not restart, and never a raw trace).

import { afterEach, expect, test } from 'bun:test'
import { join } from 'node:path'
import { FeedContext } from './support/feed-context.ts'

const PLUGIN = join(import.meta.dir, 'fixtures/unruly-plugin.ts')

let ctx: FeedContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

async function misbehave(how: string, db: string): Promise<FeedContext> {
  const sink = () => `[sink]\nkind = "plugin"\n[sink.plugin]\npath = "${PLUGIN}"\n[sink.plugin.options]\nmisbehave = "${how}"\non_id = 3\n`
  ctx = await FeedContext.open('mariadb10', db, { sink })
  const c = ctx
  await c.sql.query('CREATE TABLE t (id INT PRIMARY KEY)')
  c.start()
  await c.waitForLog((l) => l.msg === 'streaming')
  for (let id = 1; id <= 5; id++) await c.sql.query(`INSERT INTO t VALUES (${id})`)
  expect(await c.exited(20_000)).toBe(1)
  // Every line chsync wrote is a JSON log line.
  const lines = c.log.split('\n').filter((l) => l !== '')
  expect(lines.filter((l) => !l.startsWith('{'))).toEqual([])
  return c
}

function failure(c: FeedContext): string {
  return String(c.logLines().find((l) => l.msg === 'replication failed')?.error)
}

test('process.exit(0) in a hook: exit 1, a plugin failure naming the plugin, the hook and the change', async () => {
  const c = await misbehave('exit', 't_feed_plugin_exit')
  expect(failure(c)).toMatch(
    new RegExp(
      `^plugin "unruly" failed in onChange on insert ${c.db}\\.t id=3 \\(version \\d+, .+\\): it called process\\.exit\\(0\\); a plugin must throw to stop chsync$`,
    ),
  )
}, 40_000)

test('an error thrown from a timer of the plugin: exit 1, a plugin failure naming the plugin', async () => {
  const c = await misbehave('timer', 't_feed_plugin_timer')
  expect(failure(c)).toBe('plugin "unruly" failed in code outside its hooks (a timer or a promise no hook awaited): late failure on id 3')
  expect(
    c.logLines().some((l) => l.msg === 'the plugin failed; stopping without committing past this point' && l.plugin === 'unruly'),
  ).toBe(true)
}, 40_000)

test('a rejected promise the plugin left unawaited: exit 1, a plugin failure naming the plugin', async () => {
  const c = await misbehave('unawaited', 't_feed_plugin_unawaited')
  expect(failure(c)).toBe(
    'plugin "unruly" failed in code outside its hooks (a timer or a promise no hook awaited): forgotten promise on id 3',
  )
}, 40_000)
