// History mode ([[target.layout]] mode = "history"): every change a row of its own with `_op` and
// `_ts`, the state at any time from a query, a moved key, DDL, TRUNCATE and verify; and kill -9
// (one right after ClickHouse took a batch, before chsync could commit it, then more at random
// under a write load) leaves exactly one row per change: none replayed twice.

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS } from '../support/servers.ts'
import { seeded } from '../support/random.ts'
import { ClusterProxy } from './support/cluster-proxy.ts'
import { InsertTrap } from './support/insert-trap.ts'
import { ReplicationContext } from './support/context.ts'

const LAYOUT = JSON.stringify([
  { tables: 'orders', mode: 'history' },
  { tables: 'loose', mode: 'history' },
])

let ctx: ReplicationContext | null = null
let trap: InsertTrap | null = null
let proxy: ClusterProxy | null = null
afterEach(async () => {
  proxy?.stop()
  proxy = null
  await ctx?.closeAndDrop()
  ctx = null
  trap?.stop()
  trap = null
})

async function rows(c: ReplicationContext, sql: string): Promise<unknown[][]> {
  const r = await c.ch.query({
    query: sql,
    format: 'JSONCompactEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  })
  return (await r.json()) as unknown[][]
}

function waitRows(c: ReplicationContext, sql: string, expected: unknown[][], ms = 30_000): Promise<void> {
  return c.untilSame(
    sql,
    () => rows(c, sql),
    async () => expected,
    ms,
  )
}

/** The state of `orders` as of a time (seconds since the epoch): each key's last row then, unless a delete. */
const stateAt = (db: string, seconds: number) =>
  `SELECT id, v FROM (SELECT * FROM ${db}.orders WHERE _ts <= toDateTime64(${seconds}, 3) ORDER BY id, _version DESC LIMIT 1 BY id) WHERE _op != 'delete' ORDER BY id`

async function sourceSeconds(c: ReplicationContext): Promise<number> {
  const [r] = await c.sql.query('SELECT UNIX_TIMESTAMP() AS s')
  return Number((r as { s: number }[])[0].s)
}

describe.each(SERVERS)('%s', (server) => {
  test('every change a row; the state at any time; a moved key; DDL; TRUNCATE; verify', async () => {
    const c = (ctx = await ReplicationContext.open(server, 't16_history', { env: { CHSYNC_TARGET_LAYOUT: LAYOUT } }))
    await c.sql.query('CREATE TABLE orders (id INT PRIMARY KEY, v VARCHAR(10))')
    await c.sql.query('CREATE TABLE plain (id INT PRIMARY KEY, v VARCHAR(10))')
    await c.sql.query("INSERT INTO orders VALUES (1, 'a'), (2, 'b')")
    await c.sql.query("INSERT INTO plain VALUES (1, 'a'), (2, 'b')")
    await c.sql.query('CREATE TABLE loose (a INT, b VARCHAR(10))')
    await c.sql.query("INSERT INTO loose VALUES (1, 'x'), (2, 'y')")
    c.start()
    await c.waitForLog((l) => l.msg === 'streaming')
    const tables = `SELECT name, engine, trim(BOTH '()' FROM sorting_key) FROM system.tables WHERE database = '${c.db}' ORDER BY name`
    expect(await rows(c, tables)).toEqual([
      ['loose', 'ReplacingMergeTree', '_key, _version'],
      ['orders', 'ReplacingMergeTree', 'id, _version'],
      ['plain', 'ReplacingMergeTree', 'id'],
    ])

    const start = await sourceSeconds(c)
    await c.sql.query("INSERT INTO orders VALUES (3, 'c')")
    await c.sql.query("UPDATE orders SET v = 'A' WHERE id = 1")
    await Bun.sleep(1100)
    // Binlog times are whole seconds: this second is after the first changes and before the next.
    const between = await sourceSeconds(c)
    await Bun.sleep(1100)
    await c.sql.query('DELETE FROM orders WHERE id = 2')
    await c.sql.query('UPDATE orders SET id = 30 WHERE id = 3')
    await c.sql.query('DELETE FROM plain WHERE id = 2')
    const end = await sourceSeconds(c)

    const history = `SELECT id, v, _op, _is_deleted FROM ${c.db}.orders FINAL ORDER BY _version, id`
    await waitRows(c, history, [
      [1, 'a', 'insert', 0],
      [2, 'b', 'insert', 0],
      [3, 'c', 'insert', 0],
      [1, 'A', 'update', 0],
      [2, 'b', 'delete', 1],
      // The moved key: the old key's row ends with a delete, the new key's begins, in one version.
      [3, 'c', 'delete', 1],
      [30, 'c', 'update', 0],
    ])
    expect(await rows(c, `SELECT uniqExact(_version) FROM ${c.db}.orders`)).toEqual([[5]])
    // `_ts` is the source's commit time.
    const times = await rows(
      c,
      `SELECT toUnixTimestamp(_ts) FROM ${c.db}.orders FINAL WHERE _version > (SELECT min(_version) FROM ${c.db}.orders) ORDER BY _version`,
    )
    for (const [t] of times) {
      expect(Number(t)).toBeGreaterThanOrEqual(start)
      expect(Number(t)).toBeLessThanOrEqual(end)
    }
    expect(await rows(c, stateAt(c.db, between))).toEqual([
      [1, 'A'],
      [2, 'b'],
      [3, 'c'],
    ])
    expect(await rows(c, stateAt(c.db, end + 1))).toEqual([
      [1, 'A'],
      [30, 'c'],
    ])
    // The default mode is unchanged beside it.
    await waitRows(c, `SELECT id, v FROM ${c.db}.plain FINAL ORDER BY id`, [[1, 'a']])
    // Without a primary key, rows are keyed by the hash of their values: an update moves the key.
    await c.sql.query("UPDATE loose SET b = 'z' WHERE a = 1")
    await c.sql.query('DELETE FROM loose WHERE a = 2')
    await waitRows(c, `SELECT a, b, _op FROM ${c.db}.loose FINAL ORDER BY _version, a, b`, [
      [1, 'x', 'insert'],
      [2, 'y', 'insert'],
      [1, 'x', 'delete'],
      [1, 'z', 'update'],
      [2, 'y', 'delete'],
    ])

    // Columns follow DDL as in replacing mode; the rows already there get the source's fill.
    await c.sql.query("ALTER TABLE orders ADD COLUMN note VARCHAR(10) NOT NULL DEFAULT 'n'")
    await c.sql.query("UPDATE orders SET note = 'x' WHERE id = 1")
    await c.sql.query('ALTER TABLE orders DROP COLUMN v')
    await c.sql.query("INSERT INTO orders VALUES (4, 'y')")
    const notes = `SELECT id, note, _op FROM ${c.db}.orders FINAL ORDER BY _version, id`
    const beforeTruncate = [
      [1, 'n', 'insert'],
      [2, 'n', 'insert'],
      [3, 'n', 'insert'],
      [1, 'n', 'update'],
      [2, 'n', 'delete'],
      [3, 'n', 'delete'],
      [30, 'n', 'update'],
      [1, 'x', 'update'],
      [4, 'y', 'insert'],
    ]
    await waitRows(c, notes, beforeTruncate)
    expect(await rows(c, `SELECT name FROM system.columns WHERE database = '${c.db}' AND table = 'orders' ORDER BY position`)).toEqual([
      ['id'],
      ['note'],
      ['_version'],
      ['_is_deleted'],
      ['_op'],
      ['_ts'],
    ])

    // TRUNCATE gives no row events: the history keeps its rows, and the copy that follows closes
    // every key the table no longer has with a delete, at a version of the truncate's own.
    const from = c.logLines().length
    await c.sql.query('TRUNCATE TABLE orders')
    await c.waitForLog((l) => l.msg === 'table copied' && l.table === `${c.db}.orders`, from)
    await c.sql.query("INSERT INTO orders VALUES (5, 'z')")
    await waitRows(c, notes, [...beforeTruncate, [1, 'x', 'delete'], [4, 'y', 'delete'], [30, 'n', 'delete'], [5, 'z', 'insert']])
    expect(await c.stop()).toBe(0)

    // verify compares each key's newest row (deletes left out) with the source.
    const v = await c.cli('verify', '--retries', '0')
    expect(v.out).toContain(`ok        ${c.db}.orders  1 rows`)
    expect(v.out).toContain(`ok        ${c.db}.loose  1 rows`)
    expect(v.out).toContain('all 3 tables equal')
    expect(v.code).toBe(0)
  }, 120_000)

  test('a new primary key keeps the history beside a new one; on a cluster, exactly these statements', async () => {
    proxy = new ClusterProxy('main')
    const c = (ctx = await ReplicationContext.open(server, 't16_history_key', {
      env: { CHSYNC_TARGET_LAYOUT: LAYOUT, CHSYNC_TARGET_CLUSTER: 'main', CHSYNC_TARGET_URL: proxy.url },
    }))
    await c.sql.query('CREATE TABLE orders (id INT PRIMARY KEY, v VARCHAR(10) NOT NULL)')
    await c.sql.query("INSERT INTO orders VALUES (1, 'a')")
    c.start()
    await c.waitForLog((l) => l.msg === 'streaming')
    await c.sql.query("UPDATE orders SET v = 'b' WHERE id = 1")
    await waitRows(c, `SELECT id, v, _op FROM ${c.db}.orders FINAL ORDER BY _version`, [
      [1, 'a', 'insert'],
      [1, 'b', 'update'],
    ])
    const from = c.logLines().length
    await c.sql.query('ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, v)')
    await c.waitForLog((l) => l.msg === 'table copied' && l.table === `${c.db}.orders`, from)
    await c.sql.query('TRUNCATE TABLE orders')
    await waitRows(c, `SELECT id, v, _op FROM ${c.db}.orders FINAL ORDER BY _version`, [
      [1, 'b', 'insert'],
      [1, 'b', 'delete'],
    ])
    expect(await c.stop()).toBe(0)

    const [[kept]] = await rows(c, `SELECT name FROM system.tables WHERE database = '${c.db}' AND name LIKE 'orders\\_history\\_%'`)
    expect(String(kept)).toMatch(/^orders_history_\d{17}$/)
    expect(await rows(c, `SELECT id, v, _op FROM ${c.db}.${kept} FINAL ORDER BY _version`)).toEqual([
      [1, 'a', 'insert'],
      [1, 'b', 'update'],
    ])
    const marked = "COMMENT 'chsync'"
    const columns = `  \`id\` Int32 ${marked},\n  \`v\` String ${marked},\n  \`_version\` UInt64 ${marked},\n  \`_is_deleted\` UInt8 ${marked},\n  \`_op\` Enum8('insert' = 1, 'update' = 2, 'delete' = 3) ${marked},\n  \`_ts\` DateTime64(3, 'UTC') ${marked}\n`
    const engine = "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')"
    // No TRUNCATE: a history table keeps its rows (the copy after it closed the key with a delete).
    expect([...new Set(proxy.readable(c.db).map((s) => s.replaceAll(String(kept), 'KEPT')))]).toEqual([
      'CREATE DATABASE IF NOT EXISTS `DB` ON CLUSTER `main`',
      `CREATE TABLE IF NOT EXISTS \`DB\`.\`orders\` ON CLUSTER \`main\` (\n${columns}) ${engine}\nORDER BY (\`id\`, _version)\nCOMMENT 'chsync ID0 ID1'`,
      'RENAME TABLE `DB`.`orders` TO `DB`.`KEPT` ON CLUSTER `main`',
      "ALTER TABLE `DB`.`KEPT` ON CLUSTER `main` MODIFY COMMENT 'kept by chsync ID0: the history of `DB`.`orders` before its key changed'",
      'DROP TABLE IF EXISTS `DB`.`orders` ON CLUSTER `main` SYNC',
      `CREATE TABLE IF NOT EXISTS \`DB\`.\`orders\` ON CLUSTER \`main\` (\n${columns}) ${engine}\nORDER BY (\`id\`, \`v\`, _version)\nCOMMENT 'chsync ID0 ID1'`,
    ])
    expect((await c.cli('verify', '--retries', '0')).code).toBe(0)
  }, 120_000)

  test('kill -9 right after ClickHouse took a batch, then at random under writes: one row per change', async () => {
    trap = new InsertTrap()
    const c = (ctx = await ReplicationContext.open(server, 't16_history_crash', {
      env: { CHSYNC_TARGET_LAYOUT: LAYOUT, CHSYNC_TARGET_URL: trap.url, CHSYNC_APPLY_FLUSH_INTERVAL_MS: '50', CHSYNC_LOG_LEVEL: 'info' },
    }))
    await c.sql.query('CREATE TABLE orders (id INT PRIMARY KEY, n INT NOT NULL)')
    await c.sql.query(`INSERT INTO orders VALUES ${Array.from({ length: 100 }, (_, i) => `(${i + 1}, 0)`).join(', ')}`)
    let changes = 100
    const ids = Array.from({ length: 100 }, (_, i) => i + 1)
    let next = 101
    c.start()
    await c.waitForLog((l) => l.msg === 'streaming')

    // The batch lands in ClickHouse, and chsync dies before it hears so: nothing after it is committed.
    const sprung = trap.arm(
      (sql) => sql.startsWith(`INSERT INTO \`${c.db}\`.\`orders\``),
      async () => void (await c.stop('SIGKILL')),
    )
    await c.sql.query('UPDATE orders SET n = n + 1 WHERE id <= 10')
    await c.sql.query('DELETE FROM orders WHERE id = 11')
    await c.sql.query(`INSERT INTO orders VALUES (${next++}, 0)`)
    ids.splice(ids.indexOf(11), 1)
    ids.push(101)
    changes += 12
    await sprung
    const perVersion = `SELECT uniqExact(id, _version) FROM ${c.db}.orders`
    const landed = Number((await rows(c, perVersion))[0][0])
    expect(landed).toBeGreaterThan(100)

    // Then kills at random moments of a stream of single-row changes.
    const rand = seeded(161 + SERVERS.indexOf(server))
    let writing = true
    const writer = (async () => {
      while (writing) {
        const r = rand()
        const id = ids[Math.floor(rand() * ids.length)]
        if (r < 0.4) {
          await c.sql.query(`INSERT INTO orders VALUES (${next}, 0)`)
          ids.push(next++)
        } else if (r < 0.8) {
          await c.sql.query(`UPDATE orders SET n = n + 1 WHERE id = ${id}`)
        } else {
          await c.sql.query(`DELETE FROM orders WHERE id = ${id}`)
          ids.splice(ids.indexOf(id), 1)
        }
        changes++
      }
    })()
    c.start()
    await c.waitForLog((l) => String(l.msg).startsWith('removing history rows past the committed position'))
    for (let i = 0; i < 5; i++) {
      await Bun.sleep(300 + rand() * 1200)
      await c.stop('SIGKILL')
      c.start()
    }
    writing = false
    await writer
    // One row per change and per version: a change written again after a crash replaced its row.
    await c.untilSame(
      'history rows',
      async () => (await rows(c, perVersion))[0][0],
      async () => changes,
      60_000,
    )
    expect(await c.stop()).toBe(0)
    expect(await rows(c, `SELECT count() FROM ${c.db}.orders FINAL`)).toEqual([[changes]])

    // After a clean stop nothing is past the committed counter: the next start removes nothing and
    // numbers the next change above every version there.
    const removing = (l: Record<string, unknown>) => String(l.msg).startsWith('removing history rows past the committed position')
    const before = c.logLines().length
    c.start()
    await c.waitForLog((l) => l.msg === 'streaming', before)
    await c.sql.query(`INSERT INTO orders VALUES (${next++}, 0)`)
    changes++
    await waitRows(c, perVersion, [[changes]])
    expect(c.logLines().slice(before).filter(removing)).toEqual([])
    expect(
      await rows(c, `SELECT max(_version) > (SELECT max(_version) FROM ${c.db}.orders WHERE id != ${next - 1}) FROM ${c.db}.orders`),
    ).toEqual([[1]])
    expect(await c.stop()).toBe(0)
    expect(await rows(c, `SELECT count() FROM (SELECT id, n, _op FROM ${c.db}.orders GROUP BY id, n, _op HAVING count() > 1)`)).toEqual([
      [0],
    ])
    const v = await c.cli('verify', '--retries', '0')
    expect(v.out).toContain('all 1 tables equal')
    expect(v.code).toBe(0)
  }, 180_000)
})
