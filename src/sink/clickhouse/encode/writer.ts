// RowBinary output: a byte buffer in chunks with the primitive writes ClickHouse's RowBinary format
// is made of (little-endian fixed-width numbers, LEB128 lengths, length-prefixed strings). It is
// reused between batches; nothing is allocated per value except when a chunk is full.
//
// Chunks rather than one buffer that doubles: a doubling buffer holds up to twice what was written
// (and three times while it copies), so a batch's bytes would not say what it costs in memory.
// Chunks grow by doubling up to CHUNK_BYTES and are never copied; a write that does not fit in
// what is left of the current chunk starts the next one (a value bigger than CHUNK_BYTES gets a
// chunk of its size), so every write lands in one chunk and a writer holds at most its bytes plus
// one chunk and the unused ends of full ones. A byte value of CHUNK_BYTES or more is not copied at
// all: it becomes a chunk by reference (a 60 MB BLOB would otherwise be held twice, as the decoded
// cell and as the batch).

/** Bun's Buffer writes UTF-8 natively, faster than TextEncoder.encodeInto; not in the Node typings. */
interface NativeBuffer extends Buffer {
  utf8Write(text: string, offset: number, length?: number): number
}

const TWO32 = 4294967296
/** The largest chunk a writer allocates for ordinary writes. */
export const CHUNK_BYTES = 1 << 20

export class RowBinaryWriter {
  /** The current chunk, written up to `pos`. */
  buf: NativeBuffer
  view: DataView
  pos = 0
  /** The chunks before `buf`, each with the bytes written into it; `borrowed`: a caller's value, never written into. */
  private full: { buf: NativeBuffer; length: number; borrowed?: boolean }[] = []
  private fullBytes = 0

