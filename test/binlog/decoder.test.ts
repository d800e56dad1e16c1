// Byte-level tests of framing, CRC32, length-encoded integers and the DECIMAL/TIME2/DATETIME2/
// TIMESTAMP2 decoders, on events captured from the real servers (fixtures/capture-events.ts),
// and a fuzz test: random, truncated and mutated bytes only ever give typed errors.

import { describe, expect, test } from 'bun:test'
import {
  BinlogError,
  CharsetRegistry,
  ChecksumError,
  Cursor,
  DecodeError,
  EventDecoder,
  EventType,
  type Flavor,
  UnknownEventError,
} from '../../src/binlog/index.ts'
import type { Row } from '../../src/model/index.ts'
import mariadb from './fixtures/events-mariadb.json'
import mysql from './fixtures/events-mysql.json'
import { seeded } from '../support/random.ts'

const FIXTURES: Record<Flavor, typeof mysql> = { mysql, mariadb }

function decoderFor(): EventDecoder {
  return new EventDecoder({ charsets: new CharsetRegistry(), checksum: 'crc32' })
}

function eventBytes(f: typeof mysql): { offset: number; bytes: Buffer }[] {
  return f.events.map((e) => ({ offset: e.offset, bytes: Buffer.from(e.hex, 'hex') }))
}

describe('length-encoded integers at every boundary', () => {
  const cases: [string, number][] = [
    ['00', 0],
    ['fa', 250],
    ['fcfb00', 251],
    ['fcffff', 65535],
    ['fd000001', 65536],
    ['fdffffff', 16777215],
    ['fe0000000100000000', 16777216],
    ['feffffffffffff1f00', Number.MAX_SAFE_INTEGER],
  ]
  for (const [hex, value] of cases) {
    test(`${hex} is ${value}`, () => {
      const c = Cursor.of(Buffer.from(hex, 'hex'))
      expect(c.lenenc()).toBe(value)
      expect(c.remaining).toBe(0)
    })
  }
  test('all 64 bits through lenencBig', () => {
    expect(Cursor.of(Buffer.from('feffffffffffffffff', 'hex')).lenencBig()).toBe(18446744073709551615n)
  })
  test('NULL marker, 0xff and short encodings are DecodeErrors', () => {
    for (const hex of ['fb', 'ff', 'fc00', 'fd0000', 'fe00000000000000', '', 'feffffffffffffff7f']) {
      expect(() => Cursor.of(Buffer.from(hex, 'hex')).lenenc()).toThrow(DecodeError)
    }
  })
})

describe.each(['mysql', 'mariadb'] as const)('%s captured events', (flavor) => {
  const fixture = FIXTURES[flavor]
  const events = eventBytes(fixture)

  test('decode to exactly what SELECT printed (DECIMAL, TIME2, DATETIME2, TIMESTAMP2)', () => {
    const d = decoderFor()
    const tables = new Map<string, Map<number, Row>>()
    const types: number[] = []
    for (const { offset, bytes } of events) {
      const ev = d.decode(bytes, 0, bytes.length, fixture.file, offset)
      types.push(ev.header.type)
      expect(ev.header.eventSize).toBe(bytes.length)
      if (ev.body.kind !== 'rows') continue
      const name = ev.body.table.table
      let rows = tables.get(name)
      if (!rows) tables.set(name, (rows = new Map()))
      for (const r of ev.body.before ?? []) rows.delete(r[0] as number)
      for (const r of ev.body.after ?? []) rows.set(r[0] as number, r)
    }
    expect(types[0]).toBe(EventType.FORMAT_DESCRIPTION)
    expect(d.checksum).toBe('crc32')
    const asText = (m: Map<number, Row> | undefined) =>
      [...(m ?? new Map<number, Row>()).values()]
        .sort((a, b) => Number(a[0]) - Number(b[0]))
        .map((r) => r.map((v, i) => (i === 0 ? v : String(v))))
    expect(asText(tables.get('d'))).toEqual(fixture.select[0] as never)
    expect(asText(tables.get('t'))).toEqual(fixture.select[1] as never)
  })

  test('a flipped byte is a ChecksumError naming the file and offset', () => {
    const d = decoderFor()
    d.decode(events[0].bytes, 0, events[0].bytes.length, fixture.file, events[0].offset)
    const { offset, bytes } = events[events.length - 1]
    const bad = Buffer.from(bytes)
    bad[25] ^= 0x01
    let err: unknown
    try {
      d.decode(bad, 0, bad.length, fixture.file, offset)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ChecksumError)
    expect((err as ChecksumError).place).toMatchObject({ file: fixture.file, offset })
    expect((err as Error).message).toContain(`${fixture.file}:${offset}`)
  })

  test('every truncation and a seeded fuzz of every event give typed errors only', () => {
    const rand = seeded(flavor === 'mysql' ? 1 : 2)
    let typed = 0
    let decoded = 0
    const tryDecode = (d: EventDecoder, buf: Buffer) => {
      // The header's size is made to match, so the body decoders see the damage (no checksum).
      if (buf.length >= 13) buf.writeUInt32LE(buf.length, 9)
      try {
        d.decode(buf, 0, buf.length, fixture.file, 0, false)
        decoded++
      } catch (err) {
        if (!(err instanceof BinlogError)) throw err
        typed++
      }
    }
    const deadline = Date.now() + 4000
    for (const { bytes } of events) {
      const body = bytes.subarray(0, bytes.length - 4)
      for (let n = 0; n < body.length; n++) tryDecode(primed(events), Buffer.from(body.subarray(0, n)))
      for (let k = 0; k < 200 && Date.now() < deadline; k++) {
        const m = Buffer.from(body)
        for (let j = 0; j < 1 + (k % 4); j++) m[19 + Math.floor(rand() * (m.length - 19))] = Math.floor(rand() * 256)
        tryDecode(primed(events), m)
      }
    }
    for (let k = 0; k < 3000 && Date.now() < deadline; k++) {
      const m = Buffer.alloc(19 + Math.floor(rand() * 200))
      for (let j = 0; j < m.length; j++) m[j] = Math.floor(rand() * 256)
      m[4] = k % 256
      tryDecode(primed(events), m)
    }
    expect(typed).toBeGreaterThan(1000)
    expect(decoded).toBeGreaterThan(0)
  })

  test('an unknown event is an error unless the server marked it ignorable', () => {
    const d = primed(events)
    const ev = Buffer.alloc(19 + 4)
    ev[4] = 99
    ev.writeUInt32LE(ev.length, 9)
    expect(() => d.decode(ev, 0, ev.length, 'x', 0, false)).toThrow(UnknownEventError)
    ev.writeUInt16LE(0x80, 17)
    expect(d.decode(ev, 0, ev.length, 'x', 0, false).body).toEqual({ kind: 'skipped', type: 99 })
    expect(d.skipped.get(99)).toBe(1)
  })
})

/** A decoder that has seen the file's format description and table maps. */
function primed(events: { bytes: Buffer }[]): EventDecoder {
  const d = decoderFor()
  for (const { bytes } of events) {
    const type = bytes[4]
    if (type === EventType.FORMAT_DESCRIPTION || type === EventType.TABLE_MAP) d.decode(bytes, 0, bytes.length)
  }
  return d
}
