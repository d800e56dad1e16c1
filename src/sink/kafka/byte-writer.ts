// A growing byte buffer for the Kafka wire formats: big-endian integers, the zig-zag varints of
// record batches, and places written first and filled in later (lengths, the CRC).

export class ByteWriter {
  buf: Buffer
  pos = 0

  constructor(capacity = 1 << 16) {
    this.buf = Buffer.allocUnsafe(capacity)
  }

  /** Makes room for `n` more bytes. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return
    let size = this.buf.length * 2
    while (size < this.pos + n) size *= 2
    const next = Buffer.allocUnsafe(size)
    this.buf.copy(next, 0, 0, this.pos)
    this.buf = next
  }

  int8(v: number): void {
    this.room(1)
    this.buf[this.pos++] = v & 0xff
  }

  int16(v: number): void {
    this.room(2)
    this.pos = this.buf.writeInt16BE(v, this.pos)
  }

  int32(v: number): void {
    this.room(4)
    this.pos = this.buf.writeInt32BE(v, this.pos)
  }

  int64(v: bigint): void {
    this.room(8)
    this.pos = this.buf.writeBigInt64BE(v, this.pos)
  }

  /** A signed 32-bit value as a zig-zag varint (record batches' lengths, deltas and counts). */
  varint(v: number): void {
    this.room(5)
    let u = ((v << 1) ^ (v >> 31)) >>> 0
    while (u >= 0x80) {
      this.buf[this.pos++] = (u & 0x7f) | 0x80
      u >>>= 7
    }
    this.buf[this.pos++] = u
  }

  bytes(b: Uint8Array): void {
    const n = b.length
    this.room(n)
    // Headers and keys are a few bytes: a loop beats a native call for those.
    if (n < 32) for (let i = 0; i < n; i++) this.buf[this.pos + i] = b[i]
    else this.buf.set(b, this.pos)
    this.pos += n
  }

  /** Bytes [from, to) of `src`, copied without a view object in between. */
  range(src: Buffer, from: number, to: number): void {
    const n = to - from
    this.room(n)
    if (n < 32) for (let i = 0; i < n; i++) this.buf[this.pos + i] = src[from + i]
    else src.copy(this.buf, this.pos, from, to)
    this.pos += n
  }

  /** A protocol STRING: int16 length and UTF-8 bytes (null: length -1). */
  string(s: string | null): void {
    if (s === null) return this.int16(-1)
    const n = Buffer.byteLength(s)
    this.int16(n)
    this.room(n)
    this.pos += this.buf.write(s, this.pos, 'utf8')
  }

  /** A view of everything written: valid until the writer is written to again. */
  written(): Buffer {
    return this.buf.subarray(0, this.pos)
  }
}

/** Bytes of `v` as a zig-zag varint. */
export function varintSize(v: number): number {
  let u = ((v << 1) ^ (v >> 31)) >>> 0
  let n = 1
  while (u >= 0x80) {
    u >>>= 7
    n++
  }
  return n
}
