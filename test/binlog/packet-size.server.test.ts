// One packet from the source is bounded by what a binlog event can be (twice max_allowed_packet,
// plus a margin): past that the stream is cut with PacketTooLargeError, before the packet fills
// memory. The frame watch on raw bytes at its boundaries, then against a proxy in front of the
// real MariaDB that answers the dump with 16 MiB frames without end.

import { afterEach, describe, expect, test } from 'bun:test'
import { BinlogClient, PacketTooLargeError } from '../../src/binlog/index.ts'
import { PacketSizeWatch } from '../../src/binlog/protocol/packet-size-watch.ts'
import { maxPacketBytes } from '../../src/binlog/stream.ts'
import { SOURCES, replicaServerId, sqlSession } from '../support/servers.ts'
import { EndlessPacketProxy } from './support/endless-packet-proxy.ts'

/** A frame header: payload length u24 LE, sequence id. */
function header(length: number, seq: number): Buffer {
  const h = Buffer.alloc(4)
  h.writeUIntLE(length, 0, 3)
  h[3] = seq
  return h
}

/** Feeds `chunks` and returns the sizes the watch refused (at most one). */
function watch(limit: number, chunks: Uint8Array[]): number[] {
  const refused: number[] = []
  const w = new PacketSizeWatch(limit, (n) => refused.push(n))
  for (const c of chunks) w.feed(c)
  return refused
}

describe('PacketSizeWatch', () => {
  test('packets up to the limit pass, however they are split into chunks', () => {
    const frames = Buffer.concat([header(5, 0), Buffer.alloc(5), header(0, 1), header(7, 2), Buffer.alloc(7)])
    expect(watch(7, [frames])).toEqual([])
    // One byte at a time: the header split across chunks too.
    expect(
      watch(
        7,
        [...frames].map((b) => Uint8Array.of(b)),
      ),
    ).toEqual([])
  })

  test('a packet is counted across its full frames and ends with a shorter one', () => {
    const full = 0xffffff
    // Two full frames, then an empty one ends the packet: 2 * full bytes.
    const twoFull = [header(full, 1), Buffer.alloc(full), header(full, 2), Buffer.alloc(full), header(0, 3)]
    expect(watch(2 * full, twoFull)).toEqual([])
    expect(watch(2 * full - 1, twoFull)).toEqual([2 * full])
    // After that packet ended, the next starts from zero.
    expect(watch(2 * full, [...twoFull, header(full, 4), Buffer.alloc(full), header(1, 5), Buffer.alloc(1)])).toEqual([])
  })

  test('refused on the announcement of the frame that crosses the limit, before its bytes arrive', () => {
    expect(watch(100, [header(0xffffff, 1)])).toEqual([0xffffff])
    expect(watch(100, [header(60, 1), Buffer.alloc(60), header(101, 2)])).toEqual([101])
  })
})

describe('a source that sends one packet without end', () => {
  let proxy: EndlessPacketProxy | null = null
  afterEach(() => {
    proxy?.close()
    proxy = null
  })

  test('mariadb: the stream ends with PacketTooLargeError at twice max_allowed_packet plus 1 MiB', async () => {
    const sql = await sqlSession('mariadb10')
    const [[row]] = (await sql.query('SELECT @@global.max_allowed_packet AS m')) as unknown as [{ m: string | number }[]]
    await sql.end()
    const maxAllowed = Number(row!.m)
    proxy = await EndlessPacketProxy.start(SOURCES.mariadb10.host, SOURCES.mariadb10.port)
    const client = await BinlogClient.connect({ ...SOURCES.mariadb10, port: proxy.port })
    try {
      expect(client.info.maxAllowedPacket).toBe(maxAllowed)
      const start = await client.currentPosition()
      const { items } = await client.transactions(start, { serverId: replicaServerId() })
      const err = await (async () => {
        for await (const _ of items) throw new Error('an item came out of an endless packet')
      })().catch((e: unknown) => e)
      expect(err).toBeInstanceOf(PacketTooLargeError)
      const e = err as PacketTooLargeError
      const limit = maxPacketBytes(maxAllowed)
      expect(e.limit).toBe(limit)
      expect(limit).toBe(2 * maxAllowed + 1024 * 1024)
      expect(e.bytes).toBeGreaterThan(limit)
      expect(e.message).toStartWith(
        `the source sent a packet of more than ${e.bytes} bytes, more than a binlog event can be with max_allowed_packet = ${maxAllowed} (limit ${limit} bytes)`,
      )
      // The connection was cut: the flood stopped within a frame or two past the limit.
      await proxy.cut
      expect(proxy.sentBytes).toBeLessThanOrEqual(limit + 3 * 0x1000000)
    } finally {
      client.close()
    }
  }, 60_000)
})
