// Scale and bookkeeping of the torture suite: `bun test test/torture` runs the short version
// (CI), `make torture` the long one (CHSYNC_TORTURE=long). Each scenario writes three kinds of
// line to the report file: its start, its counts (changes written, changes found in the target,
// differences), and its end (passed, or failed with the error). The summary counts a scenario
// that failed, or started and never ended (a timeout, a crash), as a difference and names it.

import { appendFileSync } from 'node:fs'

export const LONG = process.env.CHSYNC_TORTURE === 'long'

/** `short` in CI, `long` under make torture. */
export function scale<T>(short: T, long: T): T {
  return LONG ? long : short
}

export interface ScenarioCounts {
  written: number
  found: number
  differences: number
  note?: string
}

export type ReportLine =
  | { event: 'start'; id: string; scenario: string }
  | ({ event: 'result'; id: string; scenario: string } & ScenarioCounts)
  | { event: 'end'; id: string; scenario: string; passed: boolean; error?: string }

let last = 0

function write(line: ReportLine): void {
  const text = JSON.stringify(line)
  console.log(`torture ${text}`)
  const file = process.env.CHSYNC_TORTURE_REPORT
  if (file) appendFileSync(file, text + '\n')
}

/**
 * Runs one scenario: its start goes to the report before anything else, its end after the last
 * assertion. `body` reports its counts through `result` (before the assertions that may fail).
 */
export async function scenario(name: string, body: (result: (counts: ScenarioCounts) => void) => Promise<void>): Promise<void> {
  const id = `${process.pid}-${Date.now()}-${++last}`
  write({ event: 'start', id, scenario: name })
  try {
    await body((counts) => write({ event: 'result', id, scenario: name, ...counts }))
  } catch (err) {
    write({
      event: 'end',
      id,
      scenario: name,
      passed: false,
      error: String((err as Error)?.message ?? err)
        .split('\n')[0]!
        .slice(0, 300),
    })
    throw err
  }
  write({ event: 'end', id, scenario: name, passed: true })
}
