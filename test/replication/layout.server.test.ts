// [[target.layout]]: a table of a million rows (on one server) partitioned by a date column of its key, with the
// user's sorting key, TTL, settings, skip index and codec — applied at create, kept through DDL and
// a resync; a sorting key that leaves out a key column or names another column is refused with why.

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS, type TestServer } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'

/** A million rows on one server; the others, whose copy paths are the same, take a tenth (CI time). */
const rowsOn = (server: TestServer) => (server === 'mysql' ? 1_000_000 : 100_000)

const LAYOUT = JSON.stringify([
  {
    tables: 'events',
    partition_by: 'toYYYYMM(day)',
    order_by: '(day, id)',
    ttl: 'toDate(day) + INTERVAL 50 YEAR',
    settings: { index_granularity: 4096 },
    indexes: ['INDEX ix_v v TYPE minmax GRANULARITY 4'],
    codecs: { payload: 'ZSTD(3)', note: 'LZ4HC(9)' },
  },
  { tables: 'short_key', order_by: '(id)' },
  { tables: 'long_key', order_by: '(day, id, v)' },
])

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.closeAndDrop()
  ctx = null
})

async function one(c: ReplicationContext, sql: string): Promise<Record<string, unknown>> {
  const r = await c.ch.query({ query: sql, format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } })
  return ((await r.json()) as Record<string, unknown>[])[0] ?? {}
}

async function waitFor<T>(c: ReplicationContext, what: string, probe: () => Promise<T | undefined>, ms = 120_000): Promise<T> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    const v = await probe().catch(() => undefined)
    if (v !== undefined) return v
    if (!c.running) throw new Error(`chsync exited:\n${c.log.slice(-3000)}`)
    await Bun.sleep(250)
  }
  throw new Error(`${what}: not within ${ms} ms\n${c.log.slice(-3000)}`)
}

async function layoutOf(c: ReplicationContext): Promise<Record<string, unknown>> {
  return one(
    c,
    `SELECT partition_key, sorting_key, create_table_query AS q, metadata_modification_time AS m FROM system.tables WHERE database = '${c.db}' AND name = 'events'`,
  )
}

function expectLayout(l: Record<string, unknown>): void {
  expect(l.partition_key).toBe('toYYYYMM(day)')
  expect(l.sorting_key).toBe('day, id')
  const q = String(l.q)
  expect(q).toContain('TTL toDate(day) + toIntervalYear(50)')
  expect(q).toContain('index_granularity = 4096')
  expect(q).toContain('INDEX ix_v v TYPE minmax GRANULARITY 4')
  expect(q).toContain("`payload` Nullable(String) COMMENT 'chsync' CODEC(ZSTD(3))")
}

