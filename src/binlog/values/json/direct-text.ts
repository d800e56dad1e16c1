// MySQL's text of a binary JSON document written straight from the bytes, without building the
// tree first: the form rows decoding needs for every JSON value, at about half the cost.
//
// It reads the layout decode.ts describes and makes every check decode.ts makes (bounds, header
// sizes, the byte budget against overlapping parts, nesting depth), prints as text.ts prints, and
// covers the documents MySQL writes for ordinary values: objects, arrays, literals, numbers and
// strings. For anything else (an opaque value such as a DECIMAL or a date inside JSON, object keys
// not in MySQL's stored order, or any check failing) it answers undefined and the caller takes the
// tree path, which prints the document or refuses it exactly as before. So wherever this returns
// text, jsonText(decodeJson(bytes)) returns the same text.

import { MAX_DEPTH, utf8 } from './decode.ts'
import {
  DOUBLE,
  INT16,
  INT32,
  INT64,
  LARGE_ARRAY,
  LARGE_OBJECT,
  LITERAL,
  SMALL_ARRAY,
  SMALL_OBJECT,
  STRING,
  UINT16,
  UINT32,
  UINT64,
} from './node-types.ts'
import { formatJsonDouble } from './double.ts'
import { quoteJsonString } from './text.ts'


/**
 * The text of the document at buf[start, end) (a column value without its length prefix), or
 * undefined when the tree path must decide (see above).
 */
export function directJsonText(buf: Buffer, start: number, end: number): string | undefined {
  if (end === start) return 'null'
  return new DirectWriter(buf, end - start).value(buf[start], start + 1, end, 0)
}

class DirectWriter {
  /** Bytes not yet accounted to a printed part, as in decode.ts. */
  private budget: number

  constructor(
    private readonly buf: Buffer,
    length: number,
  ) {
    this.budget = length
  }

  value(type: number, start: number, end: number, depth: number): string | undefined {
    switch (type) {
      case SMALL_OBJECT:
        return this.object(start, end, false, depth)
      case LARGE_OBJECT:
        return this.object(start, end, true, depth)
      case SMALL_ARRAY:
        return this.array(start, end, false, depth)
      case LARGE_ARRAY:
        return this.array(start, end, true, depth)
      default:
        return this.scalar(type, start, end)
    }
  }

  private object(start: number, end: number, large: boolean, depth: number): string | undefined {
    const buf = this.buf
    const os = large ? 4 : 2
    const count = this.header(start, end, large, depth, 2 * os + 3)
    if (count < 0) return undefined
    if (count === 0) return '{}'
    const size = large ? buf.readUInt32LE(start + os) : buf[start + os] | (buf[start + os + 1] << 8)
    const keyEntrySize = os + 2
    const valueEntrySize = os + 1
    const headerSize = 2 * os + count * (keyEntrySize + valueEntrySize)
    const values = start + 2 * os + count * keyEntrySize
    let s = '{'
    let prevKey = -1
    let prevLength = -1
    for (let i = 0; i < count; i++) {
      const entry = start + 2 * os + i * keyEntrySize
      const keyOffset = large ? buf.readUInt32LE(entry) : buf[entry] | (buf[entry + 1] << 8)
      const keyLength = buf[entry + os] | (buf[entry + os + 1] << 8)
      if (keyOffset < headerSize || keyOffset + keyLength > size) return undefined
      if (!this.charge(keyLength)) return undefined
      const key = start + keyOffset
      // Keys beyond ASCII go the tree way: two byte-wise different keys may decode to the same text.
      for (let k = key; k < key + keyLength; k++) if (buf[k] >= 0x80) return undefined
      // MySQL stores keys sorted by length, then bytes; strictly ascending also rules out a key
      // twice. Any other order is the tree path's to judge.
      if (prevLength >= 0 && !keyAfter(buf, prevKey, prevLength, key, keyLength)) return undefined
      prevKey = key
      prevLength = keyLength
      const member = this.element(start, size, headerSize, values + i * valueEntrySize, large, depth)
      if (member === undefined) return undefined
      s += (i === 0 ? '' : ', ') + quoted(buf, key, key + keyLength) + ': ' + member
    }
    return s + '}'
  }

  private array(start: number, end: number, large: boolean, depth: number): string | undefined {
    const buf = this.buf
    const os = large ? 4 : 2
    const count = this.header(start, end, large, depth, os + 1)
    if (count < 0) return undefined
    if (count === 0) return '[]'
    const size = large ? buf.readUInt32LE(start + os) : buf[start + os] | (buf[start + os + 1] << 8)
    const valueEntrySize = os + 1
    const headerSize = 2 * os + count * valueEntrySize
    let s = '['
    for (let i = 0; i < count; i++) {
      const element = this.element(start, size, headerSize, start + 2 * os + i * valueEntrySize, large, depth)
      if (element === undefined) return undefined
      s += (i === 0 ? '' : ', ') + element
    }
    return s + ']'
  }

