// Key changes on tables described from the catalog at start (not from their CREATE): their keys
// are known as the server keeps them, so ADD / DROP PRIMARY KEY and DROP INDEX of the unique key
// that stands in for a primary key are followed from the DDL's text.

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

describe.each(SERVERS)('%s', (server) => {
  test('keys of tables known from the catalog: ADD / DROP PRIMARY KEY and DROP INDEX followed from the text', async () => {
    ctx = await ReplicationContext.open(server, 't_rep_keys')
    const { sql } = ctx
    await sql.query('CREATE TABLE u (a INT NOT NULL, b INT NOT NULL, v VARCHAR(10), UNIQUE KEY ua (a), KEY kb (b))')
    await sql.query('CREATE TABLE p (id INT NOT NULL, w INT NOT NULL, PRIMARY KEY (id), UNIQUE KEY uw (w))')
    await sql.query("INSERT INTO u VALUES (1, 10, 'x'), (2, 20, 'y')")
    await sql.query('INSERT INTO p VALUES (1, 100), (2, 200)')
    ctx.start()
    await ctx.waitEqual()
    const from = ctx.logLines().length
    await sql.query('ALTER TABLE u ADD PRIMARY KEY (b)')
    await sql.query("INSERT INTO u VALUES (3, 30, 'z')")
    await sql.query('ALTER TABLE p DROP PRIMARY KEY')
    await sql.query('INSERT INTO p VALUES (3, 300)')
    await sql.query('ALTER TABLE p DROP INDEX uw')
    await sql.query('INSERT INTO p VALUES (4, 400)')
    await sql.query('ALTER TABLE u DROP INDEX ua')
    await sql.query("UPDATE u SET v = 'w' WHERE a = 1")
    await ctx.waitEqual()
    const lines = ctx.logLines().slice(from)
    expect(
      lines
        .filter(
          (l) => l.msg === 'DDL cannot be followed from its text' || l.msg === 'table shape changed; reconciling the target from TABLE_MAP',
        )
        .map((l) => l.reason ?? l.table),
    ).toEqual([])
    expect(await ctx.stop()).toBe(0)
  }, 60_000)
})
