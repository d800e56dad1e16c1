// The value of a MariaDB COMPRESSED column (sql/field_comp.cc), as the binlog carries it:
//   empty value: no bytes at all
//   header u8: bits 4-7 the method (0 = stored as is, 8 = zlib), for zlib bits 0-2 the size of
//     the original length and bit 3 set for a raw deflate stream (column_compression_zlib_wrap=OFF)
//   method 0: the bytes follow the header
//   zlib: the original length, big-endian, then the deflate stream

import { inflateRawSync, inflateSync } from 'node:zlib'
import { DecodeError } from '../errors.ts'

const STORED = 0
const ZLIB = 8

export function uncompressColumnValue(buf: Buffer, start: number, end: number, column: string): Buffer {
  if (start === end) return buf.subarray(start, start)
  const header = buf[start]
  const method = header >> 4
  if (method === STORED) return buf.subarray(start + 1, end)
  const fail = (why: string, cause?: unknown) =>
    new DecodeError(`COMPRESSED value ${why}`, { column }, cause === undefined ? undefined : { cause })
  if (method !== ZLIB) throw fail(`uses unknown method ${method}`)
  const lenlen = header & 0x07
  if (lenlen < 1 || lenlen > 4 || start + 1 + lenlen > end) throw fail(`has a length of ${lenlen} bytes`)
  const expected = buf.readUIntBE(start + 1, lenlen)
  const stream = buf.subarray(start + 1 + lenlen, end)
  let out: Buffer
  try {
    const opts = { maxOutputLength: Math.max(expected, 1) }
    out = header & 0x08 ? inflateRawSync(stream, opts) : inflateSync(stream, opts)
  } catch (err) {
    throw fail('does not inflate', err)
  }
  if (out.length !== expected) throw fail(`inflates to ${out.length} bytes, header says ${expected}`)
  return out
}
