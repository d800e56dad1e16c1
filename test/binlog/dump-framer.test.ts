// The dump's framing on raw bytes: recorded events (test/binlog/fixtures, captured from the real
// servers) framed as the server frames them, split into chunks at every byte boundary; events of
// several 16 MiB frames, split around every frame boundary; sequence ids, the size limit, and
// frames that contradict the event header.

import { describe, expect, test } from 'bun:test'
import { DumpFramer } from '../../src/binlog/protocol/dump-framer.ts'
import mariadbEvents from './fixtures/events-mariadb.json'
import mysqlEvents from './fixtures/events-mysql.json'

const FULL = 0xffffff

/** Frames of one packet as the server writes them: full frames, then a shorter one (maybe empty). */
function frame(payload: Buffer, seq: { next: number }): Buffer[] {
  const out: Buffer[] = []
  let p = 0
  for (;;) {
    const n = Math.min(FULL, payload.length - p)
    const h = Buffer.alloc(4)
    h.writeUIntLE(n, 0, 3)
    h[3] = seq.next
    seq.next = (seq.next + 1) & 0xff
    out.push(h, payload.subarray(p, p + n))
    p += n
    if (n < FULL) return out
  }
}

function dump(payloads: Buffer[], firstSeq = 1): Buffer {
  const seq = { next: firstSeq }
  return Buffer.concat(payloads.flatMap((p) => frame(p, seq)))
}

interface Seen {
  packets: Buffer[]
  other: Buffer[]
  tooLarge: number[]
  malformed: string[]
}

function run(chunks: Buffer[], limit = 1 << 30): Seen {
  const seen: Seen = { packets: [], other: [], tooLarge: [], malformed: [] }
  const framer = new DumpFramer(limit, {
    onPacket: (p) => seen.packets.push(p),
    onOther: (rest) => seen.other.push(rest),
    onTooLarge: (n) => seen.tooLarge.push(n),
    onMalformed: (m) => seen.malformed.push(m),
  })
  for (const c of chunks) {
    // After the hand-over, the bytes go to whoever took the rest (mysql2's parser).
    if (seen.other.length) seen.other[0] = Buffer.concat([seen.other[0]!, c])
    else framer.feed(c)
  }
  return seen
}

/** An event packet: the OK marker, then an event whose header says it is `size` bytes long. */
function eventPacket(size: number, fill: number): Buffer {
  const p = Buffer.alloc(1 + size)
  for (let i = 0; i < p.length; i += 4096) p[i] = (i >>> 12) + fill
  p[0] = 0
  p[5] = 0x1e // WRITE_ROWS
  p.writeUInt32LE(size, 10)
  return p
}

const recorded = [...mysqlEvents.events, ...mariadbEvents.events].map((e) => Buffer.concat([Buffer.of(0), Buffer.from(e.hex, 'hex')]))
const EOF = Buffer.from('fe00000200', 'hex')

