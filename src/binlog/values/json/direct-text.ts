// MySQL's text of a binary JSON document written straight from the bytes, as UTF-8 bytes, without
// building the tree first: the form rows decoding needs for every JSON value, at about half the cost.
//
// It reads the layout decode.ts describes and makes every check decode.ts makes (bounds, header
// sizes, the byte budget against overlapping parts, nesting depth), prints as text.ts prints (as
// bytes, into a JsonTextWriter), and covers the documents MySQL writes for ordinary values:
// objects, arrays, literals, numbers and strings. For anything else (an opaque value such as a DECIMAL or a date inside JSON, object keys
// not in MySQL's stored order, or any check failing) it answers undefined and the caller takes the
// tree path, which prints the document or refuses it exactly as before. So wherever this returns
// text, jsonText(decodeJson(bytes)) returns the same text (and its UTF-8 bytes where it returns bytes).

import { JsonText } from '../../../model/index.ts'
import { MAX_DEPTH } from './decode.ts'
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
import type { JsonKeyTemplates } from './key-templates.ts'
import { JsonTextWriter } from './text-writer.ts'

/** One writer for every document: rows decoding prints one document at a time. */
const out = new JsonTextWriter()
/** Where the keys of an object about to be remembered are printed. */
const keyText = new JsonTextWriter()
const keyTextEnds: number[] = []

// The document being printed, its bytes not yet accounted to a printed part (as in decode.ts),
// its column's key templates and how many objects it has opened so far.
// Module state rather than an object per document: this runs for every JSON value of every row.
let buf: Buffer
let budget = 0
let templates: JsonKeyTemplates | undefined
let objects = 0

/** An empty value: MySQL's JSON null (a JsonText is never written to, so one serves all). */
const NULL_DOCUMENT = JsonText.ofText('null')

/**
 * The document at buf[start, end) (a column value without its length prefix) as the UTF-8 bytes
 * of its text, or undefined when the tree path must decide (see above). `keys`: the column's
 * templates, which this reads and updates (the text is the same with or without them).
 */
export function directJsonBytes(bytes: Buffer, start: number, end: number, keys?: JsonKeyTemplates): JsonText | undefined {
  if (end === start) return NULL_DOCUMENT
  return write(bytes, start, end, keys) ? out.handOver() : undefined
}

/** directJsonBytes as a string. */
export function directJsonText(bytes: Buffer, start: number, end: number, keys?: JsonKeyTemplates): string | undefined {
  if (end === start) return 'null'
  return write(bytes, start, end, keys) ? out.text() : undefined
}

function write(bytes: Buffer, start: number, end: number, keys: JsonKeyTemplates | undefined): boolean {
  out.reset()
  buf = bytes
  budget = end - start
  templates = keys
  objects = 0
  return value(bytes[start], start + 1, end, 0)
}

// Little-endian reads written out: Buffer's read*LE methods check their arguments on every call.
function u16(p: number): number {
  return buf[p] | (buf[p + 1] << 8)
}

function i32(p: number): number {
  return buf[p] | (buf[p + 1] << 8) | (buf[p + 2] << 16) | (buf[p + 3] << 24)
}

function u32(p: number): number {
  return i32(p) >>> 0
}

// Each function writes its part into `out` and answers whether it could; false sends the whole
// document to the tree path (what was written is dropped with it).

function value(type: number, start: number, end: number, depth: number): boolean {
  switch (type) {
    case SMALL_OBJECT:
      return object(start, end, false, depth)
    case LARGE_OBJECT:
      return object(start, end, true, depth)
    case SMALL_ARRAY:
      return array(start, end, false, depth)
    case LARGE_ARRAY:
      return array(start, end, true, depth)
    default:
      return scalar(type, start, end)
  }
}

function object(start: number, end: number, large: boolean, depth: number): boolean {
  const os = large ? 4 : 2
  const count = header(start, end, large, depth, 2 * os + 3)
  if (count < 0) return false
  const size = large ? u32(start + os) : u16(start + os)
  const keyEntrySize = os + 2
  const valueEntrySize = os + 1
  const headerSize = 2 * os + count * (keyEntrySize + valueEntrySize)
  const values = start + 2 * os + count * keyEntrySize
  const ordinal = objects++
  const t = templates?.match(ordinal, buf, large, count, start + 2 * os, start + headerSize)
  if (t !== undefined) {
    // The same keys as the column's last object at this ordinal: only the checks that depend
    // on this document are left (key-templates.ts).
    if (headerSize + t.keysLength > size || !charge(t.keysLength)) return false
    const text = t.text
    const ends = t.textEnds
    out.byte(0x7b) // {
    for (let i = 0; i < count; i++) {
      out.chunk(text, i === 0 ? 0 : ends[i - 1], ends[i])
      if (!element(start, size, headerSize, values + i * valueEntrySize, large, depth)) return false
    }
    out.byte(0x7d) // }
    return true
  }
  // Keys back to back from the end of the header, as MySQL writes them, can be remembered.
  let contiguous = true
  let keysEnd = headerSize
  out.byte(0x7b) // {
  let prevKey = -1
  let prevLength = -1
  for (let i = 0; i < count; i++) {
    const entry = start + 2 * os + i * keyEntrySize
    const keyOffset = large ? u32(entry) : u16(entry)
    const keyLength = u16(entry + os)
    if (keyOffset < headerSize || keyOffset + keyLength > size) return false
    if (!charge(keyLength)) return false
    const key = start + keyOffset
    // Keys beyond ASCII go the tree way: two byte-wise different keys may decode to the same text.
    for (let k = key; k < key + keyLength; k++) if (buf[k] >= 0x80) return false
    // MySQL stores keys sorted by length, then bytes; strictly ascending also rules out a key
    // twice. Any other order is the tree path's to judge.
    if (prevLength >= 0 && !keyAfter(prevKey, prevLength, key, keyLength)) return false
    prevKey = key
    prevLength = keyLength
    if (keyOffset !== keysEnd) contiguous = false
    keysEnd = keyOffset + keyLength
    if (i > 0) out.pair(0x2c, 0x20) // ", "
    out.quoted(buf, key, key + keyLength)
    out.pair(0x3a, 0x20) // ": "
    if (!element(start, size, headerSize, values + i * valueEntrySize, large, depth)) return false
  }
  out.byte(0x7d) // }
  if (templates !== undefined && contiguous && templates.wants(ordinal, count, keysEnd - headerSize)) {
    rememberKeys(ordinal, start, large, count, headerSize, keysEnd - headerSize)
  }
  return true
}

