// Resuming from a commit position — by GTID set and by file + offset — lands on exactly the next
// transaction: nothing skipped, nothing repeated.

import { afterAll, describe, expect, test } from 'bun:test'
import { BinlogClient, type BinlogPosition, type MysqlGtidSet, type TxItem } from '../../src/binlog/index.ts'
import { SERVERS, flavorOf, SOURCES, freshDatabase, replicaServerId } from '../support/servers.ts'

const clients: BinlogClient[] = []
afterAll(() => clients.forEach((c) => c.close()))

interface Seen {
  gtid: string | null
  ids: number[]
  position: BinlogPosition
}

/** Transactions touching `db` from `from` to the current end of the binlog. */
async function read(client: BinlogClient, from: BinlogPosition, db: string): Promise<Seen[]> {
  const { stream, items } = await client.transactions(from, { serverId: replicaServerId(), nonBlocking: true })
  const out: Seen[] = []
  let ids: number[] = []
  let mine = false
  try {
    for await (const it of items as AsyncGenerator<TxItem>) {
      if (it.kind === 'begin') {
        ids = []
        mine = false
      } else if (it.kind === 'rows' && it.event.table.database === db) {
        mine = true
        for (const r of it.event.after ?? []) ids.push(r[0] as number)
      } else if (it.kind === 'commit' && mine) out.push({ gtid: it.gtid, ids, position: it.position })
    }
  } finally {
    stream.close()
  }
  return out
}

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test('resume by GTID set and by file + offset starts at the next transaction', async () => {
    const { name, sql } = await freshDatabase(server, 't_resume')
    const client = await BinlogClient.connect(SOURCES[server])
    clients.push(client)
    await sql.query('CREATE TABLE t (id INT PRIMARY KEY)')
    const start = await client.currentPosition()
    for (let i = 1; i <= 6; i++) await sql.query(`INSERT INTO t VALUES (${i * 10}), (${i * 10 + 1})`)
    if (flavor === 'mysql') {
      // A tagged GTID in the middle: the set to resume from then carries a tag.
      await sql.query("SET gtid_next = 'AUTOMATIC:chsync_resume'")
      await sql.query('INSERT INTO t VALUES (70)')
      await sql.query("SET gtid_next = 'AUTOMATIC'")
      await sql.query('INSERT INTO t VALUES (80)')
    }
    await sql.end()

    const all = await read(client, start, name)
    expect(all.map((t) => t.ids)).toEqual([
      [10, 11],
      [20, 21],
      [30, 31],
      [40, 41],
      [50, 51],
      [60, 61],
      ...(flavor === 'mysql' ? [[70], [80]] : []),
    ])
    for (const cut of [1, 3, all.length - 2]) {
      const after = all[cut]
      const expected = all.slice(cut + 1).map((t) => t.gtid)
      expect(after.position.gtidSet).not.toBeNull()
      const byGtid = await read(client, after.position, name)
      expect(byGtid.map((t) => t.gtid)).toEqual(expected)
      const byFile = await read(client, { ...after.position, gtidSet: null }, name)
      expect(byFile.map((t) => t.gtid)).toEqual(expected)
      // The set carried by the commit is the set the server had executed at that point.
      if (flavor === 'mysql') expect((after.position.gtidSet as MysqlGtidSet).contains(parseGtid(after.gtid!))).toBe(true)
    }
    if (flavor === 'mysql') {
      const tagged = all.find((t) => t.ids[0] === 70)!
      expect(tagged.gtid).toMatch(/:chsync_resume:\d+$/)
      expect(String(all[all.length - 1].position.gtidSet)).toContain(':chsync_resume:')
    }
  })
})

function parseGtid(text: string) {
  const parts = text.split(':')
  return { uuid: parts[0], tag: parts.length === 3 ? parts[1] : '', gno: BigInt(parts[parts.length - 1]) }
}