  constructor(capacity = 1 << 16) {
    this.buf = Buffer.allocUnsafe(Math.max(64, Math.min(capacity, CHUNK_BYTES))) as NativeBuffer
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length)
  }

  /** Bytes written so far. */
  get length(): number {
    return this.fullBytes + this.pos
  }

  /** Bytes of memory the chunks hold. */
  get capacity(): number {
    let n = this.buf.length
    for (const c of this.full) n += c.buf.length
    return n
  }

  /** The bytes written so far, as views in order, valid until the next write or reset. */
  *chunks(): Generator<Buffer> {
    for (const c of this.full) yield c.buf.subarray(0, c.length)
    if (this.pos > 0) yield this.buf.subarray(0, this.pos)
  }

  /** The bytes written so far in one buffer: a view valid until the next write or reset, or a copy when they span chunks. */
  bytes(): Buffer {
    return this.full.length === 0 ? this.buf.subarray(0, this.pos) : Buffer.concat([...this.chunks()])
  }

  /** The bytes written since `length` (a value of .length taken earlier), as bytes() gives them. */
  since(length: number): Buffer {
    if (length >= this.fullBytes) return this.buf.subarray(length - this.fullBytes, this.pos)
    return this.bytes().subarray(length)
  }

  /** A copy of the bytes written so far; the writer starts over. */
  take(): Buffer {
    const out = Buffer.from(this.bytes())
    this.reset()
    return out
  }

  reset(): void {
    this.full = []
    this.fullBytes = 0
    this.pos = 0
    // A large value's chunk is not kept for the small rows after it.
    if (this.buf.length > CHUNK_BYTES) this.use(Buffer.allocUnsafe(CHUNK_BYTES) as NativeBuffer)
  }

  /** Back to `length` (a value of .length taken earlier): what was written after it is dropped. */
  truncate(length: number): void {
    while (length < this.fullBytes) {
      const c = this.full.pop()!
      this.fullBytes -= c.length
      // A borrowed value is not ours to write into: the writer goes on in a copy of it.
      this.use(c.borrowed ? (Buffer.from(c.buf) as NativeBuffer) : c.buf)
    }
    this.pos = length - this.fullBytes
  }

  ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(n)
  }

  /** Starts a chunk with room for `n` bytes (the current one is kept as it is, when it holds any). */
  private grow(n: number): void {
    const size = Math.max(n, Math.min(this.buf.length * 2, CHUNK_BYTES))
    if (this.pos > 0) {
      this.full.push({ buf: this.buf, length: this.pos })
      this.fullBytes += this.pos
    }
    this.use(Buffer.allocUnsafe(size) as NativeBuffer)
    this.pos = 0
  }

  /** `b` as a chunk of its own between the current one and a fresh one. */
  private borrow(b: Uint8Array): void {
    if (this.pos > 0) {
      this.full.push({ buf: this.buf, length: this.pos })
      this.fullBytes += this.pos
      this.use(Buffer.allocUnsafe(1 << 16) as NativeBuffer)
      this.pos = 0
    }
    this.full.push({ buf: Buffer.from(b.buffer, b.byteOffset, b.length) as NativeBuffer, length: b.length, borrowed: true })
    this.fullBytes += b.length
  }

  private use(buf: NativeBuffer): void {
    this.buf = buf
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.length)
  }

  u8(v: number): void {
    if (this.pos + 1 > this.buf.length) this.grow(1)
    this.buf[this.pos++] = v
  }

  u16(v: number): void {
    if (this.pos + 2 > this.buf.length) this.grow(2)
    const b = this.buf
    const p = this.pos
    b[p] = v
    b[p + 1] = v >>> 8
    this.pos = p + 2
  }

  /** Int32 or UInt32: the low 32 bits of `v`. */
  u32(v: number): void {
    if (this.pos + 4 > this.buf.length) this.grow(4)
    const b = this.buf
    const p = this.pos
    b[p] = v
    b[p + 1] = v >>> 8
    b[p + 2] = v >>> 16
    b[p + 3] = v >>> 24
    this.pos = p + 4
  }

  /** Int64 or UInt64 from a safe integer (|v| <= 2^53), two's complement. */
  i64n(v: number): void {
    if (this.pos + 8 > this.buf.length) this.grow(8)
    const lo = v >>> 0
    const hi = Math.floor(v / TWO32) >>> 0
    const b = this.buf
    const p = this.pos
    b[p] = lo
    b[p + 1] = lo >>> 8
    b[p + 2] = lo >>> 16
    b[p + 3] = lo >>> 24
    b[p + 4] = hi
    b[p + 5] = hi >>> 8
    b[p + 6] = hi >>> 16
    b[p + 7] = hi >>> 24
    this.pos = p + 8
  }

  i64(v: bigint): void {
    if (this.pos + 8 > this.buf.length) this.grow(8)
    this.view.setBigInt64(this.pos, v, true)
    this.pos += 8
  }

  u64(v: bigint): void {
    if (this.pos + 8 > this.buf.length) this.grow(8)
    this.view.setBigUint64(this.pos, v, true)
    this.pos += 8
  }

  /** A two's complement integer of `bytes` bytes (16 or 32: Int128/Int256, Decimal128/256). */
  wide(v: bigint, bytes: number): void {
    if (this.pos + bytes > this.buf.length) this.grow(bytes)
    let x = BigInt.asUintN(bytes * 8, v)
    for (let k = 0; k < bytes; k += 8) {
      this.view.setBigUint64(this.pos + k, BigInt.asUintN(64, x), true)
      x >>= 64n
    }
    this.pos += bytes
  }

  /** A wide integer from a safe integer: the low 8 bytes, then the sign extension. */
  wideN(v: number, bytes: number): void {
    this.i64n(v)
    const fill = v < 0 ? 0xff : 0
    this.ensure(bytes - 8)
    this.buf.fill(fill, this.pos, this.pos + bytes - 8)
    this.pos += bytes - 8
  }

  f32(v: number): void {
    if (this.pos + 4 > this.buf.length) this.grow(4)
    this.view.setFloat32(this.pos, v, true)
    this.pos += 4
  }

  f64(v: number): void {
    if (this.pos + 8 > this.buf.length) this.grow(8)
    this.view.setFloat64(this.pos, v, true)
    this.pos += 8
  }

  /** Unsigned LEB128, as RowBinary prefixes lengths and array sizes. */
  varint(n: number): void {
    if (this.pos + 10 > this.buf.length) this.grow(10)
    const b = this.buf
    let p = this.pos
    while (n >= 0x80) {
      b[p++] = (n & 0x7f) | 0x80
      n = Math.floor(n / 128)
    }
    b[p++] = n
    this.pos = p
  }

  /** A String: LEB128 byte length, then the UTF-8 bytes. */
  string(s: string): void {
    const len = s.length
    // A few characters (ENUM labels, codes) copy faster in a loop than through a native call.
    if (len <= 8) return this.shortString(s)
    const max = len * 3
    if (len < 0x80) {
      // The UTF-8 length is len..3 len: a one-byte length is the likely one, written after the
      // bytes; the rare text that turns out longer is moved one byte on.
      if (this.pos + max + 2 > this.buf.length) this.grow(max + 2)
      const b = this.buf
      const n = b.utf8Write(s, this.pos + 1)
      if (n < 0x80) {
        b[this.pos] = n
        this.pos += 1 + n
        return
      }
      b.copy(b, this.pos + 2, this.pos + 1, this.pos + 1 + n)
      b[this.pos] = (n & 0x7f) | 0x80
      b[this.pos + 1] = n >>> 7
      this.pos += 2 + n
      return
    }
    const room = varintSize(max)
    if (this.pos + room + max + 10 > this.buf.length) this.grow(room + max + 10)
    const start = this.pos + room
    const n = this.buf.utf8Write(s, start)
    const size = varintSize(n)
    if (size !== room) this.buf.copy(this.buf, this.pos + size, start, start + n)
    this.varint(n)
    this.pos += n
  }

  private shortString(s: string): void {
    const len = s.length
    if (this.pos + 1 + len * 3 > this.buf.length) this.grow(1 + len * 3)
    const b = this.buf
    const p = this.pos + 1
    let i = 0
    for (; i < len; i++) {
      const c = s.charCodeAt(i)
      if (c >= 0x80) break
      b[p + i] = c
    }
    const n = i === len ? len : b.utf8Write(s, p)
    b[p - 1] = n
    this.pos = p + n
  }

  /**
   * A String holding bytes as they are. From CHUNK_BYTES on they are kept by reference: they must not
   * change until the batch is sent (decoded values are views of the packet they came in, which
   * nothing writes to again).
   */
  bytesString(b: Uint8Array): void {
    this.varint(b.length)
    if (b.length >= CHUNK_BYTES) return this.borrow(b)
    if (this.pos + b.length > this.buf.length) this.grow(b.length)
    this.buf.set(b, this.pos)
    this.pos += b.length
  }

  /** A String holding the bytes buf[start..end) as they are. */
  bytesFrom(buf: Uint8Array, start: number, end: number): void {
    const n = end - start
    this.varint(n)
    if (this.pos + n > this.buf.length) this.grow(n)
    const b = this.buf
    let p = this.pos
    // Short values (most text columns) copy faster in a loop than through a native call.
    if (n < 48) for (let i = start; i < end; i++) b[p++] = buf[i]
    else {
      b.set(buf.subarray(start, end), p)
      p += n
    }
    this.pos = p
  }

  /** Raw bytes without a length prefix. */
  raw(b: Uint8Array): void {
    if (this.pos + b.length > this.buf.length) this.grow(b.length)
    this.buf.set(b, this.pos)
    this.pos += b.length
  }
}

export function varintSize(n: number): number {
  let size = 1
  while (n >= 0x80) {
    n = Math.floor(n / 128)
    size++
  }
  return size
}
