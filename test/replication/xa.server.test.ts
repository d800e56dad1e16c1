// XA transactions: applied when prepared, kept until their outcome. XA ROLLBACK takes every change
// back (inserts, updates and deletes, in reverse), XA COMMIT ... ONE PHASE is an ordinary commit,
// and a kill -9 while one is prepared loses nothing of it when it is committed after the restart.

import { afterEach, describe, expect, test } from 'bun:test'
import { SERVERS, endPrepared, sqlSession } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

describe.each(SERVERS)('%s', (server) => {
  test('rolled back, one phase, committed, and committed after a kill -9 while prepared', async () => {
    ctx = await ReplicationContext.open(server, 't_rep_xa', { env: { CHSYNC_APPLY_FLUSH_INTERVAL_MS: '50' } })
    const c = ctx
    await c.sql.query('CREATE TABLE acct (id INT PRIMARY KEY, v INT)')
    await c.sql.query('CREATE TABLE other (id INT PRIMARY KEY, v INT)')
    await c.sql.query('INSERT INTO acct VALUES (1, 1), (2, 2), (3, 3)')
    c.start()
    await c.waitEqual()

    /** One XA transaction in a session of its own, left prepared (the session ends, the XA stays). */
    const prepare = async (xid: string, statements: string[]) => {
      const s = await sqlSession(server, c.db, c.source)
      try {
        await s.query(`XA START '${xid}'`)
        for (const q of statements) await s.query(q)
        await s.query(`XA END '${xid}'`)
        await s.query(`XA PREPARE '${xid}'`)
      } finally {
        await s.end()
      }
    }
    // Every kind of change, several rows per event, then taken back.
    await prepare('xr1', [
      'INSERT INTO acct VALUES (10, 10), (11, 11)',
      'UPDATE acct SET v = v * 100 WHERE id IN (1, 2)',
      'DELETE FROM acct WHERE id = 3',
      'UPDATE acct SET v = 7 WHERE id = 10',
    ])
    await c.sql.query('INSERT INTO other VALUES (1, 1)')
    await endPrepared(c.sql, "XA ROLLBACK 'xr1'")
    await c.sql.query("XA START 'xo1'")
    await c.sql.query('INSERT INTO acct VALUES (4, 4)')
    await c.sql.query("XA END 'xo1'")
    await c.sql.query("XA COMMIT 'xo1' ONE PHASE")
    await prepare('xa1', ['INSERT INTO acct VALUES (5, 5)', 'UPDATE acct SET v = 20 WHERE id = 2'])
    await endPrepared(c.sql, "XA COMMIT 'xa1'")
    await c.waitEqual()

    // Killed while b1 is prepared; committed after the restart.
    await prepare('xb1', ['DELETE FROM acct WHERE id = 4', 'INSERT INTO acct VALUES (6, 6)'])
    await c.sql.query('UPDATE other SET v = 2')
    await Bun.sleep(300)
    await c.stop('SIGKILL')
    const from = c.logLines().length
    c.start()
    await c.waitForLog((l) => l.msg === 'streaming', from)
    await endPrepared(c.sql, "XA COMMIT 'xb1'")
    await c.waitEqual()
    const [rows] = await c.sql.query('SELECT id, v FROM acct ORDER BY id')
    expect(rows as unknown[]).toEqual([
      { id: 1, v: 1 },
      { id: 2, v: 20 },
      { id: 3, v: 3 },
      { id: 5, v: 5 },
      { id: 6, v: 6 },
    ])
    expect(await c.stop()).toBe(0)
  }, 120_000)
})
