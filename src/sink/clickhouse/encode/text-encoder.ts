// RowBinary straight from a text-protocol value (the initial copy's SELECT), skipping the Cell:
// per column a fast path for the common (source type, target kind) pairs that writes exactly the
// bytes parseSnapshotCell + columnEncoder would, and falls back to those two for everything else —
// unusual values included (zero dates, values to clamp, very wide numbers, malformed text), so
// every error, clamp and edge case is theirs.

import type { CharsetRegistry } from '../../../binlog/index.ts'
import { ColumnType } from '../../../model/index.ts'
import type { TargetColumn } from '../../../schema/types/index.ts'
import { decodesAsText, parseSnapshotCell } from '../../../source/index.ts'
import { ClampCounter } from './clamp.ts'
import { columnEncoder } from './column-encoder.ts'
import { MAX_DAY, MIN_DAY, daysFromCivil } from './temporal.ts'
import { isUtf8 } from '../../../model/index.ts'
import type { RowBinaryWriter } from './writer.ts'

/** Writes the value at buf[start..end) (start < 0: NULL) as the column's RowBinary. */
export type TextValueEncoder = (w: RowBinaryWriter, buf: Buffer, start: number, end: number) => void

/** Writes a non-NULL value if it is an ordinary one and returns true; false: leave it to the Cell path. */
type FastPath = (w: RowBinaryWriter, buf: Buffer, start: number, end: number) => boolean

const MAX_SAFE = Number.MAX_SAFE_INTEGER
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i)
const MIN_SEC = MIN_DAY * 86400
const MAX_SEC = MAX_DAY * 86400 + 86399
const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

export function textValueEncoder(
  col: TargetColumn,
  clamps: ClampCounter = new ClampCounter(),
  charsets?: CharsetRegistry,
): TextValueEncoder {
  const cellEncoder = columnEncoder(col, clamps)
  const source = col.source
  const slow: TextValueEncoder = (w, buf, start, end) =>
    cellEncoder(w, parseSnapshotCell(start < 0 ? null : buf.subarray(start, end), source, charsets))
  const fast = fastPath(col, charsets)
  if (!fast) return slow
  const nullable = col.nullable
  return (w, buf, start, end) => {
    if (start >= 0) {
      const at = w.length
      if (nullable) w.u8(0)
      if (fast(w, buf, start, end)) return
      w.truncate(at)
    } else if (nullable) {
      w.u8(1)
      return
    }
    slow(w, buf, start, end)
  }
}

/**
 * One row's values from `buf` at the offsets `at` (value i at at[2i]..at[2i+1], -1 for NULL),
 * then `_version` and `_is_deleted` = 0. On an error the writer is left as it was before the row.
 */
export function encodeTextRow(
  w: RowBinaryWriter,
  encoders: readonly TextValueEncoder[],
  buf: Buffer,
  at: Int32Array,
  version: bigint,
): void {
  const start = w.length
  try {
    for (let i = 0; i < encoders.length; i++) encoders[i](w, buf, at[2 * i], at[2 * i + 1])
    w.u64(version)
    w.u8(0)
  } catch (err) {
    w.truncate(start)
    throw err
  }
}

