// Date32 days, DateTime64 and Time64 ticks back to the text the binlog decoder gives for DATE,
// DATETIME / TIMESTAMP (UTC) and TIME: the inverse of encode/temporal.ts for values in range.

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

/** The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day]
}

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
