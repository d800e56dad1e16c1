// The plugin sink with a real server: a plugin sees every hook in order (init, the copy between
// onSnapshotStart and onSnapshotEnd, onStreamStart before the first binlog change, the changes
// in source order, onCommit after them, close last); a plugin that throws stops chsync with its
// name and the change, and a restart resumes at that change, nothing committed past it.

import { afterEach, describe, expect, test } from 'bun:test'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SERVERS } from '../support/servers.ts'
import { FeedContext } from './support/feed-context.ts'

const PLUGIN = join(import.meta.dir, 'fixtures/recording-plugin.ts')

interface Call {
  hook: string
  kind?: string
  table?: string | null
  id?: number | null
  version?: number
  gtid?: string | null
  statement?: string
  position?: string
  name?: string
  options?: string[]
}

let ctx: FeedContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

function calls(file: string): Call[] {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l)
    .map((l) => JSON.parse(l) as Call)
}

function pluginSink(log: string, extra = ''): () => string {
  return () => `[sink]\nkind = "plugin"\n[sink.plugin]\npath = "${PLUGIN}"\n[sink.plugin.options]\nlog = "${log}"\n${extra}`
}

describe.each(SERVERS)('%s', (server) => {
  test('a plugin sees every hook in order', async () => {
    const log = join(process.env.TMPDIR ?? '/tmp', `chsync-plugin-hooks-${server}-${process.pid}.ndjson`)
    ctx = await FeedContext.open(server, 't_feed_plugin', {
      sink: pluginSink(log, 'color = "blue"'),
      env: { CHSYNC_SNAPSHOT_CHUNK_ROWS: '100' },
    })
    const c = ctx
    await Bun.write(log, '')
    await c.sql.query('CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))')
    await c.sql.query(`INSERT INTO t VALUES ${Array.from({ length: 250 }, (_, i) => `(${i + 1}, 'c')`).join(', ')}`)
    c.start()
    await c.poll(() => (calls(log).some((x) => x.hook === 'onSnapshotEnd') ? true : undefined), 20_000, 'no onSnapshotEnd')
    await c.sql.query('BEGIN')
    await c.sql.query("INSERT INTO t VALUES (1000, 'a'), (1001, 'b')")
    await c.sql.query("UPDATE t SET v = 'u' WHERE id = 1")
    await c.sql.query('COMMIT')
    await c.sql.query('DELETE FROM t WHERE id = 2')
    await c.sql.query('ALTER TABLE t ADD COLUMN w INT')
    await c.sql.query('INSERT INTO t (id) VALUES (1002)')
    await c.poll(() => (calls(log).some((x) => x.id === 1002) ? true : undefined), 20_000, 'the last insert did not arrive')
    expect(await c.stop('SIGTERM')).toBe(0)

    const seq = calls(log)
    const at = (pred: (x: Call) => boolean) => seq.findIndex(pred)
    const last = (pred: (x: Call) => boolean) => seq.findLastIndex(pred)
    expect(seq[0]).toEqual({ hook: 'init', name: 'recorder', options: ['color', 'log'] })
    expect(seq.at(-1)).toEqual({ hook: 'close' })
    for (const hook of ['init', 'onSnapshotStart', 'onSnapshotEnd', 'onStreamStart', 'close'])
      expect(seq.filter((x) => x.hook === hook).length).toBe(1)
    // The copy, whole, between its two hooks.
    const snapshot = seq.filter((x) => x.kind === 'snapshot_insert')
    expect(snapshot.map((x) => x.id).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1))
    expect(at((x) => x.hook === 'onSnapshotStart')).toBeLessThan(at((x) => x.kind === 'snapshot_insert'))
    expect(last((x) => x.kind === 'snapshot_insert')).toBeLessThan(at((x) => x.hook === 'onSnapshotEnd'))
    // The stream: its hook first, then the changes in the source's order, each followed by a commit.
    const binlog = seq.filter((x) => x.hook === 'onChange' && x.kind !== 'snapshot_insert')
    expect(binlog.map((x) => `${x.kind} ${x.id ?? x.statement}`)).toEqual([
      'insert 1000',
      'insert 1001',
      'update 1',
      'delete 2',
      'ddl ALTER TABLE t ADD COLUMN w INT',
      'insert 1002',
    ])
    expect(binlog.map((x) => x.version)).toEqual([1, 2, 3, 4, 4, 5])
    expect(binlog[0].gtid).toBe(binlog[2].gtid)
    expect(binlog[3].gtid).not.toBe(binlog[2].gtid)
    expect(at((x) => x.hook === 'onStreamStart')).toBeLessThan(at((x) => x.hook === 'onChange' && x.kind === 'insert'))
    expect(last((x) => x.hook === 'onCommit')).toBeGreaterThan(last((x) => x.hook === 'onChange'))
    const positions = seq.filter((x) => x.hook === 'onCommit').map((x) => x.position!)
    expect(positions.every((p) => /^.+\.\d+:\d+$/.test(p))).toBe(true)
  }, 40_000)

  test('a throwing plugin stops cleanly and resumes where it stopped', async () => {
    const log = join(process.env.TMPDIR ?? '/tmp', `chsync-plugin-throw-${server}-${process.pid}.ndjson`)
    ctx = await FeedContext.open(server, 't_feed_plugin_throw', { sink: pluginSink(log, 'fail_on_id = 13') })
    const c = ctx
    await Bun.write(log, '')
    await c.sql.query('CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))')
    c.start()
    await c.waitForLog((l) => l.msg === 'streaming')
    for (let id = 1; id <= 30; id++) {
      await c.sql.query(`INSERT INTO t VALUES (${id}, 'v')`)
      if (id % 5 === 0) await Bun.sleep(150)
    }
    expect(await c.exited(20_000)).toBe(1)
    const failure = c.logLines().find((l) => l.msg === 'the plugin failed; stopping without committing past this change')!
    expect(failure).toMatchObject({
      plugin: 'recorder',
      hook: 'onChange',
      error: 'refusing id 13',
      change: { kind: 'insert', table: `${c.db}.t`, key: { id: 13 } },
    })
    const first = calls(log)
    const delivered = first.filter((x) => x.hook === 'onChange').map((x) => x.id)
    expect({ delivered, last: first.at(-1) }).toEqual({ delivered: Array.from({ length: 12 }, (_, i) => i + 1), last: { hook: 'close' } })

    // Without the failure: the stream resumes from the last commit, so id 13 comes again.
    c.extraEnv = { CHSYNC_SINK_PLUGIN_OPTIONS: JSON.stringify({ log }) }
    await Bun.write(log, '')
    c.start()
    await c.poll(() => (calls(log).some((x) => x.id === 30) ? true : undefined), 20_000, 'id 30 did not arrive')
    expect(await c.stop('SIGTERM')).toBe(0)
    const again = calls(log)
      .filter((x) => x.hook === 'onChange')
      .map((x) => x.id!)
    // Nothing past the failed change was committed: the resumed stream starts at or before it.
    expect(again[0]).toBeLessThanOrEqual(13)
    expect({ again }).toEqual({ again: Array.from({ length: 30 - again[0] + 1 }, (_, i) => again[0] + i) })
  }, 40_000)
})