function fastPath(col: TargetColumn, charsets?: CharsetRegistry): FastPath | null {
  const src = col.source
  // SET and VECTOR are arrays without a Nullable byte: the Cell path does them.
  switch (src.type) {
    case ColumnType.TINY:
    case ColumnType.SHORT:
    case ColumnType.INT24:
    case ColumnType.LONG:
    case ColumnType.YEAR:
      if (col.kind === 'int8' || col.kind === 'uint8') return smallInt((w, v) => w.u8(v))
      if (col.kind === 'int16' || col.kind === 'uint16') return smallInt((w, v) => w.u16(v))
      if (col.kind === 'int32' || col.kind === 'uint32') return smallInt((w, v) => w.u32(v))
      return null
    case ColumnType.LONGLONG:
      return col.kind === 'int64' || col.kind === 'uint64' ? bigIntAsNumber(col.kind === 'uint64') : null
    case ColumnType.DOUBLE:
      return col.kind === 'float64' ? double((w, v) => w.f64(v)) : null
    case ColumnType.FLOAT:
      return col.kind === 'float32' ? double((w, v) => w.f32(Math.fround(v))) : null
    case ColumnType.NEWDECIMAL:
      return col.kind === 'decimal' ? decimal(col) : null
    case ColumnType.DATETIME:
    case ColumnType.DATETIME2:
    case ColumnType.TIMESTAMP:
    case ColumnType.TIMESTAMP2:
      return col.kind === 'datetime64' && col.scale <= 6 ? datetime(col.scale) : null
    case ColumnType.DATE:
    case ColumnType.NEWDATE:
      return col.kind === 'date32' ? date : null
    case ColumnType.VARCHAR:
    case ColumnType.VAR_STRING:
    case ColumnType.TINY_BLOB:
    case ColumnType.MEDIUM_BLOB:
    case ColumnType.LONG_BLOB:
    case ColumnType.BLOB:
      if (col.kind !== 'string') return null
      return decodesAsText(src, charsets) ? utf8Text : bytes
    case ColumnType.STRING:
      // BINARY(n) is padded to n bytes by the Cell path; CHAR in text or in an undecodable charset is not.
      if (col.kind !== 'string' || src.collation === 63) return null
      return decodesAsText(src, charsets) ? utf8Text : bytes
    case ColumnType.ENUM:
      return col.kind === 'string' ? utf8Text : null
    case ColumnType.JSON:
      return col.kind === 'string' ? utf8Text : null
  }
  return null
}

/** Up to 10 ASCII digits with an optional '-', as parseSnapshotCell reads them. */
function smallInt(write: (w: RowBinaryWriter, v: number) => void): FastPath {
  return (w, buf, start, end) => {
    let i = start
    const neg = buf[i] === 45
    if (neg) i++
    if (i === end || end - i > 10) return false
    let v = 0
    for (; i < end; i++) {
      const d = buf[i] - 48
      if (d < 0 || d > 9) return false
      v = v * 10 + d
    }
    write(w, neg ? -v : v)
    return true
  }
}

/**
 * BIGINT of up to 15 digits: the number's Int64 bytes are those of the BigInt the Cell path makes.
 * A negative UInt64 is not ordinary (the Cell path wraps it).
 */
function bigIntAsNumber(unsigned: boolean): FastPath {
  return (w, buf, start, end) => {
    let i = start
    const neg = buf[i] === 45
    if (neg) {
      if (unsigned) return false
      i++
    }
    if (i === end || end - i > 15) return false
    let v = 0
    for (; i < end; i++) {
      const d = buf[i] - 48
      if (d < 0 || d > 9) return false
      v = v * 10 + d
    }
    w.i64n(neg ? -v : v)
    return true
  }
}

/**
 * A double printed without an exponent whose digits fit 2^53 and with at most 22 after the
 * point: digits / 10^k is then one correctly rounded IEEE division, the same double Number()
 * gives for the text (Clinger's fast path). Anything else goes through Number() of the text.
 */
function double(write: (w: RowBinaryWriter, v: number) => void): FastPath {
  return (w, buf, start, end) => {
    let i = start
    const neg = buf[i] === 45
    if (neg) i++
    let m = 0
    let digits = 0
    let frac = -1
    for (; i < end; i++) {
      const c = buf[i]
      if (c === 46) {
        if (frac >= 0) {
          digits = 0
          break
        }
        frac = 0
        continue
      }
      const d = c - 48
      if (d < 0 || d > 9) {
        digits = 0
        break
      }
      m = m * 10 + d
      digits++
      if (frac >= 0) frac++
    }
    let v: number
    if (digits > 0 && frac !== 0 && m <= MAX_SAFE && frac <= 22) {
      v = frac > 0 ? m / POW10[frac] : m
      if (neg) v = -v
    } else {
      // More digits (or an exponent): the same Number() of the same text as the Cell path.
      if (end === start) return false
      v = Number((buf as LatinSlicing).latin1Slice(start, end))
      if (Number.isNaN(v)) return false
    }
    write(w, v)
    return true
  }
}

/** Node's and Bun's Buffer read Latin-1 text from a range without a view first; not in the typings. */
interface LatinSlicing extends Buffer {
  latin1Slice(start: number, end: number): string
}

