// Reads one row image (null bitmap + packed values) of a rows event. This is the hot path: each
// table's columns are compiled once into codecs, then every value is one switch case on a buffer.

import { type Cell, type ColumnDef, ColumnType, columnTypeName, type JsonText, type Row, unhandledColumnType } from '../../model/index.ts'
import { DecodeError } from '../errors.ts'
import type { TableMapEvent } from '../events/table-map.ts'
import type { CharsetRegistry, TextDecoderFn } from '../values/charsets.ts'
import type { JsonCodec, JsonColumnMemo } from '../values/json-codec.ts'
import { uncompressColumnValue } from '../values/compressed-column.ts'
import { decimalSize, readDecimal } from '../values/decimal.ts'
import {
  fractionSize,
  readDate,
  readDatetime2,
  readDatetimeOld,
  readTime2,
  readTimeOld,
  readTimestamp2,
  timestampText,
} from '../values/temporal.ts'

// Codec kinds: one per distinct storage form.
const INT8 = 1
const UINT8 = 2
const INT16 = 3
const UINT16 = 4
const INT24 = 5
const UINT24 = 6
const INT32 = 7
const UINT32 = 8
const INT64 = 9
const UINT64 = 10
const FLOAT = 11
const DOUBLE = 12
const DECIMAL = 13
const YEAR = 14
const DATE = 15
const TIME_OLD = 16
const TIME2 = 17
const DATETIME_OLD = 18
const DATETIME2 = 19
const TIMESTAMP_OLD = 20
const TIMESTAMP2 = 21
const BIT = 22
const TEXT = 23 // length-prefixed, decoded in a charset
const BYTES = 24 // length-prefixed, raw bytes
const BINARY_PADDED = 25 // BINARY(n): the server strips trailing 0x00 in the binlog; SELECT pads them back
const ENUM = 26
const SET = 27
const JSON_BINARY = 28
const VECTOR = 29
const NULL_TYPE = 30
const COMPRESSED_TEXT = 31 // MariaDB COMPRESSED: length-prefixed, uncompressed, then as TEXT / BYTES
const COMPRESSED_BYTES = 32

export interface ColumnCodec {
  kind: number
  col: ColumnDef
  /** Size of the length prefix (TEXT/BYTES) or of the value (ENUM/SET/BIT/DECIMAL). */
  size: number
  text: TextDecoderFn | null
  labels: string[] | undefined
  /** A JSON column's memo between its documents (json-codec.ts). */
  json: JsonColumnMemo | undefined
}

/** Turns a JSON column's stored bytes, buf[start, end) (MySQL binary JSON), into its text form. */
export type JsonTextDecoder = (buf: Buffer, start: number, end: number, column: number) => JsonText

export function compileCodecs(table: TableMapEvent, charsets: CharsetRegistry, json: JsonCodec): ColumnCodec[] {
  return table.columns.map((col) => compileColumn(col, charsets, json, table))
}

