// Scale and bookkeeping of the torture suite: `bun test test/torture` runs the short version
// (CI), `make torture` the long one (CHSYNC_TORTURE=long) and collects one line per scenario
// (changes written, changes found in the target, differences) for its summary.

import { appendFileSync } from 'node:fs'

export const LONG = process.env.CHSYNC_TORTURE === 'long'

/** `short` in CI, `long` under make torture. */
export function scale<T>(short: T, long: T): T {
  return LONG ? long : short
}

export interface ScenarioResult {
  scenario: string
  written: number
  found: number
  differences: number
  note?: string
}

export function record(r: ScenarioResult): void {
  const line = JSON.stringify(r)
  console.log(`torture ${line}`)
  const file = process.env.CHSYNC_TORTURE_REPORT
  if (file) appendFileSync(file, line + '\n')
}
