// The DECIMAL opaque inside binary JSON, decoded to the exact text MySQL prints (decimal2string).
//
// Layout (Json_decimal::get_binary): precision u8, scale u8, then the DECIMAL column's binary
// form (decimal2bin) for that precision and scale:
//   [leading int digits % 9][int words of 9 digits, 4 bytes each][frac words][trailing frac digits % 9]
// Each group is big-endian; a partial group of n digits takes DIG2BYTES[n] bytes. The value is
// stored with the top bit of the first byte flipped; a negative value has every byte inverted.

import { DecodeError } from '../../errors.ts'
import { decimalSize, readDecimal } from '../decimal.ts'
import { JsonDecimal } from './types.ts'

// The server reads precision and scale as signed chars. DECIMAL allows 65 digits, but the
// server writes a larger precision for some values (66 for CAST(... AS DECIMAL(65,30)) of 65 nines).
const MAX_PRECISION = 127

/** Decodes the opaque data in buf[start, end) (precision and scale bytes included). */
export function decodeJsonDecimal(buf: Buffer, start: number, end: number): JsonDecimal {
  if (end - start < 2) throw new DecodeError(`JSON decimal needs 2 bytes of precision and scale, has ${end - start}`)
  const precision = buf[start]
  const scale = buf[start + 1]
  if (precision > MAX_PRECISION || scale > precision) {
    throw new DecodeError(`JSON decimal has impossible precision ${precision} and scale ${scale}`)
  }
  const size = decimalSize(precision, scale)
  if (end - start - 2 !== size) {
    throw new DecodeError(`JSON decimal(${precision},${scale}) needs ${size} bytes, has ${end - start - 2}`)
  }
  return new JsonDecimal(size === 0 ? '0' : readDecimal(buf, start + 2, precision, scale), precision, scale)
}
