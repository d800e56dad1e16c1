// replicate.exclude_columns in the change feed: a left-out column is in no line — copied rows,
// inserts, the before and after images of updates, deletes — also after DDL adds another one.

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS } from '../support/servers.ts'
import { CLI, FeedContext, parseLines } from './support/feed-context.ts'

let ctx: FeedContext | null = null
afterEach(async () => {
  await ctx?.sql.query(`DROP DATABASE IF EXISTS \`${ctx.db}\``)
  await ctx?.close()
  ctx = null
})

describe.each(SERVERS)('%s', (server) => {
  test('tail leaves the columns out of every line', async () => {
    ctx = await FeedContext.open(server, 't16_feed_excl', { env: { CHSYNC_REPLICATE_EXCLUDE_COLUMNS: 'users.email,*token*' } })
    const c = ctx
    await c.sql.query('CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(40), name VARCHAR(10))')
    await c.sql.query("INSERT INTO users VALUES (1, 'a@example.com', 'a')")
    c.start(['bun', CLI], ['tail', '-c', c.configPath, '--snapshot', '--include-before'])
    await c.waitForLog((l) => l.msg === 'streaming')
    await c.sql.query("INSERT INTO users VALUES (2, 'b@example.com', 'b')")
    await c.sql.query("UPDATE users SET email = 'c@example.com', name = 'c' WHERE id = 1")
    await c.sql.query('ALTER TABLE users ADD COLUMN api_token VARCHAR(20)')
    await c.sql.query("UPDATE users SET api_token = 'tok-secret' WHERE id = 2")
    await c.sql.query('DELETE FROM users WHERE id = 2')
    await c.poll(
      () => (parseLines(c.output).filter((r) => r.kind === 'delete').length === 1 ? true : undefined),
      20_000,
      'no delete line on stdout',
    )
    expect(await c.stop('SIGTERM')).toBe(0)
    const rows = parseLines(c.output).filter((r) => r.kind !== 'ddl')
    expect(rows.map((r) => [r.kind, r.columnnames, r.columnvalues, r.before ?? null])).toEqual([
      ['snapshot_insert', ['id', 'name'], [1, 'a'], null],
      ['insert', ['id', 'name'], [2, 'b'], null],
      ['update', ['id', 'name'], [1, 'c'], { columnnames: ['id', 'name'], columnvalues: [1, 'a'] }],
      ['update', ['id', 'name'], [2, 'b'], { columnnames: ['id', 'name'], columnvalues: [2, 'b'] }],
      ['delete', undefined, undefined, null],
    ])
    expect(c.output).not.toContain('example.com')
    expect(c.output).not.toContain('tok-secret')
  }, 40_000)
})
