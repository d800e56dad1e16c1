// MySQL serialization-library variable-length integers, at every length boundary.

import { describe, expect, test } from 'bun:test'
import { Cursor } from '../../../src/binlog/cursor.ts'
import { DecodeError } from '../../../src/binlog/errors.ts'
import { encodeVarInt, encodeVarUint, readVarInt, readVarUint, readVarUintOf } from '../../../src/binlog/gtid/varlen.ts'

const read = (hex: string) => readVarUint(Cursor.of(Buffer.from(hex, 'hex')))

describe('varlen unsigned', () => {
  test('values seen in a real GTID_TAGGED event', () => {
    expect(read('02')).toBe(1n)
    expect(read('80')).toBe(64n)
    expect(read('2503')).toBe(0xc9n)
    expect(read('dd04')).toBe(311n)
    expect(read('83120b')).toBe(90704n)
    expect(read('7f503043cbd06006')).toBe(1795299739906128n)
  })

  test('the readme example: 65535 in 3 bytes', () => {
    expect(encodeVarUint(65535n).toString('hex')).toBe('fbff07')
    expect(read('fbff07')).toBe(65535n)
  })

  // Largest value of each length: 7 bits per byte up to 8 bytes (56 bits), then 9 bytes for 64.
  const boundaries: [bigint, number][] = [
    [0n, 1],
    [127n, 1],
    [128n, 2],
    [(1n << 14n) - 1n, 2],
    [1n << 14n, 3],
    [(1n << 49n) - 1n, 7],
    [1n << 49n, 8],
    [(1n << 56n) - 1n, 8],
    [1n << 56n, 9],
    [(1n << 64n) - 1n, 9],
  ]
  for (const [value, length] of boundaries) {
    test(`${value} takes ${length} bytes and round-trips`, () => {
      const bytes = encodeVarUint(value)
      expect(bytes.length).toBe(length)
      const c = Cursor.of(bytes)
      expect(readVarUint(c)).toBe(value)
      expect(c.remaining).toBe(0)
    })
  }

  test('9-byte form is 0xff then the 64-bit value', () => {
    expect(encodeVarUint((1n << 64n) - 1n).toString('hex')).toBe('ffffffffffffffffff')
    expect(read('ff0100000000000000')).toBe(1n)
  })

  test('a length byte with nothing after it is a DecodeError', () => {
    expect(() => read('01')).toThrow(DecodeError)
    expect(() => read('ff00000000000000')).toThrow(DecodeError)
    expect(() => read('')).toThrow(DecodeError)
  })

  test('a value too wide for its field is a DecodeError', () => {
    expect(() => readVarUintOf(Cursor.of(encodeVarUint(256n)), 8, 'flags')).toThrow(DecodeError)
    expect(readVarUintOf(Cursor.of(encodeVarUint(255n)), 8, 'flags')).toBe(255n)
    expect(() => readVarUintOf(Cursor.of(encodeVarUint(1n << 32n)), 32, 'version')).toThrow(DecodeError)
  })
})

describe('varlen signed (zigzag)', () => {
  const cases: [bigint, string][] = [
    [0n, '00'],
    [1n, '04'],
    [-1n, '02'],
    [7n, '1c'],
    // The readme's examples, bytes written big-endian there.
    [65535n, 'f3ff0f'],
    [-65535n, 'ebff0f'],
    [-65536n, 'fbff0f'],
    [(1n << 63n) - 1n, 'fffeffffffffffffff'],
    [-(1n << 63n), 'ffffffffffffffffff'],
  ]
  for (const [value, hex] of cases) {
    test(`${value} <-> ${hex}`, () => {
      expect(encodeVarInt(value).toString('hex')).toBe(hex)
      expect(readVarInt(Cursor.of(Buffer.from(hex, 'hex')))).toBe(value)
    })
  }
})