  /** decode.ts's header checks; the element count, or -1 when one fails. */
  private header(start: number, end: number, large: boolean, depth: number, entrySize: number): number {
    const buf = this.buf
    const os = large ? 4 : 2
    if (depth >= MAX_DEPTH || end - start < 2 * os) return -1
    const count = large ? buf.readUInt32LE(start) : buf[start] | (buf[start + 1] << 8)
    const size = large ? buf.readUInt32LE(start + os) : buf[start + os] | (buf[start + os + 1] << 8)
    if (size > end - start) return -1
    const headerSize = 2 * os + count * entrySize
    if (headerSize > size || !this.charge(headerSize)) return -1
    return count
  }

  private element(start: number, size: number, headerSize: number, entry: number, large: boolean, depth: number): string | undefined {
    const buf = this.buf
    const type = buf[entry]
    switch (type) {
      case LITERAL:
        return literal(buf[entry + 1])
      case INT16:
        return String(buf.readInt16LE(entry + 1))
      case UINT16:
        return String(buf[entry + 1] | (buf[entry + 2] << 8))
      case INT32:
        if (large) return String(buf.readInt32LE(entry + 1))
        break
      case UINT32:
        if (large) return String(buf.readUInt32LE(entry + 1))
        break
    }
    const offset = large ? buf.readUInt32LE(entry + 1) : buf[entry + 1] | (buf[entry + 2] << 8)
    if (offset < headerSize || offset >= size) return undefined
    return this.value(type, start + offset, start + size, depth + 1)
  }

  private scalar(type: number, p: number, end: number): string | undefined {
    const buf = this.buf
    const avail = end - p
    switch (type) {
      case LITERAL:
        return this.take(1, avail) ? literal(buf[p]) : undefined
      case INT16:
        return this.take(2, avail) ? String(buf.readInt16LE(p)) : undefined
      case UINT16:
        return this.take(2, avail) ? String(buf.readUInt16LE(p)) : undefined
      case INT32:
        return this.take(4, avail) ? String(buf.readInt32LE(p)) : undefined
      case UINT32:
        return this.take(4, avail) ? String(buf.readUInt32LE(p)) : undefined
      case INT64:
        return this.take(8, avail) ? String(buf.readBigInt64LE(p)) : undefined
      case UINT64:
        return this.take(8, avail) ? String(buf.readBigUInt64LE(p)) : undefined
      case DOUBLE:
        return this.take(8, avail) ? formatJsonDouble(buf.readDoubleLE(p)) : undefined
      case STRING: {
        // Variable-length size: 7 bits a byte, least significant first, at most 5 bytes.
        let length = 0
        let n = 0
        for (let i = 0; i < 5 && p + i < end; i++) {
          const b = buf[p + i]
          length += (b & 0x7f) * 2 ** (7 * i)
          if ((b & 0x80) === 0) {
            n = i + 1
            break
          }
        }
        if (n === 0 || length > 0xffffffff || !this.take(n + length, avail)) return undefined
        return quoted(buf, p + n, p + n + length)
      }
      default:
        // Opaque values and unknown types.
        return undefined
    }
  }

  /** `n` bytes there and counted as printed, as decode.ts's need(). */
  private take(n: number, avail: number): boolean {
    return n <= avail && this.charge(n)
  }

  private charge(n: number): boolean {
    this.budget -= n
    return this.budget >= 0
  }
}

function literal(b: number): string | undefined {
  if (b === 0) return 'null'
  if (b === 1) return 'true'
  if (b === 2) return 'false'
  return undefined
}

/** Whether the key at b sorts strictly after the key at a: longer, or as long and bytewise greater. */
function keyAfter(buf: Buffer, a: number, aLength: number, b: number, bLength: number): boolean {
  if (bLength !== aLength) return bLength > aLength
  for (let i = 0; i < aLength; i++) {
    const x = buf[a + i]
    const y = buf[b + i]
    if (x !== y) return y > x
  }
  return false
}

/**
 * A key or string as text.ts prints it: quoteJsonString(utf8(...)). Plain ASCII (nearly every key
 * and many values) needs no escaping and reads the same in Latin-1, so it skips both steps.
 */
function quoted(buf: Buffer, start: number, end: number): string {
  if (end - start <= 16) {
    let s = '"'
    for (let i = start; i < end; i++) {
      const c = buf[i]
      if (c >= 0x80 || c < 0x20 || c === 0x22 || c === 0x5c) return quoteJsonString(utf8(buf, start, end))
      s += String.fromCharCode(c)
    }
    return s + '"'
  }
  for (let i = start; i < end; i++) {
    const c = buf[i]
    if (c >= 0x80 || c < 0x20 || c === 0x22 || c === 0x5c) return quoteJsonString(utf8(buf, start, end))
  }
  return '"' + buf.toString('latin1', start, end) + '"'
}
