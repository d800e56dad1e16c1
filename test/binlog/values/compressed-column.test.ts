// MariaDB COMPRESSED column values, byte by byte: the header forms MariaDB writes (stored as is,
// zlib with and without the zlib wrapper, 1-4 length bytes) and the broken ones, which are typed
// errors naming the column.

import { describe, expect, test } from 'bun:test'
import { deflateRawSync, deflateSync } from 'node:zlib'
import { DecodeError } from '../../../src/binlog/index.ts'
import { uncompressColumnValue } from '../../../src/binlog/values/compressed-column.ts'

const text = Buffer.from('héllo wörld '.repeat(40))

function zlibValue(data: Buffer, lenlen: number, wrapped: boolean): Buffer {
  const length = Buffer.alloc(lenlen)
  length.writeUIntBE(data.length, 0, lenlen)
  const stream = wrapped ? deflateSync(data) : deflateRawSync(data)
  return Buffer.concat([Buffer.from([0x80 | lenlen | (wrapped ? 0 : 0x08)]), length, stream])
}

const decode = (b: Buffer) => uncompressColumnValue(b, 0, b.length, 'c')

describe('COMPRESSED column values', () => {
  test('an empty value has no header', () => {
    expect(decode(Buffer.alloc(0)).length).toBe(0)
  })

  test('method 0: the bytes follow the header byte', () => {
    expect(decode(Buffer.from([0x00, 0x61, 0x62]))).toEqual(Buffer.from('ab'))
    expect(decode(Buffer.from([0x00])).length).toBe(0)
  })

  test('zlib, raw deflate and wrapped, with 1 to 4 length bytes', () => {
    for (const wrapped of [false, true]) {
      for (let lenlen = 2; lenlen <= 4; lenlen++) expect(decode(zlibValue(text, lenlen, wrapped))).toEqual(text)
      const small = text.subarray(0, 200)
      expect(decode(zlibValue(small, 1, wrapped))).toEqual(small)
    }
  })

  test('a value inside a larger buffer', () => {
    const v = zlibValue(text, 2, false)
    const buf = Buffer.concat([Buffer.from('xyz'), v, Buffer.from('tail')])
    expect(uncompressColumnValue(buf, 3, 3 + v.length, 'c')).toEqual(text)
  })

  test('broken values are DecodeErrors naming the column', () => {
    const v = zlibValue(text, 2, false)
    const wrongLength = Buffer.from(v)
    wrongLength.writeUInt16BE(text.length + 1, 1)
    const cases: [Buffer, RegExp][] = [
      [Buffer.from([0x30, 1, 2]), /unknown method 3/],
      [Buffer.from([0x80, 1, 2]), /length of 0 bytes/],
      [Buffer.from([0x84, 1]), /length of 4 bytes/],
      [v.subarray(0, v.length - 5), /does not inflate/],
      [wrongLength, new RegExp(`inflates to ${text.length} bytes, header says ${text.length + 1}`)],
      [Buffer.from([0x82, 0, 10, 1, 2, 3, 4]), /does not inflate/],
    ]
    for (const [bytes, why] of cases) {
      let err: unknown
      try {
        decode(bytes)
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(DecodeError)
      expect((err as Error).message).toMatch(why)
      expect((err as DecodeError).place.column).toBe('c')
    }
  })
})
