// XA transactions as the servers log them, grouped by TransactionReader: a prepared one ends in
// xa_prepare (MySQL logs XA START, MariaDB flags its GTID), XA COMMIT and XA ROLLBACK come later
// as transactions of their own with the same xid, and ONE PHASE ends as a commit at once.

import { afterAll, describe, expect, test } from 'bun:test'
import { BinlogClient, type TxItem } from '../../src/binlog/index.ts'
import { SERVERS, flavorOf, SOURCES, endPrepared, freshDatabase, replicaServerId, sqlSession } from '../support/servers.ts'

const clients: BinlogClient[] = []
afterAll(() => clients.forEach((c) => c.close()))

/** An item as a short word: the kind, with the xid and outcome for the XA ones, the rows' table. */
function word(it: TxItem): string {
  switch (it.kind) {
    case 'xa_prepare':
      return `prepare ${it.xid}${it.onePhase ? ' one phase' : ''}`
    case 'xa_end':
      return `${it.committed ? 'commit' : 'rollback'} ${it.xid}`
    case 'rows':
      return `rows ${it.event.table.table}`
    default:
      return it.kind
  }
}

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test('prepared, committed, rolled back and one-phase XA transactions', async () => {
    const { name, sql } = await freshDatabase(server, 't_bin_xa')
    await sql.query('CREATE TABLE x (id INT PRIMARY KEY)')
    const client = await BinlogClient.connect(SOURCES[server])
    clients.push(client)
    const start = await client.currentPosition()
    for (const [xid, id] of [
      ["'p1','b',7", 1],
      ["'r1'", 2],
    ] as const) {
      const s = await sqlSession(server, name)
      await s.query(`XA START ${xid}`)
      await s.query(`INSERT INTO x VALUES (${id})`)
      await s.query(`XA END ${xid}`)
      await s.query(`XA PREPARE ${xid}`)
      await s.end()
    }
    await endPrepared(sql, "XA COMMIT 'p1','b',7")
    await endPrepared(sql, "XA ROLLBACK 'r1'")
    await sql.query("XA START 'o1'")
    await sql.query('INSERT INTO x VALUES (3)')
    await sql.query("XA END 'o1'")
    await sql.query("XA COMMIT 'o1' ONE PHASE")
    await sql.end()

    const { stream, items } = await client.transactions(start, { serverId: replicaServerId(), nonBlocking: true })
    const seen: string[] = []
    let tx: string[] = []
    for await (const it of items) {
      if (it.kind === 'keepalive') continue
      tx.push(word(it))
      if (it.kind !== 'commit') continue
      // Only the transactions of this test: those with rows of x or an XA outcome.
      if (tx.some((w) => w === 'rows x' || w.startsWith('commit x') || w.startsWith('rollback x'))) seen.push(tx.join(', '))
      tx = []
    }
    stream.close()
    const oneShot = flavor === 'mysql' ? ["begin, xa_start, rows x, prepare x'6f31',x'',1 one phase, commit"] : ['begin, rows x, commit']
    expect(seen).toEqual([
      "begin, xa_start, rows x, prepare x'7031',x'62',7, commit",
      "begin, xa_start, rows x, prepare x'7231',x'',1, commit",
      "begin, commit x'7031',x'62',7, commit",
      "begin, rollback x'7231',x'',1, commit",
      ...oneShot,
    ])
  })
})
