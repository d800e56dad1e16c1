// Schema changes never stall, corrupt or destroy (issue 10), one test per case it lists, on both
// servers: DDL replayed after kill -9 converges; CREATE TABLE IF NOT EXISTS of an existing table
// changes nothing; a key column renamed or retyped recopies that table and a rename onto a
// ClickHouse table chsync did not make sets that one table aside (health degraded, metrics), the
// others streaming; a user's tables and columns are never touched and system databases never
// written; `d`.`a.b` and `d.a`.`b` stay two tables; tables chsync cannot read are refused by
// check, left out by run and not called equal by verify; health shows a stuck sink; a table
// dropped while waiting for its copy does not hold chsync in stage snapshot; tables keyed by a
// unique NOT NULL column are not recreated at each restart. (Case 10 is the schema torture.)

import { afterEach, describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import { tableName } from '../../src/model/index.ts'
import { SERVERS, type TestServer, flavorOf, sqlSession } from '../support/servers.ts'
import { FaultProxy } from '../torture/support/proxy.ts'
import { compareTable, isEqual } from './support/compare.ts'
import { ReplicationContext, type ContextOptions } from './support/context.ts'
import {
  type HealthBody,
  chColumns,
  chRows,
  chTable,
  chTables,
  health,
  leftoverTempTables,
  metrics,
  repeatedLogLines,
  waitFor,
  waitTablesEqual,
} from './support/observe.ts'
import { seeded } from '../support/random.ts'

let ctx: ReplicationContext | null = null
let proxy: FaultProxy | null = null
const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  proxy?.stop()
  proxy = null
  await ctx?.close()
  ctx = null
  for (const c of cleanups.splice(0)) await c().catch(() => {})
})

async function open(server: TestServer, name: string, opts: ContextOptions = {}): Promise<ReplicationContext> {
  ctx = await ReplicationContext.open(server, name, { health: true, ...opts, env: { CHSYNC_APPLY_FLUSH_INTERVAL_MS: '100', ...opts.env } })
  return ctx
}

/** A table of the user's own in ClickHouse: MergeTree, `rows` rows (n, s). */
async function userTable(c: ReplicationContext, db: string, table: string, rows: number): Promise<void> {
  await c.ch.command({ query: `CREATE DATABASE IF NOT EXISTS \`${db}\`` })
  await c.ch.command({ query: `CREATE TABLE \`${db}\`.\`${table}\` (n UInt64, s String) ENGINE = MergeTree ORDER BY n` })
  await c.ch.command({ query: `INSERT INTO \`${db}\`.\`${table}\` SELECT number, concat('user-', toString(number)) FROM numbers(${rows})` })
}

/** What the user's table is: engine, identity, columns and rows (it must stay exactly this). */
async function userTableState(c: ReplicationContext, db: string, table: string): Promise<unknown> {
  const t = await chTable(c.ch, db, table)
  const cols = (await chColumns(c.ch, db, table)).map((x) => `${x.name} ${x.type}`)
  const [agg] = await chRows<{ count: string; hash: string }>(
    c.ch,
    `SELECT toString(count()) AS count, toString(sum(cityHash64(n, s))) AS hash FROM \`${db}\`.\`${table}\``,
  )
  return { engine: t?.engine, uuid: t?.uuid, cols, rows: agg?.count, hash: agg?.hash }
}

function failedEntry(h: HealthBody, names: string[]): { table: string; reason: string } | undefined {
  return (h.tables_failed ?? []).find((e) => names.includes(e.table))
}