function compileColumn(col: ColumnDef, charsets: CharsetRegistry, json: JsonCodec, table: TableMapEvent): ColumnCodec {
  const codec: ColumnCodec = { kind: 0, col, size: 0, text: null, labels: undefined, json: undefined }
  const u = col.unsigned
  switch (col.type) {
    case ColumnType.TINY:
      codec.kind = u ? UINT8 : INT8
      break
    case ColumnType.SHORT:
      codec.kind = u ? UINT16 : INT16
      break
    case ColumnType.INT24:
      codec.kind = u ? UINT24 : INT24
      break
    case ColumnType.LONG:
      codec.kind = u ? UINT32 : INT32
      break
    case ColumnType.LONGLONG:
      codec.kind = u ? UINT64 : INT64
      break
    case ColumnType.FLOAT:
      codec.kind = FLOAT
      break
    case ColumnType.DOUBLE:
      codec.kind = DOUBLE
      break
    case ColumnType.NEWDECIMAL:
      codec.kind = DECIMAL
      codec.size = decimalSize(col.precision, col.scale)
      break
    case ColumnType.YEAR:
      codec.kind = YEAR
      break
    case ColumnType.DATE:
    case ColumnType.NEWDATE:
      codec.kind = DATE
      break
    case ColumnType.TIME:
      codec.kind = TIME_OLD
      break
    case ColumnType.TIME2:
      codec.kind = TIME2
      codec.size = 3 + fractionSize(col.fsp)
      break
    case ColumnType.DATETIME:
      codec.kind = DATETIME_OLD
      break
    case ColumnType.DATETIME2:
      codec.kind = DATETIME2
      codec.size = 5 + fractionSize(col.fsp)
      break
    case ColumnType.TIMESTAMP:
      codec.kind = TIMESTAMP_OLD
      break
    case ColumnType.TIMESTAMP2:
      codec.kind = TIMESTAMP2
      codec.size = 4 + fractionSize(col.fsp)
      break
    case ColumnType.BIT:
      codec.kind = BIT
      codec.size = (col.bits + 7) >> 3
      break
    case ColumnType.VARCHAR:
    case ColumnType.VAR_STRING:
    case ColumnType.STRING:
      codec.size = col.length < 256 ? 1 : 2
      textOrBytes(codec, charsets)
      if (codec.kind === BYTES && col.type === ColumnType.STRING && col.collation === 63) codec.kind = BINARY_PADDED
      break
    case ColumnType.BLOB:
    case ColumnType.TINY_BLOB:
    case ColumnType.MEDIUM_BLOB:
    case ColumnType.LONG_BLOB:
      codec.size = col.length
      textOrBytes(codec, charsets)
      break
    case ColumnType.GEOMETRY:
      codec.kind = BYTES
      codec.size = col.length
      break
    case ColumnType.JSON:
      codec.kind = JSON_BINARY
      codec.size = col.length
      codec.json = json.newColumnMemo()
      break
    case ColumnType.VECTOR:
      codec.kind = VECTOR
      codec.size = col.length
      break
    case ColumnType.ENUM:
      codec.kind = ENUM
      codec.size = col.length
      codec.labels = col.enumValues
      if (codec.size !== 1 && codec.size !== 2) throw badColumn(table, col, `ENUM of ${codec.size} bytes`)
      break
    case ColumnType.SET:
      codec.kind = SET
      codec.size = col.length
      codec.labels = col.setValues
      if (codec.size < 1 || codec.size > 8) throw badColumn(table, col, `SET of ${codec.size} bytes`)
      break
    case ColumnType.NULL:
      codec.kind = NULL_TYPE
      break
    default:
      throw badColumn(table, col, `type ${columnTypeName(unhandledColumnType(col.type))} has no decoder`)
  }
  if (codec.size > 4 && (codec.kind === TEXT || codec.kind === BYTES || codec.kind === JSON_BINARY || codec.kind === VECTOR))
    throw badColumn(table, col, `length prefix of ${codec.size} bytes`)
  if (col.compressed) {
    if (codec.kind !== TEXT && codec.kind !== BYTES) throw badColumn(table, col, `COMPRESSED ${columnTypeName(col.type)}`)
    codec.kind = codec.kind === TEXT ? COMPRESSED_TEXT : COMPRESSED_BYTES
  }
  return codec
}

function textOrBytes(codec: ColumnCodec, charsets: CharsetRegistry): void {
  const cs = charsets.get(codec.col.collation)
  codec.text = cs.decode
  codec.kind = cs.decode ? TEXT : BYTES
}

function badColumn(table: TableMapEvent, col: ColumnDef, why: string): DecodeError {
  return new DecodeError(why, { table: `${table.database}.${table.table}`, column: col.name })
}

/**
 * One row image starting at `pos`: a null bitmap with one bit per column present in the image,
 * then the values of the present, non-null columns in column order. Returns the row; `out.pos`
 * is left after the row.
 */
