// DECIMAL/NUMERIC in MySQL's binary form (strings/decimal.cc, decimal2bin), decoded to its exact
// text: the digits go into 9-digit groups stored as 4-byte big-endian words; a leading or trailing
// partial group takes 1-4 bytes. The first byte's top bit is the sign (1 = positive) and every byte
// of a negative number is inverted.

import { DecodeError } from '../errors.ts'

const DIG2BYTES = [0, 1, 1, 2, 2, 3, 3, 4, 4, 4]
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

export function decimalSize(precision: number, scale: number): number {
  const intg = precision - scale
  return ((intg / 9) | 0) * 4 + DIG2BYTES[intg % 9] + ((scale / 9) | 0) * 4 + DIG2BYTES[scale % 9]
}

/** The text of the DECIMAL(precision, scale) at buf[pos..pos+decimalSize): "-12.50", "0.000", "7". */
export function readDecimal(buf: Uint8Array, pos: number, precision: number, scale: number): string {
  const intg = precision - scale
  const intg0 = (intg / 9) | 0
  const intg0x = intg % 9
  const frac0 = (scale / 9) | 0
  const frac0x = scale % 9
  const end = pos + decimalSize(precision, scale)
  if (end > buf.length) throw new DecodeError(`truncated DECIMAL(${precision},${scale})`)
  const mask = buf[pos] & 0x80 ? 0 : 0xff
  let p = pos
  // The sign bit is flipped in the first byte of the number only, whichever group it starts.
  let flip = 0x80

  let int: string
  if (intg <= 15) {
    // At most 15 digits: exact as one number, printed by one String() (no leading zeros).
    let v = 0
    if (intg0x > 0) {
      const n = DIG2BYTES[intg0x]
      v = word(buf, p, n, mask, flip, intg0x, precision, scale)
      p += n
      flip = 0
    }
    if (intg0 > 0) {
      v = v * 1e9 + word(buf, p, 4, mask, flip, 9, precision, scale)
      p += 4
      flip = 0
    }
    int = String(v)
  } else {
    int = ''
    if (intg0x > 0) {
      const n = DIG2BYTES[intg0x]
      const v = word(buf, p, n, mask, flip, intg0x, precision, scale)
      p += n
      flip = 0
      if (v !== 0) int = String(v)
    }
    for (let i = 0; i < intg0; i++) {
      const v = word(buf, p, 4, mask, flip, 9, precision, scale)
      p += 4
      flip = 0
      int = int === '' ? (v === 0 ? '' : String(v)) : int + padded(v, 9)
    }
    if (int === '') int = '0'
  }
  if (scale === 0) return mask !== 0 ? '-' + int : int
  let frac = ''
  for (let i = 0; i < frac0; i++) {
    frac += padded(word(buf, p, 4, mask, flip, 9, precision, scale), 9)
    p += 4
    flip = 0
  }
  if (frac0x > 0) frac += padded(word(buf, p, DIG2BYTES[frac0x], mask, flip, frac0x, precision, scale), frac0x)
  // The sign as stored, as decimal2string prints it (the server never stores a negative zero).
  return mask !== 0 ? '-' + int + '.' + frac : int + '.' + frac
}

const ZEROS = '00000000'

/** v in `digits` digits, zeros in front (String.prototype.padStart is a slower call). */
function padded(v: number, digits: number): string {
  const s = String(v)
  return s.length < digits ? ZEROS.slice(0, digits - s.length) + s : s
}

/** One big-endian digit group of `bytes` bytes holding at most `digits` digits. */
function word(
  buf: Uint8Array,
  p: number,
  bytes: number,
  mask: number,
  flip: number,
  digits: number,
  precision: number,
  scale: number,
): number {
  let v = buf[p] ^ flip ^ mask
  for (let k = 1; k < bytes; k++) v = v * 256 + (buf[p + k] ^ mask)
  if (v >= POW10[digits]) throw new DecodeError(`DECIMAL(${precision},${scale}) digit group ${v} out of range (more than ${digits} digits)`)
  return v
}
