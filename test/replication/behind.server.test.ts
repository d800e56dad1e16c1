// Tables renamed into the replicated set while chsync is behind the source: by the time the stream
// gets to the rename, the source has moved the table on. chsync keeps it as a table whose columns
// are not known yet (not as a missing one, so `CREATE TABLE IF NOT EXISTS` of its name changes
// nothing), takes its columns from its next TABLE_MAP or from the name the source has now, follows
// its renames, and copies it: the copy equals the source.

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.sql.query(`DROP DATABASE IF EXISTS \`${ctx.db}_out\``)
  await ctx?.close()
  ctx = null
})

describe.each(SERVERS)('%s', (server) => {
  test('tables renamed in and on while chsync is stopped: known without columns, then exact', async () => {
    ctx = await ReplicationContext.open(server, 't_rep_behind')
    const { sql, db } = ctx
    const out = `${db}_out`
    await sql.query(`DROP DATABASE IF EXISTS \`${out}\``)
    await sql.query(`CREATE DATABASE \`${out}\``)
    await sql.query('CREATE TABLE keep (id INT PRIMARY KEY)')
    await sql.query(`CREATE TABLE \`${out}\`.a (id INT PRIMARY KEY, v VARCHAR(20), n BIGINT)`)
    await sql.query(`CREATE TABLE \`${out}\`.b (id INT PRIMARY KEY, w DATE)`)
    await sql.query(`INSERT INTO \`${out}\`.a VALUES (1, 'one', 10), (2, 'two', 20)`)
    await sql.query(`INSERT INTO \`${out}\`.b VALUES (1, '2024-01-02')`)
    ctx.start()
    // Its start committed (an empty copy of keep can be in ClickHouse before: a stop then makes the
    // next start a first start again, which this test is not about).
    await ctx.waitForLog((l) => l.msg === 'copy done')
    await ctx.waitEqual()
    expect(await ctx.stop()).toBe(0)

    // While chsync is stopped: into the set, on under other names, an IF NOT EXISTS of a name the
    // source has, rows, a column change, and one that is never written again.
    await sql.query(`RENAME TABLE \`${out}\`.a TO a1`)
    await sql.query('RENAME TABLE a1 TO a2')
    await sql.query('CREATE TABLE IF NOT EXISTS a2 (id INT PRIMARY KEY)')
    await sql.query("INSERT INTO a2 VALUES (3, 'three', 30)")
    await sql.query('ALTER TABLE a2 ADD COLUMN z INT NOT NULL DEFAULT 7')
    await sql.query('RENAME TABLE a2 TO a3')
    await sql.query(`RENAME TABLE \`${out}\`.b TO b1`)
    await sql.query('CREATE TABLE IF NOT EXISTS b1 (id INT PRIMARY KEY)')
    await sql.query('RENAME TABLE b1 TO b2')
    await sql.query('INSERT INTO keep VALUES (1)')
    // Stopped while a table is known without its columns (committed so), then started again.
    const from = ctx.logLines().length
    ctx.start()
    await ctx.waitForLog((l) => String(l.msg).includes('its columns come with its next TABLE_MAP'), from)
    expect(await ctx.stop()).toBe(0)
    ctx.start()
    await ctx.waitEqual()
    expect(await ctx.tables()).toEqual(['a3', 'b2', 'keep'])
    const lines = ctx.logLines()
    expect(lines.filter((l) => l.level === 'error').map((l) => `${l.msg}: ${l.error ?? ''}`)).toEqual([])
    expect(await ctx.stop()).toBe(0)
  }, 90_000)
})
