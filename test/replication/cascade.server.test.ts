// Foreign-key actions end to end: chsync itself (`chsync run`) replicating parent and child tables;
// after every statement ClickHouse must equal the source. On MariaDB chsync works the actions out
// (its binlog leaves out the child rows); on MySQL 9.7 the binlog has them. Also: a parent that is
// not replicated, an XA transaction rolled back after its cascade, and a restart in between.

import { afterAll, describe, expect, test } from 'bun:test'
import { SERVERS } from '../support/servers.ts'
import { compareTable, isEqual } from './support/compare.ts'
import { ReplicationContext } from './support/context.ts'

const REPLICATED = ['p', 'c', 'g', 'emp']

/** Polls until the replicated tables equal their copies (the table left out has none). */
async function waitEqual(ctx: ReplicationContext, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  let last: string[] = []
  while (Date.now() < deadline) {
    last = []
    try {
      for (const t of REPLICATED) {
        const d = await compareTable(ctx.server, ctx.ch, ctx.db, t)
        if (!isEqual(d)) last.push(`${t}: missing ${d.missing} extra ${d.extra} different ${d.different}`)
      }
      if (last.length === 0) return
    } catch (err) {
      last = [String(err)]
    }
    await Bun.sleep(200)
  }
  throw new Error(`not equal after ${ms} ms: ${last.join('; ')}\n${ctx.log.slice(-3000)}`)
}

const SCHEMA = [
  'CREATE TABLE p (id INT PRIMARY KEY, code VARCHAR(10) NOT NULL, UNIQUE KEY (code))',
  'CREATE TABLE hidden (id INT PRIMARY KEY)',
  'CREATE TABLE c (id INT PRIMARY KEY, pid INT, code VARCHAR(10), h INT, FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE ON UPDATE CASCADE, FOREIGN KEY (code) REFERENCES p (code) ON UPDATE CASCADE ON DELETE SET NULL, FOREIGN KEY (h) REFERENCES hidden (id) ON DELETE SET NULL)',
  'CREATE TABLE g (id INT PRIMARY KEY, cid INT, FOREIGN KEY (cid) REFERENCES c (id) ON DELETE CASCADE)',
  'CREATE TABLE emp (id INT PRIMARY KEY, boss INT, FOREIGN KEY (boss) REFERENCES emp (id) ON DELETE CASCADE)',
]

const ROWS = `INSERT INTO p VALUES (1,'a'),(2,'b'),(3,'c'),(4,'d'),(5,'e');
  INSERT INTO hidden VALUES (1),(2);
  INSERT INTO c VALUES (1,1,'a',1),(2,1,'b',2),(3,2,'c',NULL),(4,3,'d',1),(5,4,'e',2),(6,5,NULL,NULL);
  INSERT INTO g VALUES (1,1),(2,2),(3,3),(4,4),(5,5);
  INSERT INTO emp VALUES (1,NULL),(2,1),(3,2),(4,3),(5,NULL)`

describe.each(SERVERS)('%s', (server) => {
  let ctx: ReplicationContext | null = null
  afterAll(async () => {
    await ctx?.close()
  })

  test('every action reaches ClickHouse, statement after statement', async () => {
    ctx = await ReplicationContext.open(server, 't_rep_cascade', {
      env: { CHSYNC_REPLICATE_EXCLUDE_TABLES: `t_rep_cascade_${server}.hidden` },
    })
    const { sql } = ctx
    for (const s of SCHEMA) await sql.query(s)
    await sql.query(ROWS)
    ctx.start()
    await waitEqual(ctx, 60_000)
    const steps = [
      'DELETE FROM p WHERE id = 1',
      'UPDATE p SET id = 20 WHERE id = 2',
      "UPDATE p SET code = 'cc' WHERE id = 3",
      'DELETE FROM hidden WHERE id = 1',
      'DELETE FROM emp WHERE id = 2',
    ]
    for (const s of steps) {
      await sql.query(s)
      await waitEqual(ctx, 30_000)
    }
    expect(await ctx.stop('SIGTERM')).toBe(0)
    await sql.query('DELETE FROM p WHERE id = 4')
    ctx.start()
    await waitEqual(ctx, 30_000)
    // Rolled back after the delete and its cascade were applied: both come back.
    const xid = `'cascade-${server}'`
    await sql.query(`XA START ${xid}; DELETE FROM p WHERE id = 5; XA END ${xid}; XA PREPARE ${xid}`)
    await Bun.sleep(1500)
    await sql.query(`XA ROLLBACK ${xid}`)
    await waitEqual(ctx, 30_000)
    const [left] = await sql.query('SELECT COUNT(*) AS n FROM c')
    expect(Number((left as { n: number }[])[0].n)).toBe(3)
  }, 240_000)
})