export function readRow(
  buf: Buffer,
  pos: number,
  end: number,
  codecs: ColumnCodec[],
  present: Uint8Array,
  presentCount: number,
  jsonText: JsonTextDecoder,
  out: { pos: number },
): Row {
  const n = codecs.length
  const row: Row = new Array(n)
  const nullPos = pos
  let p = pos + ((presentCount + 7) >> 3)
  if (p > end) throw new DecodeError('truncated null bitmap')
  let k = 0
  for (let i = 0; i < n; i++) {
    if ((present[i >> 3] & (1 << (i & 7))) === 0) {
      row[i] = undefined
      continue
    }
    if (buf[nullPos + (k >> 3)] & (1 << (k & 7))) {
      k++
      row[i] = null
      continue
    }
    k++
    const c = codecs[i]
    let v: Cell
    switch (c.kind) {
      case INT8:
        need(p, 1, end, c)
        v = (buf[p] << 24) >> 24
        p += 1
        break
      case UINT8:
        need(p, 1, end, c)
        v = buf[p]
        p += 1
        break
      case INT16:
        need(p, 2, end, c)
        v = ((buf[p] | (buf[p + 1] << 8)) << 16) >> 16
        p += 2
        break
      case UINT16:
        need(p, 2, end, c)
        v = buf[p] | (buf[p + 1] << 8)
        p += 2
        break
      case INT24:
        need(p, 3, end, c)
        v = ((buf[p] | (buf[p + 1] << 8) | (buf[p + 2] << 16)) << 8) >> 8
        p += 3
        break
      case UINT24:
        need(p, 3, end, c)
        v = buf[p] | (buf[p + 1] << 8) | (buf[p + 2] << 16)
        p += 3
        break
      case INT32:
        need(p, 4, end, c)
        v = buf[p] | (buf[p + 1] << 8) | (buf[p + 2] << 16) | (buf[p + 3] << 24)
        p += 4
        break
      case UINT32:
        need(p, 4, end, c)
        v = (buf[p] | (buf[p + 1] << 8) | (buf[p + 2] << 16) | (buf[p + 3] << 24)) >>> 0
        p += 4
        break
      case INT64:
        need(p, 8, end, c)
        v = buf.readBigInt64LE(p)
        p += 8
        break
      case UINT64:
        need(p, 8, end, c)
        v = buf.readBigUInt64LE(p)
        p += 8
        break
      case FLOAT:
        need(p, 4, end, c)
        v = buf.readFloatLE(p)
        p += 4
        break
      case DOUBLE:
        need(p, 8, end, c)
        v = buf.readDoubleLE(p)
        p += 8
        break
      case DECIMAL:
        need(p, c.size, end, c)
        v = readDecimal(buf, p, c.col.precision, c.col.scale)
        p += c.size
        break
      case YEAR:
        need(p, 1, end, c)
        v = buf[p] === 0 ? 0 : 1900 + buf[p]
        p += 1
        break
      case DATE:
        need(p, 3, end, c)
        v = readDate(buf, p)
        p += 3
        break
      case TIME_OLD:
        need(p, 3, end, c)
        v = readTimeOld(buf, p)
        p += 3
        break
      case TIME2:
        need(p, c.size, end, c)
        v = readTime2(buf, p, c.col.fsp)
        p += c.size
        break
      case DATETIME_OLD:
        need(p, 8, end, c)
        v = readDatetimeOld(buf, p)
        p += 8
        break
      case DATETIME2:
        need(p, c.size, end, c)
        v = readDatetime2(buf, p, c.col.fsp)
        p += c.size
        break
      case TIMESTAMP_OLD:
        need(p, 4, end, c)
        v = timestampText(buf.readUInt32LE(p), 0, 0)
        p += 4
        break
      case TIMESTAMP2:
        need(p, c.size, end, c)
        v = readTimestamp2(buf, p, c.col.fsp)
        p += c.size
        break
      case BIT:
        // Big-endian in (bits + 7) / 8 bytes.
        need(p, c.size, end, c)
        v =
          c.size <= 6
            ? BigInt(buf.readUIntBE(p, c.size))
            : (BigInt(buf.readUIntBE(p, c.size - 4)) << 32n) | BigInt(buf.readUInt32BE(p + c.size - 4))
        p += c.size
        break
      case TEXT:
      case BYTES:
      case BINARY_PADDED:
      case JSON_BINARY:
      case VECTOR:
      case COMPRESSED_TEXT:
      case COMPRESSED_BYTES: {
        need(p, c.size, end, c)
        let len: number
        switch (c.size) {
          case 1:
            len = buf[p]
            break
          case 2:
            len = buf[p] | (buf[p + 1] << 8)
            break
          case 3:
            len = buf[p] | (buf[p + 1] << 8) | (buf[p + 2] << 16)
            break
          default:
            len = (buf[p] | (buf[p + 1] << 8) | (buf[p + 2] << 16) | (buf[p + 3] << 24)) >>> 0
        }
        p += c.size
        need(p, len, end, c)
        const s = p
        p += len
        if (c.kind === TEXT) v = c.text!(buf, s, p)
        else if (c.kind === BYTES) v = buf.slice(s, p)
        else if (c.kind === BINARY_PADDED) {
          const out = new Uint8Array(Math.max(len, c.col.length))
          out.set(buf.subarray(s, p))
          v = out
        } else if (c.kind === JSON_BINARY) v = jsonText(buf, s, p, i)
        else if (c.kind === VECTOR) v = readVector(buf, s, len, c)
        else {
          const raw = uncompressColumnValue(buf, s, p, c.col.name)
          v = c.kind === COMPRESSED_TEXT ? c.text!(raw, 0, raw.length) : raw
        }
        break
      }
      case ENUM: {
        need(p, c.size, end, c)
        const idx = c.size === 1 ? buf[p] : buf[p] | (buf[p + 1] << 8)
        p += c.size
        v = label(c, idx)
        break
      }
      case SET: {
        need(p, c.size, end, c)
        const members: string[] = []
        for (let b = 0; b < c.size; b++) {
          const byte = buf[p + b]
          if (byte === 0) continue
          for (let bit = 0; bit < 8; bit++) if (byte & (1 << bit)) members.push(label(c, b * 8 + bit + 1))
        }
        p += c.size
        v = members
        break
      }
      case NULL_TYPE:
        v = null
        break
      default:
        throw new DecodeError(`no codec for column ${c.col.name}`)
    }
    row[i] = v
  }
  out.pos = p
  return row
}

function need(p: number, n: number, end: number, c: ColumnCodec): void {
  if (p + n > end) throw new DecodeError(`truncated value: need ${n} bytes at ${p}, have ${end - p}`, { column: c.col.name })
}

/** ENUM index or SET bit (1-based) → label; 0 is the empty "error" value of an ENUM. */
function label(c: ColumnCodec, idx: number): string {
  if (idx === 0) return ''
  const labels = c.labels
  if (!labels) throw new DecodeError('ENUM/SET labels missing: the server needs binlog_row_metadata=FULL', { column: c.col.name })
  const l = labels[idx - 1]
  if (l === undefined) throw new DecodeError(`value ${idx} beyond the ${labels.length} labels`, { column: c.col.name })
  return l
}

function readVector(buf: Buffer, start: number, len: number, c: ColumnCodec): number[] {
  if (len % 4 !== 0) throw new DecodeError(`VECTOR of ${len} bytes is not a float32 array`, { column: c.col.name })
  const out: number[] = new Array(len >> 2)
  for (let i = 0; i < out.length; i++) out[i] = buf.readFloatLE(start + 4 * i)
  return out
}
