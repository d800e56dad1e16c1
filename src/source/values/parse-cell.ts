// A value of a text-protocol SELECT (raw bytes as the server sent them, from snapshotSelectList)
// turned into exactly the Cell the binlog decoder produces for the same value.

import { type Cell, type ColumnDef, ColumnType, JsonText, columnTypeName, isUtf8, unhandledColumnType } from '../../model/index.ts'
import { type CharsetRegistry, DecodeError } from '../../binlog/index.ts'
import { decodesAsText } from './charset-choice.ts'

export function parseSnapshotCell(raw: Buffer | null, col: ColumnDef, charsets?: CharsetRegistry): Cell {
  if (raw === null) return null
  switch (col.type) {
    case ColumnType.TINY:
    case ColumnType.SHORT:
    case ColumnType.INT24:
    case ColumnType.LONG:
    case ColumnType.YEAR:
      return smallInteger(raw, col)
    case ColumnType.LONGLONG:
      return bigInteger(raw, col)
    case ColumnType.FLOAT:
      // Selected as CAST(c AS DOUBLE): the exact float32 value, printed as a double.
      return Math.fround(double(raw, col))
    case ColumnType.DOUBLE:
      return double(raw, col)
    case ColumnType.NEWDECIMAL:
    case ColumnType.DATE:
    case ColumnType.NEWDATE:
    case ColumnType.TIME:
    case ColumnType.TIME2:
    case ColumnType.DATETIME:
    case ColumnType.DATETIME2:
    case ColumnType.TIMESTAMP:
    case ColumnType.TIMESTAMP2:
      return raw.toString('latin1')
    case ColumnType.BIT:
      return bits(raw, col)
    case ColumnType.STRING:
      if (decodesAsText(col, charsets)) return raw.toString('utf8')
      // BINARY(n): the binlog decoder pads the stored value back to n bytes with 0x00 into a fresh
      // array, as SELECT does. CHAR in a charset chsync cannot decode stays as stored.
      return col.collation === 63 ? padded(raw, col.length) : Buffer.from(raw)
    case ColumnType.VARCHAR:
    case ColumnType.VAR_STRING:
    case ColumnType.TINY_BLOB:
    case ColumnType.MEDIUM_BLOB:
    case ColumnType.LONG_BLOB:
    case ColumnType.BLOB:
      return decodesAsText(col, charsets) ? raw.toString('utf8') : raw
    case ColumnType.ENUM:
      return raw.toString('utf8')
    case ColumnType.JSON:
      // MySQL's text of the document as the bytes the server sent, copied: `raw` may be a view of a
      // packet that is read only during its row's call (snapshot/text-result.ts).
      return isUtf8(raw, 0, raw.length) ? JsonText.of(Buffer.from(raw), 0, raw.length) : JsonText.ofText(raw.toString('utf8'))
    case ColumnType.SET:
      // SET labels cannot contain commas; the empty set prints as ''.
      return raw.length === 0 ? [] : raw.toString('utf8').split(',')
    case ColumnType.GEOMETRY:
      return raw
    case ColumnType.VECTOR:
      return vector(raw, col)
    case ColumnType.NULL:
      return null
  }
  throw new DecodeError(`type ${columnTypeName(unhandledColumnType(col.type))} has no snapshot parser`, { column: col.name })
}

function padded(raw: Buffer, length: number): Uint8Array {
  const out = new Uint8Array(Math.max(raw.length, length))
  out.set(raw)
  return out
}

function malformed(raw: Buffer, col: ColumnDef, what: string): DecodeError {
  return new DecodeError(`expected ${what}, got ${JSON.stringify(raw.toString('latin1').slice(0, 80))}`, { column: col.name })
}

/** Up to 32 bits (and YEAR): ASCII digits with an optional '-', parsed without a string. */
function smallInteger(raw: Buffer, col: ColumnDef): number {
  const n = raw.length
  let i = 0
  let neg = false
  if (raw[0] === 45) {
    neg = true
    i = 1
  }
  if (i === n || n - i > 10) throw malformed(raw, col, 'an integer')
  let v = 0
  for (; i < n; i++) {
    const d = raw[i] - 48
    if (d < 0 || d > 9) throw malformed(raw, col, 'an integer')
    v = v * 10 + d
  }
  return neg ? -v : v
}

function bigInteger(raw: Buffer, col: ColumnDef): bigint {
  const text = raw.toString('latin1')
  if (!/^-?\d{1,20}$/.test(text)) throw malformed(raw, col, 'an integer')
  return BigInt(text)
}

function double(raw: Buffer, col: ColumnDef): number {
  const v = Number(raw.toString('latin1'))
  if (raw.length === 0 || Number.isNaN(v)) throw malformed(raw, col, 'a number')
  return v
}

/** BIT(n): the server sends ceil(n / 8) bytes, big-endian. */
function bits(raw: Buffer, col: ColumnDef): bigint {
  if (raw.length > 8) throw malformed(raw, col, 'at most 8 BIT bytes')
  let v = 0n
  for (const b of raw) v = (v << 8n) | BigInt(b)
  return v
}

/** VECTOR: the stored float32 array, little-endian. */
function vector(raw: Buffer, col: ColumnDef): number[] {
  if (raw.length % 4 !== 0) throw new DecodeError(`VECTOR of ${raw.length} bytes is not a float32 array`, { column: col.name })
  const out: number[] = new Array(raw.length >> 2)
  for (let i = 0; i < out.length; i++) out[i] = raw.readFloatLE(4 * i)
  return out
}
