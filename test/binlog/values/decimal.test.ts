// DECIMAL's binary form decoded to its text, against an encoder written from the format's
// description (strings/decimal.cc decimal2bin): random precisions, scales and digits, both
// signs, zeros and leading zeros, and every group width, including the 15/16-digit boundary.

import { expect, test } from 'bun:test'
import { decimalSize, readDecimal } from '../../../src/binlog/values/decimal.ts'
import { seeded } from '../../support/random.ts'

const DIG2BYTES = [0, 1, 1, 2, 2, 3, 3, 4, 4, 4]

/** decimal2bin of the digits: int (intg digits), frac (scale digits), sign. */
function encode(negative: boolean, int: string, frac: string): Buffer {
  const groups: [string, number][] = []
  const lead = int.length % 9
  if (lead) groups.push([int.slice(0, lead), DIG2BYTES[lead]])
  for (let i = lead; i < int.length; i += 9) groups.push([int.slice(i, i + 9), 4])
  for (let i = 0; i + 9 <= frac.length; i += 9) groups.push([frac.slice(i, i + 9), 4])
  const tail = frac.length % 9
  if (tail) groups.push([frac.slice(frac.length - tail), DIG2BYTES[tail]])
  const out: number[] = []
  for (const [digits, bytes] of groups) {
    const v = Number(digits)
    for (let b = bytes - 1; b >= 0; b--) out.push(Math.floor(v / 256 ** b) % 256)
  }
  const buf = Buffer.from(out)
  if (buf.length) buf[0] ^= 0x80
  if (negative) for (let i = 0; i < buf.length; i++) buf[i] ^= 0xff
  return buf
}

test('random DECIMAL(p, s) values print as decimal2string prints them', () => {
  const rand = seeded(5)
  const digits = (n: number, zeroish: boolean) =>
    Array.from({ length: n }, () => (zeroish && rand() < 0.7 ? '0' : String(Math.floor(rand() * 10)))).join('')
  for (let k = 0; k < 20000; k++) {
    const precision = k < 2000 ? 14 + (k % 4) : 1 + Math.floor(rand() * 65)
    const scale = Math.floor(rand() * (Math.min(30, precision) + 1))
    const int = digits(precision - scale, rand() < 0.3)
    const frac = digits(scale, rand() < 0.2)
    const shown = int.replace(/^0+/, '') || '0'
    const zero = /^0*$/.test(int + frac)
    const negative = !zero && rand() < 0.5
    const expected = (negative ? '-' : '') + shown + (scale ? `.${frac}` : '')
    const buf = encode(negative, int, frac)
    expect(buf.length).toBe(decimalSize(precision, scale))
    expect({ precision, scale, text: readDecimal(buf, 0, precision, scale) }).toEqual({ precision, scale, text: expected })
  }
})