describe.each(SERVERS)('%s', (server) => {
  const ROWS = rowsOn(server)
  test(`${ROWS} rows partitioned by the date of their key, the layout kept through DDL and a resync`, async () => {
    const c = (ctx = await ReplicationContext.open(server, 't16_layout', {
      env: { CHSYNC_TARGET_LAYOUT: LAYOUT, CHSYNC_SNAPSHOT_CHUNK_ROWS: '50000' },
    }))
    await c.sql.query('CREATE TABLE events (day DATE NOT NULL, id INT NOT NULL, v INT, payload VARCHAR(40), PRIMARY KEY (day, id))')
    await c.sql.query('CREATE TABLE digits (d INT PRIMARY KEY)')
    await c.sql.query('INSERT INTO digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)')
    await c.sql.query(
      `INSERT INTO events SELECT DATE_ADD('2024-01-01', INTERVAL n MOD 366 DAY), n, n MOD 1000, CONCAT('payload-', n) FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * d.d + 10000 * e.d + 100000 * f.d AS n FROM digits a, digits b, digits c, digits d, digits e, digits f) AS s WHERE n < ${ROWS}`,
    )
    await c.sql.query('CREATE TABLE short_key (day DATE NOT NULL, id INT NOT NULL, v INT, PRIMARY KEY (day, id))')
    await c.sql.query('CREATE TABLE long_key (day DATE NOT NULL, id INT NOT NULL, v INT, PRIMARY KEY (day, id))')
    // check shows each table's layout, and refuses the ones that cannot have theirs.
    const checked = await c.cli('check', '--json')
    const results = (
      JSON.parse(checked.out.slice(checked.out.indexOf('{'))) as { results: { subject: string; severity: string; message: string }[] }
    ).results
    const about = (t: string) => results.filter((r) => r.subject === `table ${c.db}.${t}`).map((r) => [r.severity, r.message])
    expect(about('events')).toEqual([
      [
        'ok',
        'layout: PARTITION BY toYYYYMM(day); ORDER BY (day, id); TTL toDate(day) + INTERVAL 50 YEAR; SETTINGS index_granularity = 4096; INDEX ix_v v TYPE minmax GRANULARITY 4; payload CODEC(ZSTD(3)); note CODEC(LZ4HC(9)) (applied when the table is created)',
      ],
    ])
    expect(about('short_key')).toEqual([
      [
        'fatal',
        '[[target.layout]] for "short_key": order_by "(id)" leaves out the primary key column day: different rows would merge into one; the table would be set aside',
      ],
    ])
    expect(about('digits')).toEqual([])
    c.start()
    await waitFor(
      c,
      'the copy',
      async () =>
        c.logLines().filter((l) => l.msg === 'table copied').length >= 2 && c.logLines().some((l) => l.msg === 'streaming')
          ? true
          : undefined,
      300_000,
    )
    const copied = await one(c, `SELECT count() AS n, uniqExact(toYYYYMM(day)) AS months FROM ${c.db}.events FINAL`)
    expect(copied).toEqual({ n: ROWS, months: 12 })
    const parts = await one(
      c,
      `SELECT uniqExact(partition) AS p FROM system.parts WHERE database = '${c.db}' AND table = 'events' AND active`,
    )
    expect(parts.p).toBe(12)
    const created = await layoutOf(c)
    expectLayout(created)

    // Refused, each with why; the other tables replicate.
    const reasons = c
      .logLines()
      .filter((l) => l.msg === 'table set aside: the target refused it; the other tables keep streaming')
      .map((l) => [l.table, l.reason])
    expect(reasons).toContainEqual([
      `${c.db}.short_key`,
      '[[target.layout]] for "short_key": order_by "(id)" leaves out the primary key column day: different rows would merge into one',
    ])
    expect(reasons).toContainEqual([
      `${c.db}.long_key`,
      '[[target.layout]] for "long_key": order_by "(day, id, v)" names v, not in the primary key (day, id): a row whose v changes would be kept twice',
    ])

    await c.sql.query("UPDATE events SET v = -1, payload = 'changed' WHERE id = 5")
    await c.sql.query('DELETE FROM events WHERE id = 6')
    await c.sql.query("ALTER TABLE events ADD COLUMN note VARCHAR(10) DEFAULT 'n'")
    await c.sql.query("UPDATE events SET note = 'x' WHERE id = 7")
    await waitFor(c, 'the changes', async () => {
      const r = await one(
        c,
        `SELECT sumIf(v, id = 5) AS v5, countIf(id = 6) AS has6, anyIf(note, id = 7) AS n7, anyIf(note, id = 8) AS n8, count() AS n FROM ${c.db}.events FINAL`,
      )
      return r.v5 === -1 && r.has6 === 0 && r.n7 === 'x' && r.n8 === 'n' && r.n === ROWS - 1 ? r : undefined
    })
    const afterDdl = await layoutOf(c)
    expectLayout(afterDdl)
    expect(String(afterDdl.q)).toMatch(/`note` Nullable\(String\) DEFAULT .* COMMENT 'chsync' CODEC\(LZ4HC\(9\)\)/)
    expect(await c.stop()).toBe(0)

    // A resync copies the table again into the same table: the layout stays.
    const asked = await c.cli('resync', `${c.db}.events`)
    expect(asked.code).toBe(0)
    const from = c.logLines().length
    c.start()
    await c.waitForLog((l) => l.msg === 'table copied' && l.table === `${c.db}.events`, from, 300_000)
    expectLayout(await layoutOf(c))
    expect(await one(c, `SELECT count() AS n FROM ${c.db}.events FINAL`)).toEqual({ n: ROWS - 1 })
    expect(await c.stop()).toBe(0)

    await c.sql.query('DROP TABLE short_key, long_key')
    const v = await c.cli('verify', '--retries', '0')
    expect(v.out).toContain('all 2 tables equal')
    expect(v.code).toBe(0)
  }, 900_000)
})
