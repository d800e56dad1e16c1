// Byte sizes: "32MiB", "1.5 GiB", "512B" or a plain integer of bytes. Binary units only: "MB" is
// refused because it means 10^6 to some readers and 2^20 to others.

import { expected, ok, type ValueType, wrongType } from './value-type.ts'

const UNITS: Record<string, number> = { b: 1, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 }

/** Bytes of a size string or integer, or null when it is not one (or not a whole number of bytes). */
export function parseSize(value: string | number): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)?\s*$/i.exec(value)
  if (!match) return null
  const unit = UNITS[(match[2] ?? 'b').toLowerCase()]
  if (unit === undefined) return null
  const bytes = Number(match[1]) * unit
  return Number.isSafeInteger(bytes) ? bytes : null
}

/** The shortest exact spelling: 33554432 → "32MiB", 1000 → "1000B". */
export function formatSize(bytes: number): string {
  for (const [unit, factor] of [
    ['TiB', 2 ** 40],
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ] as const) {
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`
  }
  return `${bytes}B`
}

/** A size of at least `min` bytes. */
export function size(min: number): ValueType<number> {
  const expectation = `a size of at least ${formatSize(min)} (an integer of bytes, or a number with B, KiB, MiB, GiB or TiB, e.g. "32MiB")`
  const check = (value: string | number) => {
    const bytes = parseSize(value)
    return bytes === null || bytes < min ? expected<number>(expectation, value) : ok(bytes)
  }
  return {
    label: 'size',
    fromToml: (value) => (typeof value === 'string' || typeof value === 'number' ? check(value) : wrongType(expectation, value)),
    fromEnv: (value) => check(value),
  }
}
