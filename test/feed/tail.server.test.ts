// `chsync tail`: the change stream as JSON lines on stdout, the log on stderr, no ClickHouse;
// --snapshot prints the rows there are first; with --state a second tail goes on where the first
// stopped; without it the temporary state is gone at exit.

import { afterEach, describe, expect, test } from 'bun:test'
import { existsSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SERVERS } from '../support/servers.ts'
import { CLI, FeedContext, parseLines } from './support/feed-context.ts'

let ctx: FeedContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

const tempStates = () => new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('chsync-tail-')))

describe.each(SERVERS)('%s', (server) => {
  test('tail prints the changes as JSON lines; --state resumes', async () => {
    ctx = await FeedContext.open(server, 't_feed_tail', { sink: () => '[sink]\nkind = "clickhouse"' })
    const c = ctx
    const state = join(c.dir, 'tail-state.db')
    await c.sql.query('CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))')
    await c.sql.query("INSERT INTO t VALUES (1, 'a'), (2, 'b')")
    c.start(['bun', CLI], ['tail', '-c', c.configPath, '--snapshot', '--include-before', '--state', state])
    await c.poll(() => (parseLines(c.output).length === 2 ? true : undefined), 20_000, 'no snapshot lines on stdout')
    await c.waitForLog((l) => l.msg === 'streaming')
    await c.sql.query("UPDATE t SET v = 'z' WHERE id = 1")
    await c.poll(() => (parseLines(c.output).length === 3 ? true : undefined), 20_000, 'no update line on stdout')
    expect(await c.stop('SIGTERM')).toBe(0)
    const first = parseLines(c.output)
    expect(first.map((r) => [r.kind, r.columnvalues])).toEqual([
      ['snapshot_insert', [1, 'a']],
      ['snapshot_insert', [2, 'b']],
      ['update', [1, 'z']],
    ])
    expect(first[2].before).toEqual({ columnnames: ['id', 'v'], columnvalues: [1, 'a'] })
    expect(c.log).toContain('"msg":"stopped"')
    expect(existsSync(state)).toBe(true)

    // While stopped: one change. The same state goes on from there, without the copy again.
    await c.sql.query('DELETE FROM t WHERE id = 2')
    const seen = c.output.length
    c.start(['bun', CLI], ['tail', '-c', c.configPath, '--snapshot', '--state', state])
    await c.poll(() => (parseLines(c.output.slice(seen)).length === 1 ? true : undefined), 20_000, 'no delete line on stdout')
    expect(await c.stop('SIGTERM')).toBe(0)
    expect(parseLines(c.output.slice(seen)).map((r) => [r.kind, r.oldkeys])).toEqual([['delete', { keynames: ['id'], keyvalues: [2] }]])
  }, 40_000)

  test('without --state, tail starts at the current end and leaves nothing behind', async () => {
    ctx = await FeedContext.open(server, 't_feed_tail_tmp')
    const c = ctx
    await c.sql.query('CREATE TABLE t (id INT PRIMARY KEY)')
    await c.sql.query('INSERT INTO t VALUES (1)')
    const before = tempStates()
    c.start(['bun', CLI], ['tail', '-c', c.configPath])
    await c.waitForLog((l) => l.msg === 'streaming')
    const during = [...tempStates()].filter((n) => !before.has(n))
    expect(during.length).toBe(1)
    await c.sql.query('INSERT INTO t VALUES (2)')
    await c.poll(() => (parseLines(c.output).length === 1 ? true : undefined), 20_000, 'no insert line on stdout')
    expect(await c.stop('SIGINT')).toBe(0)
    expect(parseLines(c.output).map((r) => [r.kind, r.columnvalues])).toEqual([['insert', [2]]])
    expect(existsSync(join(tmpdir(), during[0]))).toBe(false)
    // The configured sink (a file) was not touched.
    expect(existsSync(c.outPath)).toBe(false)
  }, 30_000)

  test('tail stops quietly when its reader goes away (tail | head)', async () => {
    ctx = await FeedContext.open(server, 't_feed_tail_pipe')
    const c = ctx
    await c.sql.query('CREATE TABLE t (id INT PRIMARY KEY)')
    const head = Bun.spawn(['bash', '-c', `bun ${CLI} tail -c ${c.configPath} | head -n 1`], { env: c.env, stdout: 'pipe', stderr: 'pipe' })
    const log: string[] = []
    void (async () => {
      for await (const chunk of head.stderr as ReadableStream<Uint8Array>) log.push(new TextDecoder().decode(chunk))
    })()
    await c.poll(() => (log.join('').includes('"msg":"streaming"') ? true : undefined), 20_000, 'tail did not start')
    // The first line satisfies head; a later batch finds the pipe closed.
    let exited: number | null = null
    void head.exited.then((code) => (exited = code))
    for (let id = 1; exited === null && id < 60; id++) {
      await c.sql.query(`INSERT INTO t VALUES (${id})`)
      await Bun.sleep(300)
    }
    const code = await Promise.race([head.exited, Bun.sleep(5_000).then(() => 'timeout')])
    expect(code).toBe(0)
    expect(parseLines(await new Response(head.stdout).text()).map((r) => r.columnvalues)).toEqual([[1]])
    expect(log.join('')).toContain('standard output was closed; stopping')
  }, 30_000)
})