describe('DumpFramer', () => {
  test('recorded events come out whole, as views into the chunk when it holds them', () => {
    const bytes = dump(recorded)
    const seen = run([bytes])
    expect(seen.packets).toEqual(recorded)
    for (const p of seen.packets) expect(p.buffer).toBe(bytes.buffer)
  })

  test('recorded events split into two chunks at every byte boundary, and one byte at a time', () => {
    const bytes = dump([...recorded, EOF])
    for (let k = 0; k <= bytes.length; k++) {
      const seen = run([bytes.subarray(0, k), bytes.subarray(k)])
      expect(seen.packets).toEqual(recorded)
      // The EOF packet goes back whole, from its frame header on.
      expect(seen.other).toEqual([bytes.subarray(bytes.length - 4 - EOF.length)])
      expect(seen.malformed).toEqual([])
    }
    const bytewise = run([...bytes].map((b) => Buffer.of(b)))
    expect(bytewise.packets).toEqual(recorded)
    expect(bytewise.other.length).toBe(1)
  })

  test('sequence ids wrap at 256; one out of order stops the framer, naming both', () => {
    const many = Array.from({ length: 600 }, (_, i) => recorded[i % recorded.length]!)
    expect(run([dump(many)]).packets.length).toBe(600)
    const bytes = dump(recorded.slice(0, 3))
    bytes[4 + recorded[0]!.length + 3] = 7
    const seen = run([bytes])
    expect(seen.packets).toEqual([recorded[0]!])
    expect(seen.malformed).toEqual(['frame with sequence id 7 where 2 was due'])
  })

  test('events at the 16 MiB frame boundaries and over three frames', () => {
    // Payloads of 16 MiB - 2, 16 MiB - 1 (one frame), 16 MiB (a full frame and an empty one),
    // 16 MiB + 1, and two full frames plus 100 bytes (three frames).
    const sizes = [FULL - 1, FULL, FULL + 1, FULL + 2, 2 * FULL + 101]
    const packets = sizes.map((n, i) => eventPacket(n - 1, i + 1))
    const all = [recorded[0]!, ...packets, recorded[1]!]
    const bytes = dump(all)
    const whole = run([bytes])
    expect(whole.packets.map((p) => p.length)).toEqual(all.map((p) => p.length))
    expect(whole.packets.every((p, i) => p.equals(all[i]!))).toBe(true)

    // Each packet of several frames is one buffer of exactly its size, allocated once.
    for (const p of whole.packets.slice(2, 6)) expect(p.buffer.byteLength).toBe(p.length)

    // 64 KiB chunks, as a socket gives them.
    const chunks: Buffer[] = []
    for (let p = 0; p < bytes.length; p += 65536) chunks.push(bytes.subarray(p, p + 65536))
    expect(run(chunks).packets.every((p, i) => p.equals(all[i]!))).toBe(true)
  }, 60_000)

  test('an event over three frames, split into two chunks at the byte boundaries around each frame header', () => {
    const all = [recorded[0]!, eventPacket(2 * FULL + 100, 7), recorded[1]!]
    const bytes = dump(all)
    // Where the frame headers start: the recorded event's, the three frames', the last event's.
    const first = 4 + all[0]!.length
    const headers = [first, first + 4 + FULL, first + 2 * (4 + FULL), first + 3 * 4 + all[1]!.length]
    const cuts = new Set<number>()
    // Around every header; after the first frame's header, through the event header (its size).
    for (const h of headers) for (let k = h - 1; k <= h + 4; k++) cuts.add(k)
    for (let k = first + 5; k <= first + 4 + 15; k++) cuts.add(k)
    for (const k of cuts) {
      const seen = run([bytes.subarray(0, k), bytes.subarray(k)])
      expect(seen.malformed).toEqual([])
      expect(seen.packets.length).toBe(all.length)
      expect(seen.packets.every((p, i) => p.equals(all[i]!))).toBe(true)
    }
    // Each cut copies 32 MiB: seconds on a busy machine.
  }, 60_000)

  test('an event announced over the limit is refused before its bytes arrive', () => {
    const big = eventPacket(3 * FULL, 0)
    // Only the first frame's header and the event header are fed.
    const head = dump([big]).subarray(0, 4 + 14)
    expect(run([head], 2 * FULL)).toMatchObject({ packets: [], tooLarge: [3 * FULL + 1] })
    // A single frame over the limit too.
    expect(run([dump([recorded[0]!])], recorded[0]!.length - 1).tooLarge).toEqual([recorded[0]!.length])
    expect(run([dump([recorded[0]!])], recorded[0]!.length).packets.length).toBe(1)
  })

  test('frames that contradict the event header stop the framer', () => {
    // Full frames without end: refused on the frame header that runs past the announced size.
    const announced = eventPacket(FULL + 10, 0)
    const endless = dump([Buffer.concat([announced, Buffer.alloc(FULL)])])
    expect(run([endless]).malformed).toEqual([`a packet runs past the ${FULL + 11} bytes its event header announces`])
    // Ending short.
    const short = dump([announced.subarray(0, FULL + 5)])
    expect(run([short]).malformed).toEqual([`a packet ends after ${FULL + 5} of the ${FULL + 11} bytes its event header announces`])
    // Full frames announcing a small event.
    const small = eventPacket(FULL + 10, 0)
    small.writeUInt32LE(100, 10)
    expect(run([dump([small])]).malformed).toEqual(['a packet of full frames whose event header announces only 100 bytes'])
    // A packet of full frames that is not an event.
    const notEvent = eventPacket(FULL + 10, 0)
    notEvent[0] = 0xff
    expect(run([dump([notEvent])]).malformed).toEqual(['a packet of 16 MiB or more that is not an event (marker 0xff)'])
  })
})
