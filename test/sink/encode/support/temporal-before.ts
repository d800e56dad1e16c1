// The DATE and DATETIME encoders as they were before the day cache (commit ad58801), kept as the
// reference the randomized test compares the current ones with (daysFromCivil, unchanged, is
// src's). Not used by src/.

import type { Cell } from '../../../../src/model/index.ts'
import type { TargetColumn } from '../../../../src/schema/types/index.ts'
import { type ClampCounter, EncodeError, type RowBinaryWriter, daysFromCivil } from '../../../../src/sink/clickhouse/encode/index.ts'

const describeCell = (cell: Cell) => (typeof cell === 'string' ? JSON.stringify(cell) : String(cell))

/** The range of Date32 and DateTime64: 1900-01-01 .. 2299-12-31. */
const MIN_DAY = daysFromCivil(1900, 1, 1)
const MAX_DAY = daysFromCivil(2299, 12, 31)
const MIN_SEC = MIN_DAY * 86400
const MAX_SEC = MAX_DAY * 86400 + 86399
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]
const MAX_SAFE = Number.MAX_SAFE_INTEGER
// DateTime64(9) ends where Int64 nanoseconds do: 2262-04-11 23:47:16.854775807.
const MAX_SEC_9 = 9223372036
const MAX_FRAC_9 = 854775807

/** Returned for text that is not in SELECT's form at all. */
const MALFORMED = -Infinity

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : NaN
}

function two(s: string, i: number): number {
  return digit(s, i) * 10 + digit(s, i + 1)
}

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

/** Days of 'YYYY-MM-DD' at `s[0..10)`; NaN when it is not on the calendar (zero, partial-zero, invalid). */
function dateDays(s: string): number {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return MALFORMED
  const y = two(s, 0) * 100 + two(s, 2)
  const m = two(s, 5)
  const d = two(s, 8)
  if (Number.isNaN(y) || Number.isNaN(m) || Number.isNaN(d)) return MALFORMED
  if (m < 1 || m > 12 || d < 1 || (d > MONTH_DAYS[m] && !(m === 2 && d === 29 && isLeap(y)))) return NaN
  return daysFromCivil(y, m, d)
}

export function date32Encoder(col: TargetColumn, clamps: ClampCounter): (w: RowBinaryWriter, cell: Cell) => void {
  const name = col.name
  return (w, cell) => {
    if (typeof cell !== 'string' || cell.length !== 10) throw new EncodeError(name, `expected DATE text, got ${describeCell(cell)}`)
    let days = dateDays(cell)
    if (days === MALFORMED) throw new EncodeError(name, `expected DATE text, got ${describeCell(cell)}`)
    if (!(days >= MIN_DAY)) {
      days = MIN_DAY
      clamps.add(name, cell, '1900-01-01')
    } else if (days > MAX_DAY) {
      days = MAX_DAY
      clamps.add(name, cell, '2299-12-31')
    }
    w.u32(days)
  }
}

/**
 * The fraction after position `i` ('.' then digits to the end) in units of 10^-scale s, or
 * MALFORMED. A text with more digits than `scale` cannot occur (the mapping keeps scale >= fsp).
 */
function fraction(s: string, i: number, scale: number): number {
  if (i === s.length) return 0
  const n = s.length - i - 1
  if (s.charCodeAt(i) !== 46 || n < 1 || n > scale) return MALFORMED
  let f = 0
  for (let k = i + 1; k < s.length; k++) f = f * 10 + digit(s, k)
  return Number.isNaN(f) ? MALFORMED : f * POW10[scale - n]
}

function writeTicks(w: RowBinaryWriter, sec: number, frac: number, scale: number): void {
  const t = sec * POW10[scale] + frac
  if (t <= MAX_SAFE && t >= -MAX_SAFE) w.i64n(t)
  else w.i64(BigInt(sec) * BigInt(POW10[scale]) + BigInt(frac))
}

export function datetime64Encoder(col: TargetColumn, clamps: ClampCounter): (w: RowBinaryWriter, cell: Cell) => void {
  const name = col.name
  const scale = col.scale
  const maxSec = scale === 9 ? MAX_SEC_9 : MAX_SEC
  const maxFrac = scale === 9 ? MAX_FRAC_9 : POW10[scale] - 1
  const dot = scale > 0 ? '.' : ''
  const minText = `1900-01-01 00:00:00${dot}${'0'.repeat(scale)}`
  const maxText = scale === 9 ? '2262-04-11 23:47:16.854775807' : `2299-12-31 23:59:59${dot}${'9'.repeat(scale)}`
  const bad = (cell: Cell) => new EncodeError(name, `expected DATETIME text, got ${describeCell(cell)}`)
  return (w, cell) => {
    if (
      typeof cell !== 'string' ||
      cell.length < 19 ||
      cell.charCodeAt(10) !== 32 ||
      cell.charCodeAt(13) !== 58 ||
      cell.charCodeAt(16) !== 58
    )
      throw bad(cell)
    const days = dateDays(cell)
    const h = two(cell, 11)
    const mi = two(cell, 14)
    const se = two(cell, 17)
    let frac = fraction(cell, 19, scale)
    if (days === MALFORMED || frac === MALFORMED || !(h <= 23 && mi <= 59 && se <= 59)) throw bad(cell)
    let sec = days * 86400 + h * 3600 + mi * 60 + se
    if (!(sec >= MIN_SEC)) {
      sec = MIN_SEC
      frac = 0
      clamps.add(name, cell, minText)
    } else if (sec > maxSec || (sec === maxSec && frac > maxFrac)) {
      sec = maxSec
      frac = maxFrac
      clamps.add(name, cell, maxText)
    }
    writeTicks(w, sec, frac, scale)
  }
}
