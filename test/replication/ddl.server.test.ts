// DDL as online-schema-change tools run it (gh-ost / pt-online-schema-change: a shadow table, a
// copy, a swap by RENAME, a drop), renames across databases, and table selection with excludes
// and a renamed target database.

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

async function chTables(c: ReplicationContext, db: string): Promise<string[]> {
  const rs = await c.ch.query({
    query: `SELECT name FROM system.tables WHERE database = {db:String} ORDER BY name`,
    query_params: { db },
    format: 'JSONEachRow',
  })
  return ((await rs.json()) as { name: string }[]).map((r) => r.name)
}

/** Polls until the ClickHouse database holds exactly `names`; fails with what it holds after `ms`. */
async function waitTables(c: ReplicationContext, db: string, names: string[], ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms
  let now = await chTables(c, db)
  while (JSON.stringify(now) !== JSON.stringify(names) && Date.now() < deadline) {
    await Bun.sleep(100)
    now = await chTables(c, db)
  }
  expect(now).toEqual(names)
}

describe.each(SERVERS)('%s', (server) => {
  test('gh-ost style swap, pt-osc style swap, rename across databases', async () => {
    ctx = await ReplicationContext.open(server, 't_rep_ddl')
    const { sql, db } = ctx
    await sql.query(`DROP DATABASE IF EXISTS ${db}_other`)
    await ctx.ch.command({ query: `DROP DATABASE IF EXISTS ${db}_other` })
    await sql.query('CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50))')
    await sql.query("INSERT INTO users VALUES (1, 'ann'), (2, 'bob'), (3, 'cy')")
    ctx.start()
    await ctx.waitEqual()

    // gh-ost: a ghost table, altered, filled, then the swap and the drop of the old one.
    await sql.query('CREATE TABLE _users_gho LIKE users')
    await sql.query('ALTER TABLE _users_gho ADD COLUMN email VARCHAR(100)')
    await sql.query('INSERT INTO _users_gho (id, name) SELECT id, name FROM users')
    await sql.query("INSERT INTO users VALUES (4, 'dee')")
    await sql.query("INSERT INTO _users_gho (id, name, email) VALUES (4, 'dee', 'dee@x')")
    await sql.query('RENAME TABLE users TO _users_del, _users_gho TO users')
    await sql.query('DROP TABLE _users_del')
    await sql.query("UPDATE users SET email = 'ann@x' WHERE id = 1")
    await ctx.waitEqual()
    expect(await chTables(ctx, db)).toEqual(['users'])

    // pt-online-schema-change: _new table, copy, atomic swap to _old, drop _old.
    await sql.query('CREATE TABLE _users_new (id INT PRIMARY KEY, name VARCHAR(50), email VARCHAR(100), age INT)')
    await sql.query('INSERT INTO _users_new (id, name, email) SELECT id, name, email FROM users')
    await sql.query('RENAME TABLE users TO _users_old, _users_new TO users')
    await sql.query('DROP TABLE IF EXISTS _users_old')
    await sql.query('UPDATE users SET age = 30 WHERE id = 2')
    await ctx.waitEqual()
    expect(await chTables(ctx, db)).toEqual(['users'])

    // Across databases: out of the replicated set the copy goes with it; back in, it returns.
    await sql.query('CREATE TABLE moved (id INT PRIMARY KEY)')
    await sql.query('INSERT INTO moved VALUES (1), (2)')
    await ctx.waitEqual()
    await sql.query(`CREATE DATABASE IF NOT EXISTS ${db}_other`)
    await sql.query(`RENAME TABLE moved TO ${db}_other.moved`)
    // waitEqual compares the tables the source has: it cannot wait for one to leave the copy.
    await waitTables(ctx, db, ['users'])
    expect(await chTables(ctx, `${db}_other`)).toEqual([])
    await sql.query(`INSERT INTO ${db}_other.moved VALUES (3)`)
    await sql.query(`RENAME TABLE ${db}_other.moved TO moved_back`)
    await sql.query('INSERT INTO moved_back VALUES (4)')
    await ctx.waitEqual()
    expect(await chTables(ctx, db)).toEqual(['moved_back', 'users'])
    await sql.query(`DROP DATABASE ${db}_other`)
    expect(await ctx.stop()).toBe(0)
  }, 120_000)

  test('selection: excluded tables stay out, the target database can be renamed', async () => {
    ctx = await ReplicationContext.open(server, 't_rep_select', {
      env: { CHSYNC_REPLICATE_EXCLUDE_TABLES: '*.tmp_*', CHSYNC_TARGET_DATABASE_PREFIX: 'ch_' },
    })
    const { sql, db } = ctx
    await ctx.ch.command({ query: `DROP DATABASE IF EXISTS ch_${db}` })
    await sql.query('CREATE TABLE keep (id INT PRIMARY KEY)')
    await sql.query('CREATE TABLE tmp_scratch (id INT PRIMARY KEY)')
    await sql.query('INSERT INTO keep VALUES (1), (2)')
    await sql.query('INSERT INTO tmp_scratch VALUES (1)')
    ctx.start()
    await sql.query('INSERT INTO keep VALUES (3)')
    await sql.query('INSERT INTO tmp_scratch VALUES (2)')
    let rows: string[] = []
    for (let i = 0; i < 100 && rows.length < 3; i++) {
      await Bun.sleep(100)
      const rs = await ctx.ch.query({ query: `SELECT id FROM ch_${db}.keep FINAL ORDER BY id`, format: 'JSONEachRow' }).catch(() => null)
      rows = rs ? ((await rs.json()) as { id: number }[]).map((r) => String(r.id)) : []
    }
    expect(rows).toEqual(['1', '2', '3'])
    expect(await chTables(ctx, `ch_${db}`)).toEqual(['keep'])
    expect(await chTables(ctx, db)).toEqual([])
    expect(await ctx.stop()).toBe(0)
    await ctx.ch.command({ query: `DROP DATABASE IF EXISTS ch_${db}` })
  }, 60_000)
})
