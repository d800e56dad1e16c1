// Bytes of JSON lines as they are encoded: one growing buffer, written with UTF-8 directly, so
// that a batch is one flat block of memory instead of many small strings. The JSON writers
// (json-bytes.ts) reserve room and then store bytes into `buf` at `pos` themselves.

export class LineBuffer {
  /** The bytes; replaced by a bigger one when `reserve` grows it (write after reserving). */
  buf: Buffer
  /** A buffer handed out earlier and given back: reused instead of allocating (large buffers are
   * freed late by the garbage collector, so fresh ones per batch pile up). */
  private spare: Buffer | null = null
  pos = 0

  constructor(capacity = 1 << 16) {
    this.buf = Buffer.allocUnsafe(capacity)
  }

  /** Appends text as UTF-8 (at most 3 bytes per UTF-16 unit). */
  text(s: string): void {
    this.reserve(s.length * 3)
    // Buffer.write with an explicit encoding: several times faster than TextEncoder.encodeInto here.
    this.pos += this.buf.write(s, this.pos, 'utf8')
  }

  bytes(b: Uint8Array): void {
    const n = b.length
    this.reserve(n)
    // A loop copies the short pieces of a line (names, separators) faster than set() does.
    if (n < 64) {
      const buf = this.buf
      let p = this.pos
      for (let i = 0; i < n; i++) buf[p++] = b[i]
      this.pos = p
      return
    }
    this.buf.set(b, this.pos)
    this.pos += n
  }

  byte(c: number): void {
    this.reserve(1)
    this.buf[this.pos++] = c
  }

  /** A view of bytes [from, to): valid until the buffer grows or is taken. */
  view(from: number, to: number): Uint8Array {
    return this.buf.subarray(from, to)
  }

  /**
   * Hands over everything written and starts empty. The caller owns the bytes until it gives
   * them back with `recycle`.
   */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos)
    if (this.spare && this.spare.length >= this.pos) {
      this.buf = this.spare
      this.spare = null
    } else {
      let size = 1 << 16
      while (size < this.pos + (this.pos >> 2)) size *= 2
      this.buf = Buffer.allocUnsafe(size)
    }
    this.pos = 0
    return out
  }

  /** Bytes from `take` that are no longer used: their memory serves the next batch. */
  recycle(bytes: Buffer): void {
    const whole = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.buffer.byteLength - bytes.byteOffset)
    if (!this.spare || whole.length > this.spare.length) this.spare = whole
  }

  /** Makes room for `n` more bytes after `pos`. */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return
    let size = this.buf.length * 2
    while (size < this.pos + n) size *= 2
    const bigger = Buffer.allocUnsafe(size)
    this.buf.copy(bigger, 0, 0, this.pos)
    this.buf = bigger
  }
}