/** Log lines after the first `from` whose message matches. */
function linesMatching(c: ReplicationContext, from: number, re: RegExp): Record<string, unknown>[] {
  return c
    .logLines()
    .slice(from)
    .filter((l) => re.test(String(l.msg)))
}

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test('case 1: kill -9 while schema changes stream; afterwards equal, streaming, no repeated error, no leftover', async () => {
    const c = await open(server, 't_safe_kill', { env: { CHSYNC_LOG_LEVEL: 'info' } })
    const rand = seeded(flavor === 'mysql' ? 11 : 12)
    await c.sql.query('CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(40), age INT)')
    await c.sql.query("INSERT INTO people VALUES (1, 'ann', 30), (2, 'bob', 40), (3, 'cy', 50)")
    c.start()
    await c.waitEqual()
    const script = [
      'CREATE TABLE notes (id INT PRIMARY KEY, body TEXT)',
      "INSERT INTO notes VALUES (1, 'a'), (2, 'b')",
      "ALTER TABLE people ADD COLUMN email VARCHAR(80) DEFAULT 'none'",
      "INSERT INTO people VALUES (4, 'dee', 20, 'd@x')",
      'ALTER TABLE people MODIFY age BIGINT',
      'ALTER TABLE people CHANGE COLUMN name full_name VARCHAR(60)',
      "UPDATE people SET full_name = CONCAT(full_name, '!') WHERE id <= 2",
      'ALTER TABLE people RENAME COLUMN email TO mail',
      'ALTER TABLE people ADD INDEX by_age (age)',
      'CREATE TABLE people_archive LIKE people',
      'INSERT INTO people_archive SELECT * FROM people WHERE id = 1',
      'ALTER TABLE people DROP INDEX by_age',
      'ALTER TABLE people DROP COLUMN mail',
      'TRUNCATE TABLE notes',
      "INSERT INTO notes VALUES (3, 'c')",
      'CREATE TABLE _people_new LIKE people',
      "ALTER TABLE _people_new ADD COLUMN city VARCHAR(30) NOT NULL DEFAULT 'x'",
      'INSERT INTO _people_new (id, full_name, age) SELECT id, full_name, age FROM people',
      'RENAME TABLE people TO _people_old, _people_new TO people',
      'DROP TABLE _people_old',
      "INSERT INTO people VALUES (5, 'eve', 25, 'paris')",
      'CREATE TABLE old_people LIKE people',
      "INSERT INTO old_people VALUES (9, 'zed', 99, 'rome')",
      'RENAME TABLE people_archive TO archive_2024, old_people TO people_archive',
      "ALTER TABLE notes ADD COLUMN tag VARCHAR(10) DEFAULT 't0' FIRST",
      "UPDATE notes SET tag = 't1'",
      'CREATE TABLE loose (a INT, b VARCHAR(10))',
      "INSERT INTO loose VALUES (1, 'x'), (2, 'y')",
      'ALTER TABLE loose ADD COLUMN c INT DEFAULT 9',
      "INSERT INTO loose VALUES (3, 'z', 3)",
      'ALTER TABLE people RENAME COLUMN id TO pid',
      'ALTER TABLE notes MODIFY id BIGINT NOT NULL',
      'DELETE FROM people WHERE pid = 2',
      'CREATE TABLE gh (id INT PRIMARY KEY, v INT)',
      'INSERT INTO gh VALUES (1, 1), (2, 2)',
      'CREATE TABLE _gh_gho LIKE gh',
      'ALTER TABLE _gh_gho ADD COLUMN w INT NOT NULL DEFAULT 1',
      'INSERT INTO _gh_gho (id, v) SELECT id, v FROM gh',
      'RENAME TABLE gh TO _gh_del, _gh_gho TO gh',
      'DROP TABLE _gh_del',
      'DROP TABLE IF EXISTS nothing_here',
      'CREATE TABLE IF NOT EXISTS notes (id INT PRIMARY KEY)',
      'ALTER TABLE loose DROP COLUMN b',
      'DROP TABLE archive_2024',
      "INSERT INTO people VALUES (6, 'fay', 61, 'oslo')",
    ]
    let kills = 0
    let running = true
    const killer = (async () => {
      while (running) {
        await Bun.sleep(400 + rand() * 900)
        if (!running) break
        await c.stop('SIGKILL')
        kills++
        c.start()
      }
    })()
    for (const statement of script) {
      await c.sql.query(statement)
      await Bun.sleep(150 + rand() * 250)
    }
    running = false
    await killer
    expect(kills).toBeGreaterThanOrEqual(8)
    const from = c.logLines().length
    await c.waitEqual(60_000)
    const equalAt = Date.now()
    expect((await chTables(c.ch, c.db)).filter((t) => !t.startsWith('_chsync_'))).toEqual(await c.tables())
    expect(await leftoverTempTables(c.ch).then((l) => l.filter((t) => t.startsWith(`${c.db}.`)))).toEqual([])
    const h = await waitFor('health says streaming and ok', async () => {
      const r = await health(c)
      return r.body.stage === 'streaming' && r.body.status === 'ok' ? r.body : undefined
    })
    expect(h.error).toBeNull()
    // Once the copy is equal, nothing repeats (a retry loop would, twice a second).
    await Bun.sleep(Math.max(2000, 8000 - (Date.now() - equalAt)))
    expect(repeatedLogLines(c.logLines().slice(from), Date.now() - equalAt, 3)).toEqual([])
    expect(await c.stop()).toBe(0)
  }, 120_000)

  test('case 2: CREATE TABLE IF NOT EXISTS (and LIKE) of an existing table keeps every column and value', async () => {
    const c = await open(server, 't_safe_ifne')
    await c.sql.query('CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(40), age INT)')
    await c.sql.query('CREATE TABLE other (id INT PRIMARY KEY, v INT)')
    await c.sql.query("INSERT INTO people VALUES (1, 'ann', 30), (2, 'bob', 40), (3, 'cy', 50)")
    c.start()
    await c.waitEqual()
    const before = await chColumns(c.ch, c.db, 'people')
    const made = await chTable(c.ch, c.db, 'people')
    await c.sql.query('CREATE TABLE IF NOT EXISTS people (id INT PRIMARY KEY)')
    await c.sql.query('CREATE TABLE IF NOT EXISTS people LIKE other')
    await c.sql.query('DROP TABLE IF EXISTS nobody')
    await c.sql.query("INSERT INTO people VALUES (4, 'dee', 44)")
    await c.sql.query('UPDATE people SET age = age + 1 WHERE id = 1')
    await c.waitEqual()
    expect(await chColumns(c.ch, c.db, 'people')).toEqual(before)
    expect(before.map((x) => x.name)).toEqual(expect.arrayContaining(['id', 'name', 'age']))
    expect((await chTable(c.ch, c.db, 'people'))?.uuid).toBe(made!.uuid)
    // And after a restart, which replays from the committed position.
    expect(await c.stop()).toBe(0)
    c.start()
    await c.sql.query("UPDATE people SET name = 'bee' WHERE id = 2")
    await c.waitEqual()
    expect(await chColumns(c.ch, c.db, 'people')).toEqual(before)
    expect(await c.stop()).toBe(0)
  }, 60_000)

  test('case 3: key-column changes recopy that table; a rename onto a ClickHouse table chsync did not make sets only that table aside', async () => {
    const c = await open(server, 't_safe_keys')
    for (const t of ['t', 't2', 't3', 'other']) await c.sql.query(`CREATE TABLE ${t} (id INT PRIMARY KEY, v INT)`)
    for (const t of ['t', 't2', 't3', 'other']) await c.sql.query(`INSERT INTO ${t} VALUES (1, 1), (2, 2), (3, 3)`)
    await userTable(c, c.db, 'x_taken', 10)
    const users = await userTableState(c, c.db, 'x_taken')
    c.start()
    await c.waitEqual()
    const from = c.logLines().length
    let n = 100
    /** A change to `other` arrives within seconds: the stream is not held up by the DDL before it. */
    const otherFlows = async () => {
      await c.sql.query(`INSERT INTO other VALUES (${++n}, ${n})`)
      await waitTablesEqual(c, ['other'], 10_000)
    }

    await c.sql.query('ALTER TABLE t RENAME COLUMN id TO ident')
    await c.sql.query('INSERT INTO t VALUES (4, 4)')
    await otherFlows()
    await c.sql.query('ALTER TABLE t3 MODIFY COLUMN id BIGINT NOT NULL')
    await c.sql.query('INSERT INTO t3 VALUES (5000000000, 5)')
    await otherFlows()
    await c.sql.query('RENAME TABLE t2 TO x_taken')
    await c.sql.query('INSERT INTO x_taken VALUES (4, 4)')
    await otherFlows()
    await waitTablesEqual(c, ['t', 't3', 'other'], 30_000)

    const names = [tableName(c.db, 't2'), tableName(c.db, 'x_taken')]
    const aside = await waitFor('health names the table set aside', async () => {
      const h = await health(c)
      return h.body.status === 'degraded' && failedEntry(h.body, names) ? h : undefined
    })
    expect(aside.code).toBe(503)
    expect(failedEntry(aside.body, names)!.reason).toContain('x_taken')
    const setAside = failedEntry(aside.body, names)!.table
    const table = setAside === names[0] ? 't2' : 'x_taken'
    expect(await metrics(c)).toContain(`chsync_table_failed{database="${c.db}",table="${table}"} 1`)
    expect(await userTableState(c, c.db, 'x_taken')).toEqual(users)
    // The others still stream, and nothing restarts in a loop.
    await Bun.sleep(5000)
    await otherFlows()
    expect(linesMatching(c, from, /replication stream interrupted/).length).toBeLessThan(2)
    expect(repeatedLogLines(c.logLines().slice(from), 10_000, 5)).toEqual([])
    expect(await userTableState(c, c.db, 'x_taken')).toEqual(users)
    expect(c.running).toBe(true)
  }, 90_000)

  test("case 4: a user's ClickHouse table of a replicated table's name is left untouched, that table set aside", async () => {
    const c = await open(server, 't_safe_owner')
    await c.sql.query('CREATE TABLE base (id INT PRIMARY KEY)')
    await c.sql.query('CREATE TABLE legacy (id INT PRIMARY KEY, v INT)')
    await c.sql.query('INSERT INTO base VALUES (1)')
    await c.sql.query('INSERT INTO legacy VALUES (1, 1)')
    // Already in ClickHouse at the first start, made by the user.
    await userTable(c, c.db, 'legacy', 500)
    const legacy = await userTableState(c, c.db, 'legacy')
    c.start()
    await waitTablesEqual(c, ['base'])

    // A user's table of the name a new source table gets.
    await userTable(c, c.db, 'events', 1000)
    const events = await userTableState(c, c.db, 'events')
    await c.sql.query('CREATE TABLE events (id INT PRIMARY KEY)')
    await c.sql.query('INSERT INTO events VALUES (1), (2)')
    await c.sql.query('INSERT INTO base VALUES (2)')
    await waitTablesEqual(c, ['base'], 10_000)
    const h = await waitFor('health names events and legacy as set aside', async () => {
      const r = await health(c)
      const failed = r.body.tables_failed ?? []
      return failed.some((e) => e.table === tableName(c.db, 'events')) && failed.some((e) => e.table === tableName(c.db, 'legacy'))
        ? r.body
        : undefined
    })
    expect(failedEntry(h, [tableName(c.db, 'events')])!.reason).toContain('events')
    expect(failedEntry(h, [tableName(c.db, 'legacy')])!.reason).toContain('legacy')
    expect(h.status).toBe('degraded')
    expect(await userTableState(c, c.db, 'events')).toEqual(events)
    expect(await userTableState(c, c.db, 'legacy')).toEqual(legacy)
    // And after a restart.
    expect(await c.stop()).toBe(0)
    c.start()
    await c.sql.query('INSERT INTO events VALUES (3)')
    await c.sql.query('INSERT INTO legacy VALUES (2, 2)')
    await c.sql.query('INSERT INTO base VALUES (3)')
    await waitTablesEqual(c, ['base'])
    expect(await userTableState(c, c.db, 'events')).toEqual(events)
    expect(await userTableState(c, c.db, 'legacy')).toEqual(legacy)
    expect(await c.stop()).toBe(0)
  }, 60_000)

  test("case 4: a user's extra and MATERIALIZED columns on a replicated table survive the source's ALTERs and restarts", async () => {
    const c = await open(server, 't_safe_cols')
    await c.sql.query('CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(40), age INT)')
    await c.sql.query("INSERT INTO people VALUES (1, 'ann', 30), (2, 'bob', 40)")
    c.start()
    await c.waitEqual()
    await c.ch.command({ query: `ALTER TABLE \`${c.db}\`.people ADD COLUMN note String DEFAULT 'n'` })
    await c.ch.command({ query: `ALTER TABLE \`${c.db}\`.people ADD COLUMN m String MATERIALIZED concat('m-', name)` })
    const mine = (await chColumns(c.ch, c.db, 'people')).filter((x) => x.name === 'note' || x.name === 'm')
    expect(mine.map((x) => `${x.name} ${x.default_kind}`)).toEqual(['note DEFAULT', 'm MATERIALIZED'])
    await c.sql.query('ALTER TABLE people ADD COLUMN city VARCHAR(20)')
    await c.sql.query("INSERT INTO people VALUES (3, 'cy', 50, 'oslo')")
    await c.sql.query('ALTER TABLE people DROP COLUMN age')
    await c.sql.query("UPDATE people SET city = 'rome' WHERE id = 1")
    await waitTablesEqual(c, ['people'])
    expect(await c.stop()).toBe(0)
    c.start()
    await c.sql.query("INSERT INTO people VALUES (4, 'dee', 'bern')")
    await c.sql.query('ALTER TABLE people MODIFY name VARCHAR(80)')
    await c.sql.query("INSERT INTO people VALUES (5, 'eve', 'oslo')")
    await waitTablesEqual(c, ['people'])
    expect((await chColumns(c.ch, c.db, 'people')).filter((x) => x.name === 'note' || x.name === 'm')).toEqual(mine)
    const rows = await chRows<{ id: number; note: string; m: string }>(
      c.ch,
      `SELECT id, note, m FROM \`${c.db}\`.people FINAL WHERE id >= 4 ORDER BY id`,
    )
    expect(rows).toEqual([
      { id: 4, note: 'n', m: 'm-dee' },
      { id: 5, note: 'n', m: 'm-eve' },
    ])
    expect(await c.stop()).toBe(0)
  }, 60_000)

  test('case 4: system, information_schema and INFORMATION_SCHEMA are never targets', async () => {
    const c = await open(server, 't_safe_sysdb')
    const probe = `chsync_sysprobe_${server}`
    await c.sql.query(`CREATE TABLE ${probe} (id INT PRIMARY KEY)`)
    await c.sql.query(`INSERT INTO ${probe} VALUES (1)`)
    for (const target of ['system', 'information_schema', 'INFORMATION_SCHEMA']) {
      cleanups.push(() => c.ch.command({ query: `DROP TABLE IF EXISTS \`${target}\`.\`${probe}\`` }))
      const from = c.logLines().length
      c.start([], { CHSYNC_TARGET_DATABASES: `${c.db}=${target}`, CHSYNC_STATE_PATH: join(c.dir, `state-${target}.db`) })
      // Refused: at start (a non-zero exit naming it), or the table left out with a reason naming it.
      const outcome = await waitFor(`chsync refuses ${target} as a target`, async () => {
        if (!c.running) return 'exited'
        const h = await health(c).catch(() => null)
        const named = [...(h?.body.tables_left_out ?? []), ...(h?.body.tables_failed ?? [])].some(
          (e) => e.table === tableName(c.db, probe) && e.reason.includes(target),
        )
        return named ? 'left out' : undefined
      })
      await c.sql.query(`INSERT INTO ${probe} VALUES (${Date.now() % 1_000_000_000})`)
      await Bun.sleep(outcome === 'exited' ? 0 : 2000)
      const code = await c.stop()
      if (outcome === 'exited') {
        expect(code).not.toBe(0)
        expect(
          c
            .logLines()
            .slice(from)
            .map((l) => JSON.stringify(l))
            .join('\n') + c.log.slice(-2000),
        ).toContain(target)
      }
      expect(await chTable(c.ch, target, probe)).toBeNull()
    }
  }, 90_000)

  test('case 5: `d`.`a.b` and `d.a`.`b` replicate into two tables; verify and resync take the quoted names', async () => {
    const db2 = `t_safe_dots_${server}.a`
    const c = await open(server, 't_safe_dots', { env: { CHSYNC_REPLICATE_DATABASES: `t_safe_dots_${server},${db2}` } })
    const drop = async () => {
      await c.sql.query(`DROP DATABASE IF EXISTS \`${db2}\``)
      await c.ch.command({ query: `DROP DATABASE IF EXISTS \`${db2}\`` })
    }
    await drop()
    cleanups.push(drop)
    await c.sql.query(`CREATE DATABASE \`${db2}\``)
    await c.sql.query('CREATE TABLE `a.b` (id INT PRIMARY KEY, v VARCHAR(20))')
    await c.sql.query(`CREATE TABLE \`${db2}\`.b (id INT PRIMARY KEY, w INT)`)
    await c.sql.query("INSERT INTO `a.b` VALUES (1, 'one'), (2, 'two')")
    await c.sql.query(`INSERT INTO \`${db2}\`.b VALUES (10, 10)`)
    c.start()
    const equal = () =>
      waitFor('both tables equal', async () => {
        const d = [await compareTable(server, c.ch, c.db, 'a.b', c.source), await compareTable(server, c.ch, db2, 'b', c.source)]
        return d.every(isEqual) ? true : undefined
      })
    await equal()
    await c.sql.query("INSERT INTO `a.b` VALUES (3, 'three')")
    await c.sql.query(`INSERT INTO \`${db2}\`.b VALUES (11, 11), (12, 12)`)
    await c.sql.query("UPDATE `a.b` SET v = 'uno' WHERE id = 1")
    await c.sql.query(`DELETE FROM \`${db2}\`.b WHERE id = 10`)
    await equal()
    expect(await chTables(c.ch, c.db)).toEqual(['a.b'])
    expect(await chTables(c.ch, db2)).toEqual(['b'])
    const [ab] = await chRows<{ n: string }>(c.ch, `SELECT toString(count()) AS n FROM \`${c.db}\`.\`a.b\` FINAL`)
    const [b] = await chRows<{ n: string }>(c.ch, `SELECT toString(count()) AS n FROM \`${db2}\`.b FINAL`)
    expect([ab?.n, b?.n]).toEqual(['3', '2'])
    const m = await metrics(c)
    expect(m).toContain(`chsync_table_rows_total{database="${c.db}",table="a.b"}`)
    expect(m).toContain(`chsync_table_rows_total{database="${db2}",table="b"}`)

    const both = await c.cli('verify', '--retries', '1')
    expect(both.out).toContain('all 2 tables equal')
    const one = await c.cli('verify', '--retries', '1', tableName(db2, 'b'))
    expect(one.out).toContain(`ok        ${tableName(db2, 'b')}`)
    expect(one.out).toContain('all 1 tables equal')
    const again = await c.cli('resync', tableName(c.db, 'a.b'))
    expect(again.out).toContain(`copying again: ${tableName(c.db, 'a.b')}`)
    await c.sql.query("INSERT INTO `a.b` VALUES (4, 'four')")
    await equal()
    expect(await c.stop()).toBe(0)
  }, 60_000)

  test('case 6: tables the account cannot read: check refuses naming each with its GRANT, run leaves them out, verify does not call them equal', async () => {
    const user = `t_safe_sel_${server}`
    const password = 'sel-test-pw'
    const admin = await sqlSession(server)
    const dropUser = () => admin.query(`DROP USER IF EXISTS '${user}'@'127.0.0.1'`)
    await dropUser()
    cleanups.push(async () => {
      await dropUser()
      await admin.end()
    })
    const c = await open(server, 't_safe_grants', { user, password })
    const tables = ['a', 'b', 'c', 'd', 'e', 'f']
    for (const t of tables) {
      await c.sql.query(`CREATE TABLE ${t} (id INT PRIMARY KEY, v INT)`)
      await c.sql.query(
        `INSERT INTO ${t} SELECT n, n FROM (SELECT 1 n UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) x`,
      )
    }
    await admin.query(`CREATE USER '${user}'@'127.0.0.1' IDENTIFIED BY '${password}'`)
    await admin.query(
      `GRANT REPLICATION SLAVE, ${flavor === 'mysql' ? 'REPLICATION CLIENT' : 'BINLOG MONITOR'} ON *.* TO '${user}'@'127.0.0.1'`,
    )
    for (const t of ['a', 'b']) await admin.query(`GRANT SELECT ON \`${c.db}\`.\`${t}\` TO '${user}'@'127.0.0.1'`)
    const unreadable = ['c', 'd', 'e', 'f']
    /** Some GRANT SELECT in `text` gives the account table t (on the table, its database or everything). */
    const grantFor = (text: string, t: string) =>
      new RegExp(`GRANT SELECT ON (\\*\\.\\*|\`${c.db}\`\\.\\*|\`${c.db}\`\\.\`${t}\`) TO '${user}'@'127\\.0\\.0\\.1'`).test(text)

    const check = await c.cli('check')
    expect(check.code).not.toBe(0)
    for (const t of unreadable) {
      expect(check.out).toMatch(new RegExp(`${c.db}\`?\\.\`?${t}\\b`))
      expect(grantFor(check.out, t)).toBe(true)
    }

    c.start()
    await waitTablesEqual(c, ['a', 'b'])
    for (const t of tables) await c.sql.query(`UPDATE ${t} SET v = v + 100 WHERE id = 1`)
    await c.sql.query('INSERT INTO a VALUES (6, 6)')
    await waitTablesEqual(c, ['a', 'b'])
    const h = await waitFor('health lists the unreadable tables as left out', async () => {
      const left = (await health(c)).body.tables_left_out ?? []
      return unreadable.every((t) => left.some((e) => e.table === tableName(c.db, t))) ? left : undefined
    })
    expect(h.map((e) => e.table).sort()).toEqual(unreadable.map((t) => tableName(c.db, t)))
    expect(await chTables(c.ch, c.db)).toEqual(['a', 'b'])
    expect(await metrics(c)).toMatch(/\nchsync_tables_left_out 4\n/)
    const warned = c.logLines().filter((l) => l.level === 'warn' || l.level === 'error')
    for (const t of unreadable) expect(warned.some((l) => JSON.stringify(l).includes(tableName(c.db, t)))).toBe(true)

    const verify = await c.cli('verify', '--retries', '0')
    expect(verify.out).not.toMatch(/all \d+ tables equal/)
    for (const t of unreadable) expect(verify.out).toContain(tableName(c.db, t))
    expect(await c.stop()).toBe(0)
  }, 90_000)

  test('case 7: while ClickHouse refuses every insert, health shows it: not caught up, lag growing, position still, degraded', async () => {
    const DOWN_MS = 15_000
    proxy = new FaultProxy(18123).start()
    const c = await open(server, 't_safe_stuck', { env: { CHSYNC_TARGET_URL: `http://default@127.0.0.1:${proxy.port}` } })
    await c.sql.query('CREATE TABLE t (id INT PRIMARY KEY, v INT)')
    await c.sql.query('INSERT INTO t VALUES (1, 1)')
    c.start()
    await c.waitEqual()
    await waitFor('caught up before', async () => ((await health(c)).body.caught_up ? true : undefined))

    proxy.down()
    const downAt = Date.now()
    const samples: { at: number; code: number; body: HealthBody }[] = []
    let id = 1
    while (Date.now() - downAt < DOWN_MS) {
      await c.sql.query(`INSERT INTO t VALUES (${++id}, ${id}) ON DUPLICATE KEY UPDATE v = v + 1`)
      await Bun.sleep(500)
      const h = await health(c)
      samples.push({ at: Date.now() - downAt, ...h })
    }
    proxy.up()
    // From 5 s on, chsync has noticed.
    const late = samples.filter((s) => s.at >= 5000)
    const summary = late
      .map(
        (s) => `${s.at}ms ${s.code} ${s.body.status} caught_up=${s.body.caught_up} lag=${s.body.lag_seconds} gtid=${s.body.consumer_gtid}`,
      )
      .join('\n')
    expect(
      late.every((s) => s.body.caught_up === false),
      summary,
    ).toBe(true)
    expect(new Set(late.map((s) => s.body.consumer_gtid)).size, summary).toBe(1)
    expect(late[0]!.body.consumer_gtid, summary).not.toBeNull()
    const lags = late.map((s) => Number(s.body.lag_seconds))
    expect(lags.at(-1)!, summary).toBeGreaterThan(DOWN_MS / 1000 - 6)
    expect(lags.at(-1)! - lags[0]!, summary).toBeGreaterThan(5)
    expect(
      late.slice(-3).every((s) => s.code === 503 && s.body.status === 'degraded'),
      summary,
    ).toBe(true)

    await c.waitEqual(60_000)
    const after = await waitFor('healthy again', async () => {
      const h = await health(c)
      return h.body.status === 'ok' && h.body.caught_up ? h : undefined
    })
    expect(after.code).toBe(200)
    expect(Number(after.body.lag_seconds)).toBeLessThan(5)
    expect(after.body.consumer_gtid).not.toBe(late[0]!.body.consumer_gtid)
  }, 90_000)

  test('case 8: a table waiting to be copied again, then dropped, does not hold chsync in stage snapshot', async () => {
    const c = await open(server, 't_safe_gone')
    await c.sql.query('CREATE TABLE keep (id INT PRIMARY KEY)')
    c.start()
    await waitFor('streaming', async () => ((await health(c)).body.stage === 'streaming' ? true : undefined))
    const from = c.logLines().length
    await c.sql.query('CREATE TABLE rc (id INT, v INT)')
    await c.sql.query('INSERT INTO rc VALUES (1, 1)')
    await c.sql.query('ALTER TABLE rc MODIFY v TINYINT')
    await c.sql.query('DROP TABLE rc')
    await c.sql.query('INSERT INTO keep VALUES (1)')
    await c.waitEqual()
    // Streaming and error-free, and it stays so.
    for (let i = 0; i < 3; i++) {
      const h = await waitFor('stage streaming, no error', async () => {
        const r = (await health(c)).body
        return r.stage === 'streaming' && r.error === null ? r : undefined
      })
      expect(h.status).toBe('ok')
      await Bun.sleep(1000)
    }
    expect(await chTables(c.ch, c.db)).toEqual(['keep'])
    expect(repeatedLogLines(c.logLines().slice(from), 30_000, 2)).toEqual([])
    expect(await c.stop()).toBe(0)
  }, 60_000)

  test('case 9: tables keyed by a unique NOT NULL column are neither recreated nor copied again at a restart', async () => {
    const c = await open(server, 't_safe_uniq')
    await c.sql.query('CREATE TABLE u (id INT NOT NULL UNIQUE, v INT)')
    await c.sql.query('CREATE TABLE s (id SERIAL, v INT)')
    await c.sql.query('INSERT INTO u VALUES (1, 1), (2, 2)')
    await c.sql.query('INSERT INTO s (v) VALUES (1), (2)')
    c.start()
    await c.waitEqual()
    // The same kinds of table, made while streaming (their schema comes from the DDL).
    await c.sql.query('CREATE TABLE u2 (id INT NOT NULL UNIQUE, v INT)')
    await c.sql.query('CREATE TABLE s2 (id SERIAL, v INT)')
    await c.sql.query('INSERT INTO u2 VALUES (1, 1)')
    await c.sql.query('INSERT INTO s2 (v) VALUES (1)')
    await c.waitEqual()
    const tables = ['u', 's', 'u2', 's2']
    const made = await Promise.all(tables.map((t) => chTable(c.ch, c.db, t)))
    const from = c.logLines().length
    for (let restart = 1; restart <= 2; restart++) {
      expect(await c.stop()).toBe(0)
      c.start()
      for (const t of tables)
        await c.sql.query(
          t.startsWith('u') ? `INSERT INTO ${t} VALUES (${100 + restart}, ${restart})` : `INSERT INTO ${t} (v) VALUES (${restart})`,
        )
      await c.waitEqual()
    }
    const again = await Promise.all(tables.map((t) => chTable(c.ch, c.db, t)))
    expect(again.map((t) => [t?.uuid, t?.metadata_modification_time])).toEqual(made.map((t) => [t?.uuid, t?.metadata_modification_time]))
    const copies = c
      .logLines()
      .slice(from)
      .filter((l) => /recreat|copied again/i.test(String(l.msg)) || l.msg === 'table copied')
    expect(copies.map((l) => JSON.stringify(l))).toEqual([])
    expect(await c.stop()).toBe(0)
  }, 90_000)
})
