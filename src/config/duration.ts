// Durations: "0", "500ms", "30s", "30m", "1h", "1d", or combined ("1h30m"). A bare number other than
// 0 is refused: "30" could mean seconds or minutes.

import { expected, ok, type ValueType, wrongType } from './value-type.ts'

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** Milliseconds of a duration string, or null when it is not one. */
export function parseDuration(value: string): number | null {
  const trimmed = value.trim()
  if (trimmed === '0') return 0
  if (!/^(\d+(ms|s|m|h|d))+$/.test(trimmed)) return null
  let ms = 0
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)(ms|s|m|h|d)/g)) ms += Number(amount) * UNIT_MS[unit!]!
  return Number.isSafeInteger(ms) ? ms : null
}

/** A duration that is 0 (meaning "never") or at least `minMs`. */
export function duration(minMs: number): ValueType<number> {
  const expectation = `"0" or a duration of at least ${minMs / 1000}s, e.g. "30m", "1h", "1h30m" (units ms, s, m, h, d)`
  const check = (value: string | number) => {
    const ms = typeof value === 'number' ? (value === 0 ? 0 : null) : parseDuration(value)
    return ms === null || (ms !== 0 && ms < minMs) ? expected<number>(expectation, value) : ok(ms)
  }
  return {
    label: 'duration',
    fromToml: (value) => (typeof value === 'string' || value === 0 ? check(value) : wrongType(expectation, value)),
    fromEnv: (value) => check(value),
  }
}
