// The two example plugins of examples/, run by the compiled binary (`bun build --compile`), which
// loads the plugin's .ts file from disk at run time: the SQLite change log and the per-table counts.

import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test'
import { Database } from 'bun:sqlite'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SERVERS } from '../support/servers.ts'
import { FeedContext } from './support/feed-context.ts'

const EXAMPLES = join(import.meta.dir, '../../examples')
const binDir = mkdtempSync(join(tmpdir(), 'chsync-bin-'))
const BIN = join(binDir, 'chsync')

beforeAll(() => {
  const built = Bun.spawnSync(['bun', 'build', '--compile', '--minify', join(import.meta.dir, '../../src/cli.ts'), '--outfile', BIN], {
    stderr: 'pipe',
    stdout: 'pipe',
  })
  if (built.exitCode !== 0) throw new Error(`bun build --compile failed: ${built.stderr.toString()}`)
})
afterAll(() => rmSync(binDir, { recursive: true, force: true }))

let ctx: FeedContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

function plugin(file: string, options: Record<string, string>): () => string {
  const opts = Object.entries(options).map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
  return () => `[sink]\nkind = "plugin"\n[sink.plugin]\npath = "${join(EXAMPLES, file)}"\n[sink.plugin.options]\n${opts.join('\n')}`
}

describe.each(SERVERS)('%s', (server) => {
  test('sqlite-plugin: every change in a SQLite file, once, also after a restart', async () => {
    const file = join(binDir, `changes-${server}.sqlite`)
    ctx = await FeedContext.open(server, 't_feed_ex_sqlite', { sink: plugin('sqlite-plugin.ts', { path: file }) })
    const c = ctx
    await c.sql.query('CREATE TABLE t (id BIGINT UNSIGNED PRIMARY KEY, b VARBINARY(4), d DECIMAL(5,2))')
    await c.sql.query("INSERT INTO t VALUES (18446744073709551615, x'00ff', 1.50), (1, NULL, -2.00)")
    c.start([BIN])
    await c.waitForLog((l) => l.msg === 'copy done')
    await c.sql.query("INSERT INTO t VALUES (2, x'41', 0.01)")
    await c.sql.query('UPDATE t SET d = 9.99 WHERE id = 1')
    await c.sql.query('DELETE FROM t WHERE id = 2')
    const read = () => {
      const db = new Database(file, { readonly: true })
      try {
        return {
          changes: db.query('SELECT kind, tbl, key, version, row, before FROM changes ORDER BY seq').all() as Record<
            string,
            string | null
          >[],
          position: db.query('SELECT position FROM position').get() as { position: string } | null,
        }
      } catch {
        return { changes: [], position: null }
      } finally {
        db.close()
      }
    }
    await c.poll(() => (read().changes.length === 5 ? true : undefined), 20_000, 'not 5 changes in SQLite')
    expect(await c.stop('SIGTERM')).toBe(0)
    const { changes, position } = read()
    expect(changes.map((r) => [r.kind, r.key, r.version, r.row, r.before])).toEqual([
      ['snapshot_insert', '{"id":"1"}', '0', '{"id":"1","b":null,"d":"-2.00"}', null],
      ['snapshot_insert', '{"id":"18446744073709551615"}', '0', '{"id":"18446744073709551615","b":"AP8=","d":"1.50"}', null],
      ['insert', '{"id":"2"}', '1', '{"id":"2","b":"QQ==","d":"0.01"}', null],
      ['update', '{"id":"1"}', '2', '{"id":"1","b":null,"d":"9.99"}', '{"id":"1","b":null,"d":"-2.00"}'],
      ['delete', '{"id":"2"}', '3', null, '{"id":"2","b":"QQ==","d":"0.01"}'],
    ])
    expect(position?.position).toMatch(/^.+\.\d+:\d+$/)

    // A restart from the same state adds only what is new.
    c.start([BIN])
    await c.waitForLog((l) => l.msg === 'streaming', c.logLines().length)
    await c.sql.query('INSERT INTO t VALUES (3, NULL, 3.00)')
    await c.poll(() => (read().changes.length === 6 ? true : undefined), 20_000, 'the new change is not in SQLite')
    expect(await c.stop('SIGTERM')).toBe(0)
    expect(read().changes.map((r) => r.version)).toEqual(['0', '0', '1', '2', '3', '4'])
  }, 40_000)

  test('table-counts-plugin: changes counted per table and kind', async () => {
    const out = join(binDir, `counts-${server}.json`)
    ctx = await FeedContext.open(server, 't_feed_ex_counts', { sink: plugin('table-counts-plugin.ts', { output: out }) })
    const c = ctx
    await c.sql.query('CREATE TABLE a (id INT PRIMARY KEY)')
    await c.sql.query('CREATE TABLE b (k VARCHAR(10))')
    await c.sql.query('INSERT INTO a VALUES (1), (2), (3)')
    c.start([BIN])
    await c.waitForLog((l) => l.msg === 'copy done')
    await c.sql.query('INSERT INTO a VALUES (4), (5)')
    await c.sql.query("INSERT INTO b VALUES ('x'), ('y'), ('z')")
    await c.sql.query('UPDATE a SET id = id + 10 WHERE id > 3')
    await c.sql.query("DELETE FROM b WHERE k = 'x'")
    await c.sql.query('ALTER TABLE b ADD COLUMN n INT')
    const counts = () =>
      JSON.parse(readFileSync(out, 'utf8')) as { position: { position: string }; tables: Record<string, Record<string, number>> }
    await c.waitForLog((l) => l.msg === 'DDL applied')
    await c.poll(() => (counts().tables[`${c.db}.b`]?.delete === 1 ? true : undefined), 20_000, 'the counts never got there')
    expect(await c.stop('SIGTERM')).toBe(0)
    expect(counts().tables).toEqual({
      [`${c.db}.a`]: { snapshot_insert: 3, insert: 2, update: 2, delete: 0, ddl: 0 },
      [`${c.db}.b`]: { snapshot_insert: 0, insert: 3, update: 0, delete: 1, ddl: 0 },
      [`${c.db}.*`]: { snapshot_insert: 0, insert: 0, update: 0, delete: 0, ddl: 1 },
    })
    expect(c.logLines().filter((l) => l.msg === 'changes per table' && l.plugin === 'table-counts').length).toBe(1)
  }, 40_000)
})