/** DECIMAL text scaled to the column's integer, for values below 2^53 once scaled. */
function decimal(col: TargetColumn): FastPath {
  const { scale, bytes } = col
  const intLimit = col.precision - scale
  return (w, buf, start, end) => {
    let i = start
    const neg = buf[i] === 45
    if (neg) i++
    let v = 0
    let intDigits = 0
    let fracDigits = -1
    let digits = 0
    for (; i < end; i++) {
      const c = buf[i]
      if (c === 46) {
        if (fracDigits >= 0) return false
        fracDigits = 0
        continue
      }
      const d = c - 48
      if (d < 0 || d > 9) return false
      v = v * 10 + d
      digits++
      if (fracDigits >= 0) fracDigits++
      else if (v !== 0) intDigits++
    }
    if (digits === 0 || fracDigits === 0) return false
    if (fracDigits < 0) fracDigits = 0
    if (fracDigits > scale || intDigits > intLimit) return false
    const scaled = v * POW10[scale - fracDigits]
    if (!(scaled <= MAX_SAFE)) return false
    const s = neg ? -scaled : scaled
    if (bytes === 4) w.u32(s)
    else if (bytes === 8) w.i64n(s)
    else w.wideN(s, bytes)
    return true
  }
}

function num2(buf: Buffer, i: number): number {
  const a = buf[i] - 48
  const b = buf[i + 1] - 48
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1
}

/** Days of 'YYYY-MM-DD' at buf[i..i+10) when it is a calendar date within Date32's range, else NaN. */
function dayNumber(buf: Buffer, i: number): number {
  if (buf[i + 4] !== 45 || buf[i + 7] !== 45) return NaN
  const y1 = num2(buf, i)
  const y2 = num2(buf, i + 2)
  const m = num2(buf, i + 5)
  const d = num2(buf, i + 8)
  if (y1 < 0 || y2 < 0 || m < 1 || m > 12 || d < 1) return NaN
  const y = y1 * 100 + y2
  if (d > MONTH_DAYS[m] && !(m === 2 && d === 29 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0))) return NaN
  const days = daysFromCivil(y, m, d)
  return days >= MIN_DAY && days <= MAX_DAY ? days : NaN
}

const date: FastPath = (w, buf, start, end) => {
  if (end - start !== 10) return false
  const days = dayNumber(buf, start)
  if (Number.isNaN(days)) return false
  w.u32(days)
  return true
}

/** 'YYYY-MM-DD HH:MM:SS[.f…]' within DateTime64's range, as ticks of 10^-scale s below 2^53. */
function datetime(scale: number): FastPath {
  const unit = POW10[scale]
  return (w, buf, start, end) => {
    const n = end - start
    if (n < 19 || buf[start + 10] !== 32 || buf[start + 13] !== 58 || buf[start + 16] !== 58) return false
    const days = dayNumber(buf, start)
    const h = num2(buf, start + 11)
    const mi = num2(buf, start + 14)
    const se = num2(buf, start + 17)
    if (Number.isNaN(days) || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59) return false
    let frac = 0
    if (n > 19) {
      const k = n - 20
      if (buf[start + 19] !== 46 || k < 1 || k > scale) return false
      for (let i = start + 20; i < end; i++) {
        const d = buf[i] - 48
        if (d < 0 || d > 9) return false
        frac = frac * 10 + d
      }
      frac *= POW10[scale - k]
    }
    const sec = days * 86400 + h * 3600 + mi * 60 + se
    if (sec < MIN_SEC || sec > MAX_SEC) return false
    const t = sec * unit + frac
    if (t > MAX_SAFE || t < -MAX_SAFE) return false
    w.i64n(t)
    return true
  }
}

/** Text the Cell path decodes as UTF-8 and writes back as UTF-8: valid UTF-8 comes out as it is. */
const utf8Text: FastPath = (w, buf, start, end) => {
  if (!isUtf8(buf, start, end)) return false
  w.bytesFrom(buf, start, end)
  return true
}

/** Bytes the Cell path keeps as they are. */
const bytes: FastPath = (w, buf, start, end) => {
  w.bytesFrom(buf, start, end)
  return true
}
