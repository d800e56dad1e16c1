// A growing byte buffer that JSON text is written into, then decoded to a string once at the end
// (cheaper than concatenating many small strings, each a rope node to allocate and then flatten)
// or handed over as bytes where it lies (JsonText): documents handed over stay in the buffer, the
// next one is written after them, and a full buffer is left to them for a new one. So a document
// costs no copy and no allocation but its JsonText.
//
// String bytes are copied as they are (escaped as text.ts escapes) and the whole text is decoded
// as UTF-8 once. That equals decoding each string on its own and joining: every string ends at an
// ASCII quote, which a decoder never takes into a sequence, so an invalid or cut-off sequence
// turns into the same U+FFFD either way; and escaping before decoding escapes the same characters,
// since UTF-8 puts no byte below 0x80 inside a multi-byte sequence.

import { JsonText, isUtf8 } from '../../../model/index.ts'
import type { SlicingBuffer } from '../charsets.ts'

const HEX = '0123456789abcdef'

/**
 * Room of a new buffer. Every document handed over keeps its buffer alive: small enough that a
 * few documents kept long hold little, large enough that a new one is rare.
 */
const SLAB_BYTES = 16 * 1024

export class JsonTextWriter {
  private buf = Buffer.allocUnsafe(SLAB_BYTES) as SlicingBuffer
  /** Where the document being written starts: the bytes before it were handed over. */
  private start = 0
  private len = 0
  /** Whether a byte of 0x80 or above was written (the text then needs a UTF-8 decode). */
  private wide = false

  /** Starts the next document, dropping what was written since the last reset or hand-over. */
  reset(): void {
    this.len = this.start
    this.wide = false
    // A large document's room is not kept for the small ones after it (nor kept alive by them).
    if (this.buf.length > 1 << 20) {
      this.buf = Buffer.allocUnsafe(SLAB_BYTES) as SlicingBuffer
      this.start = this.len = 0
    }
  }

  /** The text written since the last reset. */
  text(): string {
    return this.wide ? this.buf.utf8Slice(this.start, this.len) : this.buf.latin1Slice(this.start, this.len)
  }

  /**
   * The document written since the last reset, as the UTF-8 bytes of text(): the bytes written
   * where they are when they are well-formed UTF-8 (always, for what MySQL stores), else those of
   * the decoded text, whose invalid sequences became U+FFFD. They are never written again.
   */
  handOver(): JsonText {
    if (this.wide && !isUtf8(this.buf, this.start, this.len)) return JsonText.ofText(this.text())
    const doc = JsonText.of(this.buf, this.start, this.len)
    this.start = this.len
    return doc
  }

  /** Bytes written since the last reset. */
  get length(): number {
    return this.len - this.start
  }

  /** The bytes written since the last reset (a view, valid until the next write). */
  written(): Uint8Array {
    return this.buf.subarray(this.start, this.len)
  }

  /** src[from, to) as it is: text printed before (key templates), so `wide` stays as it was. */
  chunk(src: Uint8Array, from: number, to: number): void {
    const n = to - from
    if (this.len + n > this.buf.length) this.grow(n)
    const buf = this.buf
    let p = this.len
    for (let i = from; i < to; i++) buf[p++] = src[i]
    this.len = p
  }

  byte(b: number): void {
    if (this.len === this.buf.length) this.grow(1)
    this.buf[this.len++] = b
  }

  /** Two bytes (the separators ", " and ": "). */
  pair(a: number, b: number): void {
    if (this.len + 2 > this.buf.length) this.grow(2)
    this.buf[this.len] = a
    this.buf[this.len + 1] = b
    this.len += 2
  }

  /** An ASCII string (numbers, literals, separators). */
  ascii(s: string): void {
    const n = s.length
    if (this.len + n > this.buf.length) this.grow(n)
    const buf = this.buf
    let p = this.len
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i)
    this.len = p
  }

  /** A non-negative integer below 2^32, in decimal. */
  uint(v: number): void {
    if (v < 10) return this.byte(0x30 + v)
    // Past int32 (rare) the digits would need double arithmetic: String() makes them.
    if (v > 0x7fffffff) return this.ascii(String(v))
    if (this.len + 10 > this.buf.length) this.grow(10)
    let digits = 2
    for (let t = (v / 100) | 0; t > 0; t = (t / 10) | 0) digits++
    const buf = this.buf
    let p = this.len + digits
    this.len = p
    do {
      const q = (v / 10) | 0
      buf[--p] = 0x30 + (v - q * 10)
      v = q
    } while (v > 0)
  }

  /** An integer in [-2^31, 2^32), in decimal. */
  int(v: number): void {
    if (v < 0) {
      this.byte(0x2d)
      v = -v
    }
    this.uint(v)
  }

  /** src[start, end) as a JSON string: quoted, with `"`, `\` and bytes below 0x20 escaped as MySQL does. */
  quoted(src: Buffer, start: number, end: number): void {
    // Worst case every byte becomes \u00xx.
    if (this.len + 2 + 6 * (end - start) > this.buf.length) this.grow(2 + 6 * (end - start))
    const buf = this.buf
    let p = this.len
    buf[p++] = 0x22
    for (let i = start; i < end; i++) {
      const c = src[i]
      if (c >= 0x80) {
        this.wide = true
        buf[p++] = c
      } else if (c >= 0x20 && c !== 0x22 && c !== 0x5c) {
        buf[p++] = c
      } else {
        buf[p++] = 0x5c
        switch (c) {
          case 0x22:
          case 0x5c:
            buf[p++] = c
            break
          case 0x08:
            buf[p++] = 0x62 // b
            break
          case 0x09:
            buf[p++] = 0x74 // t
            break
          case 0x0a:
            buf[p++] = 0x6e // n
            break
          case 0x0c:
            buf[p++] = 0x66 // f
            break
          case 0x0d:
            buf[p++] = 0x72 // r
            break
          default:
            buf[p++] = 0x75 // u00xx
            buf[p++] = 0x30
            buf[p++] = 0x30
            buf[p++] = HEX.charCodeAt(c >> 4)
            buf[p++] = HEX.charCodeAt(c & 15)
        }
      }
    }
    buf[p++] = 0x22
    this.len = p
  }

  /** Moves the document being written into a new buffer with room for `need` more bytes. */
  private grow(need: number): void {
    const written = this.len - this.start
    const next = Buffer.allocUnsafe(Math.max(SLAB_BYTES, 2 * written + need)) as SlicingBuffer
    this.buf.copy(next, 0, this.start, this.len)
    this.buf = next
    this.start = 0
    this.len = written
  }
}
