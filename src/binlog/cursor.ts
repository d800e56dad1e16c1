// A bounds-checked reader over one packet or event body: little-endian integers, MySQL
// length-encoded integers and strings. Every read past the end is a DecodeError, never garbage.

import { DecodeError } from './errors.ts'

export class Cursor {
  pos: number

  constructor(
    readonly buf: Buffer,
    start = 0,
    public end = buf.length,
  ) {
    this.pos = start
  }

  static of(bytes: Uint8Array): Cursor {
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    return new Cursor(buf)
  }

  get remaining(): number {
    return this.end - this.pos
  }

  /** Throws unless `n` more bytes are there. Returns the current position. */
  need(n: number, what = 'value'): number {
    if (n < 0 || this.pos + n > this.end) {
      throw new DecodeError(`truncated ${what}: need ${n} bytes at ${this.pos}, have ${this.end - this.pos}`)
    }
    return this.pos
  }

  skip(n: number, what?: string): void {
    this.pos = this.need(n, what) + n
  }

  u8(): number {
    const p = this.need(1)
    this.pos = p + 1
    return this.buf[p]
  }

  u16(): number {
    const p = this.need(2)
    this.pos = p + 2
    return this.buf[p] | (this.buf[p + 1] << 8)
  }

  u24(): number {
    const p = this.need(3)
    this.pos = p + 3
    return this.buf[p] | (this.buf[p + 1] << 8) | (this.buf[p + 2] << 16)
  }

  u32(): number {
    const p = this.need(4)
    this.pos = p + 4
    return this.buf.readUInt32LE(p)
  }

  u48(): number {
    const p = this.need(6)
    this.pos = p + 6
    return this.buf.readUIntLE(p, 6)
  }

  /** Unsigned 64-bit as a number; refuses values a number cannot hold exactly. */
  u64n(what = 'integer'): number {
    const v = this.u64()
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new DecodeError(`${what} ${v} is beyond 2^53`)
    return Number(v)
  }

  u64(): bigint {
    const p = this.need(8)
    this.pos = p + 8
    return this.buf.readBigUInt64LE(p)
  }

  i8(): number {
    const p = this.need(1)
    this.pos = p + 1
    return this.buf.readInt8(p)
  }

  i16(): number {
    const p = this.need(2)
    this.pos = p + 2
    return this.buf.readInt16LE(p)
  }

  i32(): number {
    const p = this.need(4)
    this.pos = p + 4
    return this.buf.readInt32LE(p)
  }

  i64(): bigint {
    const p = this.need(8)
    this.pos = p + 8
    return this.buf.readBigInt64LE(p)
  }

  /**
   * Length-encoded integer ("packed integer", net_field_length): < 0xFB is the value itself;
   * 0xFC + 2 bytes, 0xFD + 3 bytes, 0xFE + 8 bytes. 0xFB (NULL) and 0xFF are not integers here.
   */
  lenenc(what = 'length-encoded integer'): number {
    const first = this.u8()
    if (first < 0xfb) return first
    if (first === 0xfc) return this.u16()
    if (first === 0xfd) return this.u24()
    if (first === 0xfe) return this.u64n(what)
    throw new DecodeError(`invalid first byte 0x${first.toString(16)} of a ${what} at ${this.pos - 1}`)
  }

  /** Same as lenenc, for fields where all 64 bits matter. */
  lenencBig(): bigint {
    const first = this.u8()
    if (first < 0xfb) return BigInt(first)
    if (first === 0xfc) return BigInt(this.u16())
    if (first === 0xfd) return BigInt(this.u24())
    if (first === 0xfe) return this.u64()
    throw new DecodeError(`invalid first byte 0x${first.toString(16)} of a length-encoded integer at ${this.pos - 1}`)
  }

  /** A view of the next `n` bytes (no copy). */
  bytes(n: number, what?: string): Buffer {
    const p = this.need(n, what)
    this.pos = p + n
    return this.buf.subarray(p, p + n)
  }

  rest(): Buffer {
    const p = this.pos
    this.pos = this.end
    return this.buf.subarray(p, this.end)
  }

  /** `n` bytes as UTF-8 (identifiers, file names and statements are UTF-8 on the wire). */
  string(n: number, what?: string): string {
    const p = this.need(n, what)
    this.pos = p + n
    return this.buf.toString('utf8', p, p + n)
  }

  lenencString(what = 'string'): string {
    return this.string(this.lenenc(what), what)
  }

  lenencBytes(what = 'bytes'): Buffer {
    return this.bytes(this.lenenc(what), what)
  }

  /** A string ended by a 0 byte; the 0 is consumed. */
  nulString(what = 'string'): string {
    const zero = this.buf.indexOf(0, this.pos)
    if (zero < 0 || zero >= this.end) throw new DecodeError(`unterminated ${what} at ${this.pos}`)
    const s = this.buf.toString('utf8', this.pos, zero)
    this.pos = zero + 1
    return s
  }
}
