// XA transactions: the rows of a prepared one reach the target only with its XA COMMIT, never
// after XA ROLLBACK; XA COMMIT ... ONE PHASE applies at once; and kill -9 while one is prepared
// loses nothing: the committed position waits where it began, so the restart reads it again, and
// what came after it is not doubled.

import { afterEach, describe, expect, test } from 'bun:test'
import { FLAVORS, sqlSession } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'

const PREPARED = 'XA transaction prepared: its changes wait for its XA COMMIT, the committed position waits with them'
/** 'a1' as the servers log it. */
const A1 = "x'6131',x'',1"

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

describe.each(FLAVORS)('%s', (flavor) => {
  test('prepared, rolled back, one phase, kill -9 while prepared, then committed', async () => {
    ctx = await ReplicationContext.open(flavor, 't_rep_xa', { env: { CHSYNC_APPLY_FLUSH_INTERVAL_MS: '50' } })
    const c = ctx
    await c.sql.query('CREATE TABLE acct (id INT PRIMARY KEY, v INT)')
    await c.sql.query('CREATE TABLE other (id INT PRIMARY KEY, v INT)')
    await c.sql.query('INSERT INTO acct VALUES (1, 1)')
    c.start()
    await c.waitEqual()

    /** One XA transaction in a session of its own, left prepared (the session ends, the XA stays). */
    const prepare = async (xid: string, statements: string[]) => {
      const s = await sqlSession(flavor, c.db, c.source)
      try {
        await s.query(`XA START '${xid}'`)
        for (const q of statements) await s.query(q)
        await s.query(`XA END '${xid}'`)
        await s.query(`XA PREPARE '${xid}'`)
      } finally {
        await s.end()
      }
    }
    await prepare('a1', ['INSERT INTO acct VALUES (2, 2)', 'UPDATE acct SET v = 10 WHERE id = 1'])
    await prepare('r1', ['INSERT INTO acct VALUES (3, 3)'])
    await c.sql.query("XA ROLLBACK 'r1'")
    await c.sql.query("XA START 'o1'")
    await c.sql.query('INSERT INTO acct VALUES (4, 4)')
    await c.sql.query("XA END 'o1'")
    await c.sql.query("XA COMMIT 'o1' ONE PHASE")
    await c.sql.query('INSERT INTO other VALUES (1, 1), (2, 2)')
    // The source shows committed rows only: a1 is not there yet, r1 never, o1 is.
    await c.waitEqual()
    await c.waitForLog((l) => l.msg === PREPARED && l.xid === A1)

    // Killed while a1 is prepared; the restart reads it again, and what was applied after it.
    await c.stop('SIGKILL')
    await c.sql.query('UPDATE other SET v = v + 1')
    let from = c.logLines().length
    c.start()
    await c.waitForLog((l) => l.msg === PREPARED && l.xid === A1, from)
    await c.waitEqual()
    await c.sql.query("XA COMMIT 'a1'")
    await c.sql.query('INSERT INTO other VALUES (3, 3)')
    await c.waitEqual()
    const [rows] = await c.sql.query('SELECT id, v FROM acct ORDER BY id')
    expect(rows as unknown[]).toEqual([{ id: 1, v: 10 }, { id: 2, v: 2 }, { id: 4, v: 4 }])

    // Once no XA is prepared the position moves on: a restart has nothing to read again.
    expect(await c.stop()).toBe(0)
    from = c.logLines().length
    c.start()
    await c.waitForLog((l) => l.msg === 'streaming', from)
    await c.waitEqual()
    expect(c.logLines().slice(from).filter((l) => l.msg === PREPARED)).toEqual([])
    expect(await c.stop()).toBe(0)
  }, 120_000)
})
