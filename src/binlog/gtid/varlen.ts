// Variable-length integers of MySQL's serialization library (libs/mysql/serialization,
// variable_length_integers.h), used by GTID_TAGGED_LOG_EVENT and tagged GTID set encodings.
//
// 1 to 9 bytes, little-endian. The number of trailing 1 bits of the first byte, plus one, is
// the total length n. For n <= 8 the value is (first >> n) | (next n-1 bytes, LE) << (8 - n),
// i.e. 7n value bits; n = 9 (first byte 0xff) is followed by the full 64-bit value.
// Examples: 0x02 = 1; 0x25 0x03 = 201; 0x7f + 7 bytes = the 56-bit value of those 7 bytes.
// Signed integers are zigzag-coded first: x >= 0 -> 2x, x < 0 -> ((-(x+1)) << 1) | 1.

import type { Cursor } from '../cursor.ts'
import { DecodeError } from '../errors.ts'

const U64_MASK = (1n << 64n) - 1n

export function readVarUint(c: Cursor, what = 'variable-length integer'): bigint {
  const at = c.pos
  const first = c.u8()
  let n = 1
  while (n < 9 && (first >> (n - 1)) & 1) n++
  if (c.remaining < n - 1) {
    throw new DecodeError(`truncated ${what}: ${n} bytes at ${at}, have ${c.remaining + 1}`)
  }
  if (n === 1) return BigInt(first >> 1)
  const rest = c.bytes(n - 1)
  let high = 0n
  for (let k = rest.length - 1; k >= 0; k--) high = (high << 8n) | BigInt(rest[k])
  if (n === 9) return high
  return BigInt(first >> n) | (high << BigInt(8 - n))
}

export function readVarInt(c: Cursor, what?: string): bigint {
  const u = readVarUint(c, what)
  const magnitude = u >> 1n
  return u & 1n ? -magnitude - 1n : magnitude
}

/** An unsigned field of the given width in bits; a larger value is a DecodeError. */
export function readVarUintOf(c: Cursor, bits: 8 | 32 | 64, what: string): bigint {
  const at = c.pos
  const v = readVarUint(c, what)
  if (v >= 1n << BigInt(bits)) throw new DecodeError(`${what} ${v} at ${at} does not fit in ${bits} bits`)
  return v
}

export function encodeVarUint(value: bigint): Buffer {
  if (value < 0n || value > U64_MASK) throw new RangeError(`${value} is not an unsigned 64-bit integer`)
  const bits = value === 0n ? 0 : value.toString(2).length
  // 1 byte for up to 7 bits, then one more byte per 7 bits, 9 bytes for more than 56 bits.
  const n = bits <= 7 ? 1 : bits > 56 ? 9 : Math.ceil(bits / 7)
  const out = Buffer.alloc(n)
  if (n === 9) {
    out[0] = 0xff
    out.writeBigUInt64LE(value, 1)
    return out
  }
  const marker = (1 << (n - 1)) - 1
  out[0] = (marker | Number((value << BigInt(n)) & 0xffn)) & 0xff
  let high = value >> BigInt(8 - n)
  for (let k = 1; k < n; k++) {
    out[k] = Number(high & 0xffn)
    high >>= 8n
  }
  return out
}

export function encodeVarInt(value: bigint): Buffer {
  return encodeVarUint(value < 0n ? (-(value + 1n) << 1n) | 1n : value << 1n)
}
