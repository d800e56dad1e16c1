// Decodes MySQL's binary JSON (sql-common/json_binary.cc) into a JsonValue tree.
//
// A document is one type byte followed by the value's data. Types:
//   0x00/0x01 small/large object   0x02/0x03 small/large array   0x04 literal (00 null, 01 true, 02 false)
//   0x05 int16  0x06 uint16  0x07 int32  0x08 uint32  0x09 int64  0x0a uint64  0x0b double
//   0x0c string: variable-length size, UTF-8 bytes
//   0x0f opaque: MySQL field type u8, variable-length size, bytes
// All integers little-endian. The variable-length size keeps 7 bits per byte, least significant
// first, high bit set on every byte but the last (1..5 bytes, at most 2^32-1).
//
// Arrays and objects (offsets and sizes are 2 bytes in the small format, 4 in the large one):
//   element count | total size in bytes (from the count's first byte)
//   objects only: key entries, one per member: key offset | key length (always 2 bytes)
//   value entries, one per element: type u8 | offset, or the value itself when inlined
//   keys, then values, at the offsets the entries give (relative to the count's first byte)
// Inlined in the entry: literals, int16, uint16 and, in the large format only, int32 and uint32.
// Objects keep their keys sorted by length, then bytes; that is also the order MySQL prints.
//
// A document of 0 bytes is JSON null: MySQL writes it for a NULL forced into a NOT NULL column
// (INSERT IGNORE, non-strict mode) and reads it back as null (json_binary::parse_binary).
//
// Safety: every offset is checked against the container holding it, as MySQL does, and also
// against the container's header (MySQL only writes values after the entries). Two entries that
// point to the same bytes would let a small document expand exponentially, so every byte may be
// decoded only once: the bytes the decoded parts take are counted, and more than the input has
// is a DecodeError. Nesting deeper than MAX_DEPTH (MySQL itself refuses more than 100) is one too.

import {
  DOUBLE,
  INT16,
  INT32,
  INT64,
  LARGE_ARRAY,
  LARGE_OBJECT,
  LITERAL,
  OPAQUE,
  SMALL_ARRAY,
  SMALL_OBJECT,
  STRING,
  UINT16,
  UINT32,
  UINT64,
} from './node-types.ts'
import { DecodeError } from '../../errors.ts'
import { decodeJsonDecimal } from './decimal.ts'
import { decodeJsonTemporal } from './temporal.ts'
import {
  JsonDouble,
  JsonInt,
  JsonOpaque,
  JsonUint,
  MYSQL_TYPE_DATE,
  MYSQL_TYPE_DATETIME,
  MYSQL_TYPE_NEWDECIMAL,
  MYSQL_TYPE_TIME,
  MYSQL_TYPE_TIMESTAMP,
  type JsonObject,
  type JsonValue,
} from './types.ts'

/** Containers nested deeper than this are refused (MySQL's own limit is 100). */
export const MAX_DEPTH = 150

/** Decodes one binary JSON document (a JSON column's value without its length prefix). */
export function decodeJson(bytes: Buffer): JsonValue {
  if (bytes.length === 0) return null
  return new BinaryJsonReader(bytes).value(bytes[0], 1, bytes.length, 0)
}

class BinaryJsonReader {
  /** Bytes not yet accounted to a decoded part; below zero means parts overlap. */
  private budget: number

  constructor(private readonly buf: Buffer) {
    this.budget = buf.length
  }

