// The RowBinary writer's primitives, byte for byte: LEB128 at its boundaries, strings whose
// length prefix grows after the text is written, growth of the buffer in the middle of a value,
// 64-bit and wide integers against BigInt's two's complement.

import { describe, expect, test } from 'bun:test'
import { CHUNK_BYTES, RowBinaryWriter } from '../../../src/sink/clickhouse/encode/index.ts'

const hex = (w: RowBinaryWriter) => w.bytes().toString('hex')

/** LEB128 computed the obvious way, as the reference. */
function leb128(n: number): string {
  const out: number[] = []
  let v = BigInt(n)
  do {
    let b = Number(v & 0x7fn)
    v >>= 7n
    if (v > 0n) b |= 0x80
    out.push(b)
  } while (v > 0n)
  return Buffer.from(out).toString('hex')
}

describe('RowBinaryWriter', () => {
  test('varint at every 7-bit boundary', () => {
    for (const n of [0, 1, 127, 128, 255, 16383, 16384, 2 ** 21 - 1, 2 ** 21, 2 ** 28 - 1, 2 ** 28, 2 ** 32 - 1, 2 ** 35, 2 ** 53 - 1]) {
      const w = new RowBinaryWriter(64)
      w.varint(n)
      expect(hex(w)).toBe(leb128(n))
    }
  })

  test('strings: ASCII, multibyte, and lengths whose prefix takes 1, 2 and 3 bytes', () => {
    const cases = [
      '',
      'a',
      'x'.repeat(42),
      'é'.repeat(42),
      'x'.repeat(43),
      'x'.repeat(127),
      'x'.repeat(128),
      '😀'.repeat(40),
      'ü日本'.repeat(3000),
      'y'.repeat(6000),
      'y'.repeat(20000),
    ]
    for (const s of cases) {
      const w = new RowBinaryWriter(64)
      w.u8(0xaa)
      w.string(s)
      w.u8(0xbb)
      const body = Buffer.from(s, 'utf8')
      expect(hex(w)).toBe('aa' + leb128(body.length) + body.toString('hex') + 'bb')
    }
  })

  test('a multibyte string right at the end of the buffer survives the prefix shift', () => {
    // 'é' * 100 is written after a one-byte prefix (100 characters) but needs two (200 bytes): the
    // text moves on by one. 'x' * 50 and 'x' * 200: no move.
    for (const s of ['é'.repeat(100), 'x'.repeat(50), 'x'.repeat(200), '😀'.repeat(50)])
      for (let fill = 0; fill < 70; fill++) {
        const w = new RowBinaryWriter(64)
        for (let i = 0; i < fill; i++) w.u8(i)
        w.string(s)
        const body = Buffer.from(s)
        expect(w.bytes().subarray(fill).toString('hex')).toBe(leb128(body.length) + body.toString('hex'))
      }
  })

  test('random strings of every width of UTF-8, lone surrogates included, at random places in a chunk', () => {
    // Lone surrogates become U+FFFD in both Buffer.from and the writer.
    const alphabet = ['a', 'Z', '0', ' ', '"', '\x7f', '\x00', 'é', 'ß', 'ø', '李', '日', '€', '😀', '𝄞', '\ud800', '\udfff']
    let seed = 15
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    for (let k = 0; k < 3000; k++) {
      const len = random(4) === 0 ? random(400) : random(24)
      const ascii = random(2) === 0
      let s = ''
      for (let i = 0; i < len; i++) s += alphabet[random(ascii && i !== len - 1 ? 4 : alphabet.length)]
      const w = new RowBinaryWriter(64)
      const fill = random(100)
      for (let i = 0; i < fill; i++) w.u8(i)
      w.string(s)
      w.u8(0xbb)
      const body = Buffer.from(s, 'utf8')
      expect(w.bytes().subarray(fill).toString('hex')).toBe(leb128(body.length) + body.toString('hex') + 'bb')
    }
  })

  test('64-bit integers from numbers and bigints', () => {
    const values = [0, 1, -1, 255, -256, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 53 - 1, -(2 ** 53) + 1, 1234567890123]
    for (const v of values) {
      const a = new RowBinaryWriter(8)
      a.i64n(v)
      const b = Buffer.alloc(8)
      b.writeBigInt64LE(BigInt(v))
      expect(hex(a)).toBe(b.toString('hex'))
    }
    const w = new RowBinaryWriter(8)
    w.u64(18446744073709551615n)
    w.i64(-9223372036854775808n)
    expect(hex(w)).toBe('ffffffffffffffff0000000000000080')
  })

  test('wide integers (Int128/Int256) from bigints and numbers', () => {
    const ref = (v: bigint, bytes: number) => {
      let x = BigInt.asUintN(bytes * 8, v)
      const out = Buffer.alloc(bytes)
      for (let i = 0; i < bytes; i++) {
        out[i] = Number(x & 0xffn)
        x >>= 8n
      }
      return out.toString('hex')
    }
    for (const bytes of [16, 32])
      for (const v of [0n, -1n, 1n, -(10n ** 37n), 10n ** 75n, -(2n ** 127n), 2n ** 128n - 1n]) {
        if (bytes === 16 && (v > 2n ** 128n - 1n || v < -(2n ** 127n))) continue
        const w = new RowBinaryWriter(4)
        w.wide(v, bytes)
        expect(hex(w)).toBe(ref(v, bytes))
        if (v >= -(2n ** 53n) && v <= 2n ** 53n) {
          const n = new RowBinaryWriter(4)
          n.wideN(Number(v), bytes)
          expect(hex(n)).toBe(ref(v, bytes))
        }
      }
  })

  test('grows from a tiny buffer and keeps what was written; take() starts over', () => {
    const w = new RowBinaryWriter(1)
    for (let i = 0; i < 10000; i++) {
      w.u32(i)
      w.f64(i / 3)
      w.bytesString(new Uint8Array([i & 255]))
    }
    const out = w.take()
    expect(out.length).toBe(10000 * 14)
    expect(out.readUInt32LE(9999 * 14)).toBe(9999)
    expect(out.readDoubleLE(9999 * 14 + 4)).toBe(9999 / 3)
    expect(w.length).toBe(0)
  })

  test('holds what it wrote plus at most one chunk: no doubling, no copies', () => {
    const w = new RowBinaryWriter()
    const row = Buffer.alloc(1000, 7)
    for (let i = 0; i < 20_000; i++) w.bytesFrom(row, 0, row.length)
    const written = 20_000 * 1002
    expect(w.length).toBe(written)
    // Each full chunk wastes less than one value at its end.
    const fullChunks = Math.ceil(written / CHUNK_BYTES)
    expect(w.capacity).toBeLessThanOrEqual(written + CHUNK_BYTES + fullChunks * 1002)
    const joined = Buffer.concat([...w.chunks()])
    expect(joined.length).toBe(written)
    expect(joined.equals(w.bytes())).toBe(true)
    expect(joined[written - 1]).toBe(7)
  })

  test('a value bigger than a chunk gets a chunk of its own, between the others', () => {
    const w = new RowBinaryWriter(64)
    const big = Buffer.alloc(3 * CHUNK_BYTES, 1)
    w.u8(9)
    w.bytesString(big)
    w.u8(8)
    const out = w.bytes()
    expect(out.length).toBe(1 + 4 + big.length + 1)
    expect(out[0]).toBe(9)
    expect(out.subarray(5, 5 + big.length).equals(big)).toBe(true)
    expect(out[out.length - 1]).toBe(8)
    expect(w.capacity).toBeLessThan(big.length + 2 * CHUNK_BYTES)
  })

  test('a byte value of a chunk or more is kept by reference, never written into', () => {
    const w = new RowBinaryWriter(64)
    const big = Buffer.alloc(CHUNK_BYTES, 7)
    w.u8(9)
    w.bytesString(big)
    const capacity = w.capacity
    w.u8(8)
    w.bytesString(big)
    // No copy of it: the writer holds the value's own memory (and its small chunks).
    expect(w.capacity).toBeLessThan(capacity + 2 * CHUNK_BYTES)
    expect([...w.chunks()].filter((c) => c.buffer === big.buffer)).toHaveLength(2)
    const before = Buffer.from(w.bytes())
    expect(before.length).toBe(2 * (1 + 3 + CHUNK_BYTES))
    // Back into the middle of the second value: what follows goes into a copy, the value stays as it was.
    w.truncate(1 + 3 + CHUNK_BYTES + 1 + 3 + 10)
    w.u8(1)
    expect(big.every((b) => b === 7)).toBe(true)
    const out = w.bytes()
    expect(out.length).toBe(1 + 3 + CHUNK_BYTES + 1 + 3 + 11)
    expect(out.subarray(0, out.length - 1).equals(before.subarray(0, out.length - 1))).toBe(true)
    expect(out[out.length - 1]).toBe(1)
  })

  test('truncate() goes back across chunks; since() gives the bytes after a mark', () => {
    const w = new RowBinaryWriter(64)
    for (let i = 0; i < 100; i++) w.u32(i)
    const mark = w.length
    for (let i = 0; i < 100_000; i++) w.u32(0xffffffff)
    expect(w.since(mark).length).toBe(400_000)
    w.truncate(mark)
    expect(w.length).toBe(mark)
    w.u16(0xabcd)
    expect(w.since(mark).toString('hex')).toBe('cdab')
    const out = w.bytes()
    expect(out.length).toBe(402)
    expect(out.readUInt32LE(99 * 4)).toBe(99)
  })
})
