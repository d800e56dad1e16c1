// Malformed binary JSON and diff lists end in a DecodeError: never another exception, a hang, or
// a blow-up. Truncations of every captured fixture, a seeded fuzz, and hand-made hostile inputs.

import { describe, expect, test } from 'bun:test'
import { Cursor } from '../../../src/binlog/cursor.ts'
import { DecodeError } from '../../../src/binlog/errors.ts'
import { applyJsonDiffs, decodeJson, jsonText, MAX_DEPTH, readJsonDiffs } from '../../../src/binlog/values/json/index.ts'
import { bytesOf, DOCUMENTS, LARGE_DOCUMENTS, PARTIAL_UPDATES } from './support/fixtures.ts'
import { seeded } from '../../support/random.ts'

/** Runs f; returns 'ok' or 'decode-error', and fails the test on any other outcome. */
function outcome(f: () => unknown): 'ok' | 'decode-error' {
  try {
    f()
    return 'ok'
  } catch (err) {
    if (err instanceof DecodeError) return 'decode-error'
    throw err
  }
}

describe('truncation', () => {
  test('every proper prefix of every small fixture is a DecodeError (the empty one is null)', () => {
    let prefixes = 0
    for (const c of DOCUMENTS) {
      const bytes = bytesOf(c.hex)
      for (let n = 1; n < bytes.length; n++) {
        const prefix = bytes.subarray(0, n)
        expect({ name: c.name, n, outcome: outcome(() => decodeJson(prefix)) }).toEqual({ name: c.name, n, outcome: 'decode-error' })
        prefixes++
      }
    }
    expect(prefixes).toBeGreaterThan(2000)
    expect(decodeJson(Buffer.alloc(0))).toBe(null)
  })

  test('prefixes of the large fixtures, at every boundary region and a stride between', () => {
    for (const c of LARGE_DOCUMENTS) {
      const bytes = bytesOf(c.hex)
      const lengths = new Set<number>()
      for (let n = 1; n < 64; n++) lengths.add(n)
      for (let n = 1; n < bytes.length; n += 509) lengths.add(n)
      for (let n = bytes.length - 64; n < bytes.length; n++) lengths.add(n)
      for (const n of lengths) {
        expect(outcome(() => decodeJson(bytes.subarray(0, n)))).toBe('decode-error')
      }
    }
  })

  test('every proper prefix of every captured diff list is a DecodeError or the first diffs of it', () => {
    for (const c of PARTIAL_UPDATES) {
      const hex = c.event?.after.j
      if (!hex || !((c.event!.partial_bits ?? 0) & 1)) continue
      const bytes = bytesOf(hex)
      const full = readJsonDiffs(Cursor.of(bytes), bytes.length)
      for (let n = 1; n < bytes.length; n++) {
        // A cut between two diffs is a shorter valid list; anywhere else it is an error.
        try {
          const got = readJsonDiffs(Cursor.of(bytes.subarray(0, n)), n)
          expect(got.length).toBeLessThan(full.length)
          expect(got).toEqual(full.slice(0, got.length))
        } catch (err) {
          expect(err).toBeInstanceOf(DecodeError)
        }
      }
    }
  })
})

describe('fuzz', () => {
  test('random bytes: a value or a DecodeError, and the value prints', () => {
    const next = seeded(20261121)
    let decoded = 0
    for (let i = 0; i < 3000; i++) {
      const bytes = Buffer.alloc(Math.floor(next() * 48))
      for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(next() * 256)
      // Bias the first byte towards real type codes so containers get exercised.
      if (bytes.length > 0 && next() < 0.7) bytes[0] = Math.floor(next() * 16)
      if (outcome(() => jsonText(decodeJson(bytes))) === 'ok') decoded++
    }
    expect(decoded).toBeGreaterThan(100)
  })

  test('mutated fixtures: a value or a DecodeError, and the value prints', () => {
    const next = seeded(97)
    const sources = DOCUMENTS.filter((c) => c.hex.length > 4).map((c) => bytesOf(c.hex))
    let decoded = 0
    for (let i = 0; i < 4000; i++) {
      const bytes = Buffer.from(sources[Math.floor(next() * sources.length)])
      const flips = 1 + Math.floor(next() * 4)
      for (let f = 0; f < flips; f++) {
        const at = Math.floor(next() * bytes.length)
        bytes[at] = next() < 0.5 ? Math.floor(next() * 256) : bytes[at] ^ (1 << Math.floor(next() * 8))
      }
      if (outcome(() => jsonText(decodeJson(bytes))) === 'ok') decoded++
    }
    expect(decoded).toBeGreaterThan(500)
  })

  test('mutated diff lists: diffs or a DecodeError; applying them: a value or a DecodeError', () => {
    const next = seeded(4242)
    const sources = PARTIAL_UPDATES.filter((c) => c.event && (c.event.partial_bits ?? 0) & 1 && c.event.after.j)
    for (let i = 0; i < 3000; i++) {
      const c = sources[Math.floor(next() * sources.length)]
      const bytes = bytesOf(c.event!.after.j!)
      const at = Math.floor(next() * bytes.length)
      bytes[at] = Math.floor(next() * 256)
      const before = decodeJson(bytesOf(c.event!.before.j!))
      outcome(() => jsonText(applyJsonDiffs(before, readJsonDiffs(Cursor.of(bytes), bytes.length))))
    }
  })
})