  /** The value of `type` whose data starts at `start` and must end by `end`. */
  value(type: number, start: number, end: number, depth: number): JsonValue {
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

  private object(start: number, end: number, large: boolean, depth: number): JsonObject {
    const buf = this.buf
    const os = large ? 4 : 2
    const count = this.header(start, end, large, depth, 'object')
    const size = large ? buf.readUInt32LE(start + os) : buf[start + os] | (buf[start + os + 1] << 8)
    const keyEntrySize = os + 2
    const valueEntrySize = os + 1
    const headerSize = 2 * os + count * (keyEntrySize + valueEntrySize)
    const values = start + 2 * os + count * keyEntrySize
    const result: JsonObject = new Map()
    for (let i = 0; i < count; i++) {
      const entry = start + 2 * os + i * keyEntrySize
      const keyOffset = large ? buf.readUInt32LE(entry) : buf[entry] | (buf[entry + 1] << 8)
      const keyLength = buf[entry + os] | (buf[entry + os + 1] << 8)
      if (keyOffset < headerSize || keyOffset + keyLength > size) {
        throw new DecodeError(
          `JSON object at byte ${start}: key ${i} at offset ${keyOffset} (length ${keyLength}) is outside ${headerSize}..${size}`,
        )
      }
      this.charge(keyLength, start)
      const key = utf8(buf, start + keyOffset, start + keyOffset + keyLength)
      result.set(key, this.element(start, size, headerSize, values + i * valueEntrySize, large, depth))
      if (result.size !== i + 1) throw new DecodeError(`JSON object at byte ${start} has the key ${JSON.stringify(key)} twice`)
    }
    return result
  }

  private array(start: number, end: number, large: boolean, depth: number): JsonValue[] {
    const buf = this.buf
    const os = large ? 4 : 2
    const count = this.header(start, end, large, depth, 'array')
    const size = large ? buf.readUInt32LE(start + os) : buf[start + os] | (buf[start + os + 1] << 8)
    const valueEntrySize = os + 1
    const headerSize = 2 * os + count * valueEntrySize
    const result: JsonValue[] = new Array(count)
    for (let i = 0; i < count; i++) {
      result[i] = this.element(start, size, headerSize, start + 2 * os + i * valueEntrySize, large, depth)
    }
    return result
  }

  /** Checks an array's or object's count, size and header, and returns the count. */
  private header(start: number, end: number, large: boolean, depth: number, what: string): number {
    const buf = this.buf
    const os = large ? 4 : 2
    if (depth >= MAX_DEPTH) throw new DecodeError(`JSON ${what} at byte ${start} is nested deeper than ${MAX_DEPTH}`)
    if (end - start < 2 * os) throw new DecodeError(`truncated JSON ${what} at byte ${start}: ${end - start} bytes`)
    const count = large ? buf.readUInt32LE(start) : buf[start] | (buf[start + 1] << 8)
    const size = large ? buf.readUInt32LE(start + os) : buf[start + os] | (buf[start + os + 1] << 8)
    if (size > end - start) {
      throw new DecodeError(`JSON ${what} at byte ${start} says ${size} bytes, only ${end - start} are there`)
    }
    const headerSize = 2 * os + count * (what === 'object' ? 2 * os + 3 : os + 1)
    if (headerSize > size) {
      throw new DecodeError(`JSON ${what} at byte ${start}: ${count} entries do not fit in ${size} bytes`)
    }
    this.charge(headerSize, start)
    return count
  }

  /** The element whose value entry is at `entry`, in the container at `start` of `size` bytes. */
  private element(start: number, size: number, headerSize: number, entry: number, large: boolean, depth: number): JsonValue {
    const buf = this.buf
    const type = buf[entry]
    switch (type) {
      case LITERAL:
        return literal(buf[entry + 1], entry)
      case INT16:
        return new JsonInt(buf.readInt16LE(entry + 1))
      case UINT16:
        return new JsonUint(buf[entry + 1] | (buf[entry + 2] << 8))
      case INT32:
        if (large) return new JsonInt(buf.readInt32LE(entry + 1))
        break
      case UINT32:
        if (large) return new JsonUint(buf.readUInt32LE(entry + 1))
        break
    }
    const offset = large ? buf.readUInt32LE(entry + 1) : buf[entry + 1] | (buf[entry + 2] << 8)
    if (offset < headerSize || offset >= size) {
      throw new DecodeError(
        `JSON value entry at byte ${entry} points to offset ${offset}, outside ${headerSize}..${size - 1} of its container`,
      )
    }
    return this.value(type, start + offset, start + size, depth + 1)
  }

  /** A scalar stored outside any value entry. */
  private scalar(type: number, p: number, end: number): JsonValue {
    const buf = this.buf
    const avail = end - p
    switch (type) {
      case LITERAL:
        this.need(1, avail, p, 'literal')
        return literal(buf[p], p)
      case INT16:
        this.need(2, avail, p, 'int16')
        return new JsonInt(buf.readInt16LE(p))
      case UINT16:
        this.need(2, avail, p, 'uint16')
        return new JsonUint(buf.readUInt16LE(p))
      case INT32:
        this.need(4, avail, p, 'int32')
        return new JsonInt(buf.readInt32LE(p))
      case UINT32:
        this.need(4, avail, p, 'uint32')
        return new JsonUint(buf.readUInt32LE(p))
      case INT64:
        this.need(8, avail, p, 'int64')
        return new JsonInt(buf.readBigInt64LE(p))
      case UINT64:
        this.need(8, avail, p, 'uint64')
        return new JsonUint(buf.readBigUInt64LE(p))
      case DOUBLE:
        this.need(8, avail, p, 'double')
        return new JsonDouble(buf.readDoubleLE(p))
      case STRING: {
        const [length, n] = this.variableLength(p, end, 'string')
        this.need(n + length, avail, p, 'string')
        return utf8(buf, p + n, p + n + length)
      }
      case OPAQUE: {
        if (avail < 1) throw new DecodeError(`truncated JSON opaque at byte ${p}`)
        const fieldType = buf[p]
        const [length, n] = this.variableLength(p + 1, end, 'opaque')
        this.need(1 + n + length, avail, p, 'opaque')
        const from = p + 1 + n
        return opaque(fieldType, buf, from, from + length)
      }
      default:
        throw new DecodeError(`unknown JSON value type 0x${type.toString(16)} at byte ${p}`)
    }
  }

  /** Reads a variable-length size at p; returns it and the bytes it took. */
  private variableLength(p: number, end: number, what: string): [number, number] {
    const buf = this.buf
    let length = 0
    for (let i = 0; i < 5 && p + i < end; i++) {
      const b = buf[p + i]
      length += (b & 0x7f) * 2 ** (7 * i)
      if ((b & 0x80) === 0) {
        if (length > 0xffffffff) break
        return [length, i + 1]
      }
    }
    throw new DecodeError(`bad or truncated length of the JSON ${what} at byte ${p}`)
  }

  /** Checks that `n` bytes are available and counts them as decoded. */
  private need(n: number, avail: number, p: number, what: string): void {
    if (n > avail) throw new DecodeError(`truncated JSON ${what} at byte ${p}: needs ${n} bytes, has ${avail}`)
    this.charge(n, p)
  }

  private charge(n: number, p: number): void {
    this.budget -= n
    if (this.budget < 0) {
      throw new DecodeError(`JSON values overlap (at byte ${p}): the document decodes to more bytes than it has`)
    }
  }
}

/** UTF-8 text of buf[start, end); short ASCII runs (most keys) are built in JS, which is faster. */
export function utf8(buf: Buffer, start: number, end: number): string {
  if (end - start <= 16) {
    let s = ''
    for (let i = start; i < end; i++) {
      const c = buf[i]
      if (c >= 0x80) return buf.toString('utf8', start, end)
      s += String.fromCharCode(c)
    }
    return s
  }
  return buf.toString('utf8', start, end)
}

function literal(b: number, p: number): JsonValue {
  if (b === 0) return null
  if (b === 1) return true
  if (b === 2) return false
  throw new DecodeError(`bad JSON literal 0x${b.toString(16)} at byte ${p}`)
}

function opaque(fieldType: number, buf: Buffer, start: number, end: number): JsonValue {
  switch (fieldType) {
    case MYSQL_TYPE_NEWDECIMAL:
      return decodeJsonDecimal(buf, start, end)
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_TIME:
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_TIMESTAMP:
      return decodeJsonTemporal(fieldType, buf, start, end)
    default:
      return new JsonOpaque(fieldType, Buffer.from(buf.subarray(start, end)))
  }
}
