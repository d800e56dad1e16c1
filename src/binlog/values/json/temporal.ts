// Temporal opaque values inside binary JSON, printed as MySQL prints them in JSON text.
//
// The opaque data is 8 bytes: MySQL's "packed" int64 (Json_datetime::to_packed), little-endian.
// Packed value v (negated as a whole for a negative TIME): frac = v % 2^24 (microseconds),
// int = v >> 24, where for DATE/DATETIME/TIMESTAMP
//   int = ((year * 13 + month) << 5 | day) << 17 | hour << 12 | minute << 6 | second
// and for TIME int = hour << 12 | minute << 6 | second (hour in 10 bits).
// Printing follows my_TIME_to_str(t, 6): dates as YYYY-MM-DD, datetimes and times with six
// fraction digits, a two-digit field >= 100 printed as "00" (format_two_digits).

import { DecodeError } from '../../errors.ts'
import { JsonTemporal, MYSQL_TYPE_DATE, MYSQL_TYPE_TIME, type TemporalFieldType } from './types.ts'

const PACKED_SIZE = 8

/** Decodes the opaque data in buf[start, end) of the given temporal field type. */
export function decodeJsonTemporal(fieldType: TemporalFieldType, buf: Buffer, start: number, end: number): JsonTemporal {
  if (end - start !== PACKED_SIZE) {
    throw new DecodeError(`JSON temporal value of field type ${fieldType} must be 8 bytes, has ${end - start}`)
  }
  // Split into two 32-bit halves to stay in exact number arithmetic.
  let lo = buf.readUInt32LE(start)
  let hi = buf.readInt32LE(start + 4)
  const negative = hi < 0
  if (negative) {
    // Two's complement negation of the 64-bit value.
    lo = (~lo >>> 0) + 1
    hi = ~hi + (lo > 0xffffffff ? 1 : 0)
    lo >>>= 0
    hi >>>= 0
  }
  const frac = lo & 0xffffff
  // int part = v >> 24: up to 40 bits, exact in a double.
  const intPart = (hi >>> 0) * 256 + (lo >>> 24)
  let text: string
  if (fieldType === MYSQL_TYPE_TIME) {
    const hour = Math.floor(intPart / 4096) % 1024
    const minute = Math.floor(intPart / 64) % 64
    const second = intPart % 64
    text = (negative ? '-' : '') + String(hour).padStart(2, '0') + ':' + two(minute) + ':' + two(second) + '.' + six(frac)
  } else {
    const ymd = Math.floor(intPart / 131072)
    const hms = intPart % 131072
    const ym = Math.floor(ymd / 32)
    const year = Math.floor(ym / 13)
    const date = two(Math.floor(year / 100)) + two(year % 100) + '-' + two(ym % 13) + '-' + two(ymd % 32)
    if (fieldType === MYSQL_TYPE_DATE) text = date
    else {
      const hour = Math.floor(hms / 4096)
      text = date + ' ' + two(hour) + ':' + two(Math.floor(hms / 64) % 64) + ':' + two(hms % 64) + '.' + six(frac)
    }
  }
  return new JsonTemporal(fieldType, text)
}

function two(v: number): string {
  if (v >= 100) return '00'
  return v < 10 ? '0' + v : String(v)
}

/** The six least significant digits (write_digits), zero-padded. */
function six(v: number): string {
  return String(v % 1000000).padStart(6, '0')
}
