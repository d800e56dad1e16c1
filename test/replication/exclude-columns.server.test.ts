// replicate.exclude_columns: a left-out column never reaches ClickHouse — not through the copy,
// the changes, nor DDL on it (add, modify, rename, drop) — and verify compares the other columns;
// a column renamed out of the patterns comes in with its values; a left-out key column is refused.

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS, type TestServer } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.closeAndDrop()
  ctx = null
})

async function open(server: TestServer, name: string, patterns: string): Promise<ReplicationContext> {
  return ReplicationContext.open(server, name, { env: { CHSYNC_REPLICATE_EXCLUDE_COLUMNS: patterns } })
}

/** The ClickHouse table's own columns (chsync's _version, _is_deleted and _key left aside). */
async function targetColumns(c: ReplicationContext, table: string): Promise<string[]> {
  const r = await c.ch.query({
    query: `SELECT name FROM system.columns WHERE database = {db:String} AND table = {t:String} AND name NOT IN ('_version', '_is_deleted', '_key') ORDER BY position`,
    query_params: { db: c.db, t: table },
    format: 'JSONEachRow',
  })
  return ((await r.json()) as { name: string }[]).map((x) => x.name)
}

async function sourceRows(c: ReplicationContext, sql: string): Promise<string[][]> {
  const [rows] = await c.sql.query(sql)
  return (rows as Record<string, unknown>[]).map((r) => Object.values(r).map(String))
}