/** Prints the checked keys of the object at `start` once more, on their own, and remembers them. */
function rememberKeys(ordinal: number, start: number, large: boolean, count: number, headerSize: number, keysLength: number): void {
  const os = large ? 4 : 2
  keyText.reset()
  keyTextEnds.length = count
  for (let i = 0, key = start + headerSize; i < count; i++) {
    const keyLength = u16(start + 2 * os + i * (os + 2) + os)
    if (i > 0) keyText.pair(0x2c, 0x20) // ", "
    keyText.quoted(buf, key, key + keyLength)
    keyText.pair(0x3a, 0x20) // ": "
    keyTextEnds[i] = keyText.length
    key += keyLength
  }
  const entries = start + 2 * os
  templates!.remember(ordinal, buf, large, count, entries, count * (os + 2), start + headerSize, keysLength, keyText.written(), keyTextEnds)
}

function array(start: number, end: number, large: boolean, depth: number): boolean {
  const os = large ? 4 : 2
  const count = header(start, end, large, depth, os + 1)
  if (count < 0) return false
  const size = large ? u32(start + os) : u16(start + os)
  const valueEntrySize = os + 1
  const headerSize = 2 * os + count * valueEntrySize
  out.byte(0x5b) // [
  for (let i = 0; i < count; i++) {
    if (i > 0) out.pair(0x2c, 0x20) // ", "
    if (!element(start, size, headerSize, start + 2 * os + i * valueEntrySize, large, depth)) return false
  }
  out.byte(0x5d) // ]
  return true
}

/** decode.ts's header checks; the element count, or -1 when one fails. */
function header(start: number, end: number, large: boolean, depth: number, entrySize: number): number {
  const os = large ? 4 : 2
  if (depth >= MAX_DEPTH || end - start < 2 * os) return -1
  const count = large ? u32(start) : u16(start)
  const size = large ? u32(start + os) : u16(start + os)
  if (size > end - start) return -1
  const headerSize = 2 * os + count * entrySize
  if (headerSize > size || !charge(headerSize)) return -1
  return count
}

function element(start: number, size: number, headerSize: number, entry: number, large: boolean, depth: number): boolean {
  const type = buf[entry]
  switch (type) {
    case LITERAL:
      return literal(buf[entry + 1])
    case INT16:
      out.int((u16(entry + 1) << 16) >> 16)
      return true
    case UINT16:
      out.uint(u16(entry + 1))
      return true
    case INT32:
      if (!large) break
      out.int(i32(entry + 1))
      return true
    case UINT32:
      if (!large) break
      out.uint(u32(entry + 1))
      return true
  }
  const offset = large ? u32(entry + 1) : u16(entry + 1)
  if (offset < headerSize || offset >= size) return false
  return value(type, start + offset, start + size, depth + 1)
}

function scalar(type: number, p: number, end: number): boolean {
  const avail = end - p
  switch (type) {
    case LITERAL:
      return take(1, avail) && literal(buf[p])
    case INT16:
      if (!take(2, avail)) return false
      out.int((u16(p) << 16) >> 16)
      return true
    case UINT16:
      if (!take(2, avail)) return false
      out.uint(u16(p))
      return true
    case INT32:
      if (!take(4, avail)) return false
      out.int(i32(p))
      return true
    case UINT32:
      if (!take(4, avail)) return false
      out.uint(u32(p))
      return true
    case INT64:
      if (!take(8, avail)) return false
      out.ascii(String(buf.readBigInt64LE(p)))
      return true
    case UINT64:
      if (!take(8, avail)) return false
      out.ascii(String(buf.readBigUInt64LE(p)))
      return true
    case DOUBLE:
      if (!take(8, avail)) return false
      out.ascii(formatJsonDouble(buf.readDoubleLE(p)))
      return true
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
      if (n === 0 || length > 0xffffffff || !take(n + length, avail)) return false
      out.quoted(buf, p + n, p + n + length)
      return true
    }
    default:
      // Opaque values and unknown types.
      return false
  }
}

/** `n` bytes there and counted as printed, as decode.ts's need(). */
function take(n: number, avail: number): boolean {
  return n <= avail && charge(n)
}

function charge(n: number): boolean {
  budget -= n
  return budget >= 0
}

/** Writes a literal's text; false for a byte that is none. */
function literal(b: number): boolean {
  if (b === 0) out.ascii('null')
  else if (b === 1) out.ascii('true')
  else if (b === 2) out.ascii('false')
  else return false
  return true
}

/** Whether the key at b sorts strictly after the key at a: longer, or as long and bytewise greater. */
function keyAfter(a: number, aLength: number, b: number, bLength: number): boolean {
  if (bLength !== aLength) return bLength > aLength
  for (let i = 0; i < aLength; i++) {
    const x = buf[a + i]
    const y = buf[b + i]
    if (x !== y) return y > x
  }
  return false
}
