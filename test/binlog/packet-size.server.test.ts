// One packet from the source is bounded by what a binlog event can be (twice max_allowed_packet,
// plus a margin): past that the stream is cut with PacketTooLargeError, before the packet fills
// memory; and a packet that runs past the size its event header announces is cut as malformed.
// Against a proxy in front of the real MariaDB that answers the dump with 16 MiB frames without
// end (the framing on raw bytes: dump-framer.test.ts).

import { afterEach, describe, expect, test } from 'bun:test'
import { BinlogClient, PacketTooLargeError, ReplicationError } from '../../src/binlog/index.ts'
import { maxPacketBytes } from '../../src/binlog/stream.ts'
import { SOURCES, replicaServerId, sqlSession } from '../support/servers.ts'
import { EndlessPacketProxy } from './support/endless-packet-proxy.ts'

describe('a source that sends one packet without end', () => {
  let proxy: EndlessPacketProxy | null = null
  afterEach(() => {
    proxy?.close()
    proxy = null
  })

  /** The error the stream ended with when the proxy floods the dump with `eventBytes` announced. */
  async function endlessDump(eventBytes: number): Promise<unknown> {
    proxy = await EndlessPacketProxy.start(SOURCES.mariadb10.host, SOURCES.mariadb10.port, eventBytes)
    const client = await BinlogClient.connect({ ...SOURCES.mariadb10, port: proxy.port })
    try {
      const start = await client.currentPosition()
      const { items } = await client.transactions(start, { serverId: replicaServerId() })
      return await (async () => {
        for await (const _ of items) throw new Error('an item came out of an endless packet')
      })().catch((e: unknown) => e)
    } finally {
      client.close()
    }
  }

  test('mariadb: an event announced over twice max_allowed_packet plus 1 MiB ends the stream with PacketTooLargeError', async () => {
    const sql = await sqlSession('mariadb10')
    const [[row]] = (await sql.query('SELECT @@global.max_allowed_packet AS m')) as unknown as [{ m: string | number }[]]
    await sql.end()
    const maxAllowed = Number(row!.m)
    const limit = maxPacketBytes(maxAllowed)
    expect(limit).toBe(2 * maxAllowed + 1024 * 1024)
    const err = await endlessDump(limit)
    expect(err).toBeInstanceOf(PacketTooLargeError)
    const e = err as PacketTooLargeError
    expect(e.limit).toBe(limit)
    // The OK marker and the event: one byte over the limit.
    expect(e.bytes).toBe(limit + 1)
    expect(e.message).toStartWith(
      `the source announced a packet of ${limit + 1} bytes, more than a binlog event can be with max_allowed_packet = ${maxAllowed} (limit ${limit} bytes)`,
    )
    // The connection was cut on the announcement, within the first frames.
    await proxy!.cut
    expect(proxy!.sentBytes).toBeLessThanOrEqual(3 * 0x1000000)
  }, 60_000)

  test('mariadb: frames that run past the event their header announces end the stream as malformed', async () => {
    const err = await endlessDump(20 << 20)
    expect(err).toBeInstanceOf(ReplicationError)
    expect((err as Error).message).toStartWith(
      `malformed frames from the source: a packet runs past the ${(20 << 20) + 1} bytes its event header announces, after `,
    )
    await proxy!.cut
    expect(proxy!.sentBytes).toBeLessThanOrEqual(4 * 0x1000000)
  }, 60_000)
})
