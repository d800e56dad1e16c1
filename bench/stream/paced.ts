// (b) The paced loads, once per flushing mode on the same chsync's state: adaptive batching
// (apply.flush_when_idle, the default) and flushing by size and time only, each at --rate and
// --high-rate, so lag and ClickHouse parts per second of both stand side by side from one run.

import type { Flavor } from '../../src/binlog/index.ts'
import type { ChsyncProcess } from '../support/chsync.ts'
import { checkEqual } from './check.ts'
import { measureLag } from './lag.ts'
import type { StreamBenchOptions } from './options.ts'
import type { PacedLoad } from './report.ts'

/** The flushing modes compared: their label and the environment that selects them. */
export const FLUSH_MODES = [
  { mode: 'adaptive', env: { CHSYNC_APPLY_FLUSH_WHEN_IDLE: 'true' } },
  { mode: 'by size and time', env: { CHSYNC_APPLY_FLUSH_WHEN_IDLE: 'false' } },
] as const

export interface PacedJob {
  flavor: Flavor
  chsync: ChsyncProcess
  opts: StreamBenchOptions
  log: (line: string) => void
  /** Waits until chsync has committed the source's end of binlog. */
  caughtUp: () => Promise<void>
  checks: string[]
}

/** Runs every load in every mode; chsync is stopped on entry and on a normal return. */
export async function pacedLoads(job: PacedJob): Promise<PacedLoad[]> {
  const { chsync, opts, log } = job
  const rates = [opts.rate, ...(opts.highRate > 0 ? [opts.highRate] : [])]
  const loads: PacedLoad[] = []
  // Ids clear of each other's and of the big transactions' (5 and 6 * 10^9 on): 10^9 per connection from firstId.
  let firstId = 10_000_000_000
  for (let round = 1; round <= opts.lagRuns; round++) {
    // Each round starts with the other mode: the first load after the catch-up (or after the
    // loads before) meets ClickHouse still merging their parts, and fared worse in either mode.
    for (const { mode, env } of round % 2 === 1 ? FLUSH_MODES : [...FLUSH_MODES].reverse()) {
      chsync.start(env)
      await chsync.waitFor('streaming', 60_000)
      await job.caughtUp()
      for (const rate of rates) {
        log(`${job.flavor}: (b) ${mode}, round ${round}: paced load of ${rate}/s for ${opts.seconds} s`)
        const lag = await measureLag({
          flavor: job.flavor,
          rate,
          seconds: opts.seconds,
          warmupSeconds: 5,
          connections: opts.connections,
          firstId,
        })
        firstId += 10_000_000_000
        await job.caughtUp()
        loads.push({ ...lag, mode, round, rate, seconds: opts.seconds, connections: opts.connections, peakRssMb: chsync.peakRssMb })
        log(
          `${job.flavor}: (b) ${mode}: lag p50 ${lag.p50Ms.toFixed(0)} ms, p99 ${lag.p99Ms.toFixed(0)} ms, max ${lag.maxMs.toFixed(0)} ms, achieved ${Math.round(lag.achievedRate)}/s, ${lag.partsPerSecond.toFixed(1)} parts/s`,
        )
        job.checks.push(`after the paced load at ${rate}/s (${mode}, round ${round}): ${await checkEqual(job.flavor)}`)
      }
      // The caller's finally closes a chsync left running by an error.
      const code = await chsync.stop()
      if (code !== 0) throw new Error(`chsync exited with ${code}: ${chsync.tail()}`)
    }
  }
  return loads
}