describe('hostile documents', () => {
  const decodeError = (hex: string, message?: RegExp) => {
    const f = () => decodeJson(Buffer.from(hex.replace(/\s+/g, ''), 'hex'))
    expect(f).toThrow(DecodeError)
    if (message) expect(f).toThrow(message)
  }

  test('entries pointing to the same bytes cannot multiply the work', () => {
    // A chain of small arrays, each with two entries pointing to the same next array: 2^depth
    // elements from a few hundred bytes if offsets were followed blindly.
    const depth = 60
    const parts: Buffer[] = []
    // Build from the innermost array outwards; every array is [count=2, size, e1, e2] + inner.
    let inner = Buffer.from('00000400', 'hex') // empty small array (without its type byte)
    for (let d = 0; d < depth; d++) {
      const size = 4 + 2 * 3 + inner.length
      const head = Buffer.alloc(10)
      head.writeUInt16LE(2, 0)
      head.writeUInt16LE(size, 2)
      head[4] = 0x02
      head.writeUInt16LE(10, 5)
      head[7] = 0x02
      head.writeUInt16LE(10, 8)
      inner = Buffer.concat([head, inner])
    }
    parts.push(Buffer.from([0x02]), inner)
    const started = performance.now()
    expect(() => decodeJson(Buffer.concat(parts))).toThrow(/overlap/)
    expect(performance.now() - started).toBeLessThan(100)
  })

  test('nesting deeper than MAX_DEPTH', () => {
    // [[[[...]]]] with MAX_DEPTH + 10 levels, each a one-element small array.
    const levels = MAX_DEPTH + 10
    let inner = Buffer.from('00000400', 'hex')
    let type = 0x02
    for (let d = 0; d < levels; d++) {
      const head = Buffer.alloc(7)
      head.writeUInt16LE(1, 0)
      head.writeUInt16LE(7 + inner.length, 2)
      head[4] = type
      head.writeUInt16LE(7, 5)
      inner = Buffer.concat([head, inner])
      type = 0x02
    }
    expect(() => decodeJson(Buffer.concat([Buffer.from([0x02]), inner]))).toThrow(/deeper than/)
  })

  test('a value entry pointing into the header or at the container itself', () => {
    decodeError('02 0100 0700 02 0000', /outside/) // points at its own container's start
    decodeError('02 0100 0700 0c 0300', /outside/) // points into its own entry
    decodeError('02 0100 0800 0c 0700 01', /truncated JSON string/) // string runs past the container
  })

  test('counts and sizes that do not fit', () => {
    decodeError('02 ffff 0400', /do not fit/)
    decodeError('02 0000 ff00', /says 255 bytes/)
    decodeError('03 00000000 09000000', /says 9 bytes/)
    decodeError('00 0100 0400', /do not fit/)
  })

  test('keys outside their object, duplicate keys', () => {
    expect(decodeJson(Buffer.from('0001000c000b0001000401006' + '1', 'hex'))).toEqual(new Map([['a', true]]))
    decodeError('00 0100 0c00 0000 0100 040100 61', /key 0/) // key inside the header
    decodeError('00 0100 0c00 0b00 0200 040100 61', /key 0/) // key past the end
    decodeError('00 0200 1400 1200 0100 1300 0100 040100 040200 61 61', /twice/)
  })

  test('scalars', () => {
    decodeError('04 03', /literal/)
    decodeError('0d 00', /unknown JSON value type/)
    decodeError('0c 8080808010', /length/) // variable length beyond 2^32-1
    decodeError('0c 808080808001', /length/) // more than 5 bytes
    decodeError('0c 05 6162', /truncated/)
    decodeError('0f 0a 07 0000000000000000', /8 bytes/) // DATE opaque of 7 bytes
    decodeError('0f f6 02 0a02', /needs 5 bytes/) // DECIMAL(10,2) without digits
    decodeError('0f f6 03 c800 00', /impossible precision/)
    decodeError('0f f6 04 0201 ffff', /out of range/) // 0xff ^ 0x80 = 127 in a 1-digit group
  })

  test('the variable-length size may take all 5 bytes', () => {
    expect(decodeJson(Buffer.from('0c8380808000616263', 'hex'))).toBe('abc')
  })
})
