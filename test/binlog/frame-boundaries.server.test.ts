// Rows whose binlog event lands on the 16 MiB frame boundaries of the replication protocol arrive
// whole from the real servers: a dump packet (0x00 + event) of 16 MiB - 2, 16 MiB - 1 (one frame of
// 0xffffff bytes followed by an empty frame), 16 MiB, two full frames exactly (three frames, the
// last empty), and a value of 16 MiB + 1 bytes. The value sizes come from the event size of a small
// row of the same table, measured first; each value is compared by length and SHA-256 with SELECT.
// On MySQL the same events are read again over TLS.

import { afterAll, describe, expect, test } from 'bun:test'
import { createHash } from 'node:crypto'
import { BinlogClient, type StreamEvent, type StreamStart } from '../../src/binlog/index.ts'
import { allowPackets, bigValueSql, groupConcatFor } from '../support/big-row.ts'
import { SERVERS, SOURCES, freshDatabase, replicaServerId, sqlSession } from '../support/servers.ts'

const FULL = 0xffffff
const clients: BinlogClient[] = []
afterAll(() => clients.forEach((c) => c.close()))

/** The rows events of `db`.`t` from `start` to the current end of the binlog. */
async function rowsEvents(client: BinlogClient, start: StreamStart, db: string): Promise<StreamEvent[]> {
  const stream = await client.events(start, { serverId: replicaServerId(), nonBlocking: true })
  const out: StreamEvent[] = []
  try {
    for await (const ev of stream) if (ev.body.kind === 'rows' && ev.body.table.database === db) out.push(ev)
  } finally {
    stream.close()
  }
  return out
}

/** An expression of exactly `bytes` bytes that differ along the value (bigValueSql and a tail). */
function valueSql(bytes: number, salt: string): string {
  const tail = bytes % 64
  return `CONCAT(${bigValueSql(bytes - tail, salt)}, REPEAT('z', ${tail}))`
}

/** Each event's row: its id, and its value's length and SHA-256. */
function seen(events: StreamEvent[]): { id: unknown; n: number; h: string }[] {
  return events.map((e) => {
    const row = e.body.kind === 'rows' ? e.body.after![0]! : []
    const value = row[1] as Uint8Array
    return { id: row[0], n: value.length, h: createHash('sha256').update(value).digest('hex') }
  })
}

describe.each(SERVERS)('%s', (server) => {
  test('events of 16 MiB - 2 to two full frames, and a value of 16 MiB + 1, arrive whole', async () => {
    const admin = await sqlSession(server)
    await allowPackets(admin)
    await admin.end()
    // The session's max_allowed_packet is the global one as of its start.
    const { name, sql } = await freshDatabase(server, 't15_frames')
    const client = await BinlogClient.connect(SOURCES[server])
    clients.push(client)
    try {
      await sql.query(groupConcatFor(64 << 20))
      await sql.query('CREATE TABLE t (id INT PRIMARY KEY, b LONGBLOB)')
      const at = async (): Promise<StreamStart> => {
        const p = await client.currentPosition()
        return { file: p.file, offset: p.offset }
      }

      let start = await at()
      await sql.query("INSERT INTO t VALUES (0, REPEAT('a', 1000))")
      const [small] = await rowsEvents(client, start, name)
      // What an event of this table holds besides the value (headers, row image, checksum).
      const overhead = small!.header.eventSize - 1000

      const payloads = [FULL - 1, FULL, FULL + 1, 2 * FULL]
      const sizes = [...payloads.map((p) => p - 1 - overhead), (16 << 20) + 1]
      start = await at()
      for (const [i, n] of sizes.entries()) await sql.query(`INSERT INTO t VALUES (${i + 1}, ${valueSql(n, `f${i}`)})`)
      const events = await rowsEvents(client, start, name)

      expect(events.map((e) => 1 + e.header.eventSize).slice(0, 4)).toEqual(payloads)
      const [rows] = (await sql.query('SELECT id, LENGTH(b) AS n, SHA2(b, 256) AS h FROM t WHERE id > 0 ORDER BY id')) as unknown as [
        { id: number; n: string | number; h: string }[],
      ]
      const expected = rows.map((r) => ({ id: r.id, n: Number(r.n), h: r.h }))
      expect(seen(events)).toEqual(expected)
      expect(expected.map((s) => s.n)).toEqual(sizes)

      if (server === 'mysql') {
        // Over TLS (the shared MySQL has it; the MariaDB servers do not): records of at most
        // 16 KiB, so every frame header lands somewhere else in a chunk.
        const tls = await BinlogClient.connect({ ...SOURCES[server], tls: { verify: false } })
        clients.push(tls)
        const [cipher] = await tls.sql.query<{ Value: string }>("SHOW SESSION STATUS LIKE 'Ssl_cipher'")
        expect(cipher!.Value).not.toBe('')
        expect(seen(await rowsEvents(tls, start, name))).toEqual(expected)
      }

      // Later transactions keep these 100 MB out of the window of the binlog's newest
      // transactions that `chsync check` reads in other tests (see big-row.server.test.ts).
      for (let i = 1; i <= 150; i++) await sql.query(`INSERT INTO t VALUES (${-i}, 'pad')`)
    } finally {
      await sql.query(`DROP DATABASE IF EXISTS \`${name}\``)
      await sql.end()
    }
  }, 300_000)
})