async function targetRows(c: ReplicationContext, sql: string): Promise<string[][]> {
  const r = await c.ch.query({
    query: sql,
    format: 'JSONCompactEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  })
  return ((await r.json()) as unknown[][]).map((row) => row.map(String))
}

/** Polls until the target query gives the source query's rows. */
function waitSame(c: ReplicationContext, source: string, target: string): Promise<void> {
  return c.untilSame(
    target,
    () => targetRows(c, target),
    () => sourceRows(c, source),
  )
}

describe.each(SERVERS)('%s', (server) => {
  test('left-out columns stay out through the copy, changes and DDL; verify compares the rest', async () => {
    const c = (ctx = await open(server, 't16_excl', 'people.ssn,secret_*,loose.pw'))
    await c.sql.query('CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(20), ssn CHAR(11), note VARCHAR(20))')
    await c.sql.query('CREATE TABLE events (k BIGINT PRIMARY KEY, SECRET_token VARBINARY(16), v INT)')
    await c.sql.query('CREATE TABLE loose (a INT, pw VARCHAR(10))')
    for (let i = 1; i <= 300; i++)
      await c.sql.query('INSERT INTO people VALUES (?, ?, ?, ?)', [i, `p${i}`, `123-45-${String(i).padStart(4, '0')}`, `n${i}`])
    await c.sql.query("INSERT INTO events VALUES (1, 'tok1', 10), (2, 'tok2', 20)")
    await c.sql.query("INSERT INTO loose VALUES (1, 'pw1'), (2, 'pw2')")
    // Untouched by the patterns: copied on the text path, as without any.
    await c.sql.query('CREATE TABLE plain (id INT PRIMARY KEY, v VARCHAR(10))')
    await c.sql.query("INSERT INTO plain VALUES (1, 'a'), (2, 'b')")
    c.start()
    await c.waitForLog((l) => l.msg === 'streaming')
    expect(await targetColumns(c, 'people')).toEqual(['id', 'name', 'note'])
    // Column names match in any case, as the source's do.
    expect(await targetColumns(c, 'events')).toEqual(['k', 'v'])
    expect(await targetColumns(c, 'loose')).toEqual(['a'])

    await c.sql.query("INSERT INTO people VALUES (301, 'p301', '999-99-9999', 'n301')")
    await c.sql.query("UPDATE people SET ssn = '000-00-0000', name = 'renamed' WHERE id = 1")
    await c.sql.query('DELETE FROM people WHERE id = 2')
    await c.sql.query("UPDATE events SET SECRET_token = 'other', v = 11 WHERE k = 1")
    await c.sql.query("INSERT INTO loose VALUES (3, 'pw3')")
    await c.sql.query('DELETE FROM loose WHERE a = 1')
    await waitSame(c, 'SELECT id, name, note FROM people ORDER BY id', `SELECT id, name, note FROM ${c.db}.people FINAL ORDER BY id`)
    await waitSame(c, 'SELECT k, v FROM events ORDER BY k', `SELECT k, v FROM ${c.db}.events FINAL ORDER BY k`)
    await waitSame(c, 'SELECT a FROM loose ORDER BY a', `SELECT a FROM ${c.db}.loose FINAL ORDER BY a`)
    await waitSame(c, 'SELECT id, v FROM plain ORDER BY id', `SELECT id, v FROM ${c.db}.plain FINAL ORDER BY id`)

    // DDL on left-out columns: added, retyped and dropped, they stay out; renamed into a pattern, a column goes.
    await c.sql.query('ALTER TABLE people ADD COLUMN secret_pin INT NOT NULL DEFAULT 7')
    await c.sql.query('ALTER TABLE people MODIFY ssn VARCHAR(40)')
    await c.sql.query('ALTER TABLE people CHANGE note secret_note VARCHAR(20)')
    await c.sql.query("UPDATE people SET secret_pin = 1234, ssn = 'x' WHERE id = 3")
    await c.sql.query('ALTER TABLE people ADD COLUMN age INT')
    await c.sql.query('UPDATE people SET age = id + 20 WHERE id <= 10')
    await waitSame(c, 'SELECT id, name, age FROM people ORDER BY id', `SELECT id, name, age FROM ${c.db}.people FINAL ORDER BY id`)
    expect(await targetColumns(c, 'people')).toEqual(['id', 'name', 'age'])
    await c.sql.query('ALTER TABLE people DROP COLUMN secret_pin')

    // Renamed out of every pattern, a column comes in with its values (the table is copied again).
    await c.sql.query('ALTER TABLE people CHANGE ssn ssn_last VARCHAR(40)')
    await c.sql.query("UPDATE people SET ssn_last = 'changed' WHERE id = 4")
    await waitSame(
      c,
      'SELECT id, name, ssn_last, age FROM people ORDER BY id',
      `SELECT id, name, ssn_last, age FROM ${c.db}.people FINAL ORDER BY id`,
    )
    expect(await targetColumns(c, 'people')).toEqual(['id', 'name', 'ssn_last', 'age'])
    expect(await targetColumns(c, 'loose')).toEqual(['a'])

    // A table made later whose key a pattern leaves out is set aside alone; the others go on.
    await c.sql.query('CREATE TABLE vault (secret_id INT PRIMARY KEY, v INT)')
    await c.sql.query("INSERT INTO people (id, name, ssn_last) VALUES (500, 'after', 's')")
    await c.waitForLog((l) => String(l.reason ?? '').includes('primary key column secret_id (left out by "secret_*")'))
    await waitSame(
      c,
      'SELECT id, name, ssn_last FROM people ORDER BY id',
      `SELECT id, name, ssn_last FROM ${c.db}.people FINAL ORDER BY id`,
    )
    await c.sql.query('DROP TABLE vault')
    expect(await c.stop()).toBe(0)

    const v = await c.cli('verify', '--retries', '0')
    expect(v.out).toContain('all 4 tables equal')
    expect(v.code).toBe(0)
    // Not in the log either (it is at debug level here).
    expect(c.log).not.toContain('123-45-')
  }, 180_000)

  test('a changed exclude_columns takes effect at the next start: a column goes with its values, or comes back with them', async () => {
    const c = (ctx = await open(server, 't16_exchg', ''))
    await c.sql.query('CREATE TABLE cards (id INT PRIMARY KEY, holder VARCHAR(20), number CHAR(16))')
    for (let i = 1; i <= 200; i++) await c.sql.query('INSERT INTO cards VALUES (?, ?, ?)', [i, `h${i}`, String(4000_0000_0000_0000 + i)])
    const all = [
      'SELECT id, holder, number FROM cards ORDER BY id',
      `SELECT id, holder, number FROM ${c.db}.cards FINAL ORDER BY id`,
    ] as const
    c.start()
    await waitSame(c, ...all)
    expect(await c.stop()).toBe(0)

    await c.sql.query("UPDATE cards SET number = '1111222233334444', holder = 'x' WHERE id = 7")
    c.start([], { CHSYNC_REPLICATE_EXCLUDE_COLUMNS: 'cards.number' })
    await waitSame(c, 'SELECT id, holder FROM cards ORDER BY id', `SELECT id, holder FROM ${c.db}.cards FINAL ORDER BY id`)
    expect(await targetColumns(c, 'cards')).toEqual(['id', 'holder'])
    await c.sql.query("UPDATE cards SET number = '5555666677778888' WHERE id = 8")
    await waitSame(c, 'SELECT id, holder FROM cards ORDER BY id', `SELECT id, holder FROM ${c.db}.cards FINAL ORDER BY id`)
    expect(await c.stop()).toBe(0)

    c.start()
    await waitSame(c, ...all)
    expect(await c.stop()).toBe(0)
    const v = await c.cli('verify', '--retries', '0')
    expect(v.out).toContain('all 1 tables equal')
    expect(v.code).toBe(0)
  }, 120_000)

  test('a left-out key column is refused at start, naming the column and the pattern', async () => {
    const c = (ctx = await open(server, 't16_exkey', 'ok.x,accounts.i*'))
    await c.sql.query('CREATE TABLE accounts (id INT, region INT, v INT, PRIMARY KEY (region, id))')
    c.start()
    expect(await c.exited(30_000)).toBe(78)
    expect(c.log).toContain(
      `replicate.exclude_columns leaves out the primary key column id (left out by \\"accounts.i*\\") of ${c.db}.accounts`,
    )
    const v = await c.cli('verify', '--retries', '0')
    expect(v.out).toContain('primary key column id')
    expect(v.code).toBe(7)
  }, 60_000)
})
