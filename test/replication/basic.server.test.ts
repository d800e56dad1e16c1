// The main job end to end: an initial copy of existing rows, then streaming of inserts, updates
// (key changes included), deletes and DDL, into ClickHouse; the copy equals the source.

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

describe.each(SERVERS)('%s', (server) => {
  test('copies existing rows, then streams every kind of change', async () => {
    ctx = await ReplicationContext.open(server, 't_rep_basic')
    const { sql } = ctx
    await sql.query('CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(40), total DECIMAL(12,2), at DATETIME(6), note TEXT)')
    await sql.query('CREATE TABLE events (k VARCHAR(20), n BIGINT UNSIGNED, PRIMARY KEY (k, n))')
    await sql.query('CREATE TABLE keyless (a INT, b VARCHAR(10))')
    const values = Array.from(
      { length: 2500 },
      (_, i) =>
        `(${i + 1}, 'c${i % 97}', ${(i * 1.25).toFixed(2)}, '2024-01-01 00:00:00.${String(i).padStart(6, '0')}', ${i % 5 ? `'n${i}'` : 'NULL'})`,
    )
    await sql.query(`INSERT INTO orders VALUES ${values.join(', ')}`)
    await sql.query("INSERT INTO events VALUES ('a', 18446744073709551615), ('b', 0), ('é', 1)")
    await sql.query("INSERT INTO keyless VALUES (1, 'x'), (2, 'y'), (2, 'y')")
    ctx.start()
    await ctx.waitEqual()

    await sql.query("INSERT INTO orders VALUES (5000, 'new', -1.50, '1999-12-31 23:59:59', 'ü😀')")
    await sql.query("UPDATE orders SET total = total + 1, note = CONCAT('u', id) WHERE id % 7 = 0")
    await sql.query('UPDATE orders SET id = id + 10000 WHERE id BETWEEN 10 AND 20')
    await sql.query('DELETE FROM orders WHERE id % 11 = 0')
    await sql.query("UPDATE events SET k = 'z' WHERE k = 'a'")
    await sql.query('DELETE FROM keyless WHERE a = 1')
    await sql.query("INSERT INTO keyless VALUES (3, 'z')")
    await sql.query("UPDATE keyless SET b = 'w' WHERE a = 3")
    await ctx.waitEqual()

    await sql.query("ALTER TABLE orders ADD COLUMN status ENUM('open', 'paid') NOT NULL DEFAULT 'open' AFTER customer, DROP COLUMN note")
    await sql.query("UPDATE orders SET status = 'paid' WHERE id < 100")
    await sql.query('ALTER TABLE orders RENAME COLUMN customer TO client')
    await sql.query("INSERT INTO orders (id, client, total, at) VALUES (6000, 'after-ddl', 3, NOW())")
    await sql.query('CREATE TABLE later (id INT PRIMARY KEY, v JSON)')
    await sql.query(`INSERT INTO later VALUES (1, '{"a": [1, 2]}'), (2, NULL)`)
    await sql.query('TRUNCATE TABLE events')
    await sql.query("INSERT INTO events VALUES ('after', 7)")
    await ctx.waitEqual()

    expect(await ctx.stop('SIGTERM')).toBe(0)
    expect(ctx.log).toContain('stopped')
  }, 120_000)
})
