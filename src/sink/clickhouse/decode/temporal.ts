// Date32 days, DateTime64 and Time64 ticks back to the text the binlog decoder gives for DATE,
// DATETIME / TIMESTAMP (UTC) and TIME: the inverse of encode/temporal.ts for values in range.

import { civilFromDays } from '../../../binlog/index.ts'

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

export function dateText(days: number): string {
  const [y, m, d] = civilFromDays(days)
  return `${String(y).padStart(4, '0')}-${two(m)}-${two(d)}`
}

/** '.' and `scale` digits of `frac` (ticks below one second), or nothing for scale 0. */
function fraction(frac: number, scale: number): string {
  return scale === 0 ? '' : '.' + String(frac).padStart(scale, '0')
}

/** 'YYYY-MM-DD hh:mm:ss[.f]' of DateTime64(scale) ticks (bigint: they may pass 2^53). */
export function datetimeText(ticks: bigint, scale: number): string {
  const unit = BigInt(POW10[scale])
  let sec = ticks / unit
  let frac = ticks % unit
  if (frac < 0n) {
    frac += unit
    sec -= 1n
  }
  const s = Number(sec)
  const days = Math.floor(s / 86400)
  const sod = s - days * 86400
  return `${dateText(days)} ${two(Math.floor(sod / 3600))}:${two(Math.floor(sod / 60) % 60)}:${two(sod % 60)}${fraction(Number(frac), scale)}`
}

/** '[-]HH:MM:SS[.f]' of Time64(scale) ticks, hours in two digits at least (up to 838). */
export function timeText(ticks: bigint, scale: number): string {
  const negative = ticks < 0n
  const abs = negative ? -ticks : ticks
  const unit = BigInt(POW10[scale])
  const sec = Number(abs / unit)
  const frac = Number(abs % unit)
  const h = Math.floor(sec / 3600)
  return `${negative ? '-' : ''}${two(h)}:${two(Math.floor(sec / 60) % 60)}:${two(sec % 60)}${fraction(frac, scale)}`
}
