// Rows of 60 MB (a LONGBLOB and a LONGTEXT) replicate exactly: copied, inserted, updated (an event
// of two 60 MB images) and deleted, compared by length and SHA-256 on both sides. The servers'
// max_allowed_packet is raised to 128 MiB first (a 60 MB value does not fit MariaDB's default 16 MiB).

import { afterEach, describe, test } from 'bun:test'
import { allowPackets, bigValueSql, groupConcatFor } from '../support/big-row.ts'
import { SERVERS } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'

const BYTES = 60_000_000

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.closeAndDrop()
  ctx = null
})

describe.each(SERVERS)('%s', (server) => {
  test('60 MB values are copied and streamed byte for byte', async () => {
    ctx = await ReplicationContext.open(server, 't15_big_row')
    const c = ctx
    await allowPackets(c.sql)
    // The session's max_allowed_packet is the global one as of its start.
    const sql = await c.reconnect()
    await sql.query(groupConcatFor(BYTES))
    await sql.query('CREATE TABLE blobs (id INT PRIMARY KEY, b LONGBLOB, t LONGTEXT CHARACTER SET utf8mb4, n INT)')
    await sql.query(`INSERT INTO blobs VALUES (1, ${bigValueSql(BYTES, 'copied')}, 'small', 1), (9, 'x', 'y', 9)`)

    const source = async () => {
      const [rows] = await sql.query(
        'SELECT id, LENGTH(b) AS lb, SHA2(b, 256) AS hb, LENGTH(t) AS lt, SHA2(t, 256) AS ht, n FROM blobs ORDER BY id',
      )
      return (rows as Record<string, unknown>[]).map((r) => ({ ...r, lb: Number(r.lb), lt: Number(r.lt), n: Number(r.n) }))
    }
    const target = async () => {
      const rs = await c.ch.query({
        query: `SELECT id, length(b) AS lb, lower(hex(SHA256(b))) AS hb, length(t) AS lt, lower(hex(SHA256(t))) AS ht, n
                FROM \`${c.db}\`.blobs FINAL ORDER BY id`,
        format: 'JSONEachRow',
      })
      return ((await rs.json()) as Record<string, unknown>[]).map((r) => ({ ...r, lb: Number(r.lb), lt: Number(r.lt), n: Number(r.n) }))
    }

    c.start()
    await c.untilSame('the copied 60 MB row', target, source, 120_000)

    await sql.query(`INSERT INTO blobs VALUES (2, 'small', ${bigValueSql(BYTES, 'streamed')}, 2)`)
    await sql.query(`UPDATE blobs SET b = ${bigValueSql(BYTES, 'updated')}, n = n + 10 WHERE id = 1`)
    await sql.query('UPDATE blobs SET n = n + 100 WHERE id = 9')
    await c.untilSame('the inserted and updated 60 MB rows', target, source, 120_000)

    await sql.query('DELETE FROM blobs WHERE id = 2')
    await c.untilSame('after the delete of a 60 MB row', target, source, 120_000)

    // About 300 MB of binlog in five transactions: `chsync check`, which later tests run, reads the
    // binlog's newest transactions (100 first) up to 256 MiB and would find them among those, cut its
    // read short and leave the newest part unread (CI: three tests missed tables only the binlog
    // names). Small transactions after them keep them out of its first window.
    for (let i = 0; i < 150; i++) await sql.query('UPDATE blobs SET n = n + 1 WHERE id = 9')
  }, 300_000)
})
