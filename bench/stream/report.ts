// The figures the streaming benchmark prints, and its last line.

import type { BigTxResult } from './big-tx.ts'
import type { Backlog, CatchUp } from './catchup.ts'
import { rowChanges } from '../decode/range.ts'
import type { RangeFigures } from './decode-range.ts'
import type { LagResult } from './lag.ts'

export interface CatchUpRun {
  backlog: Backlog
  catchUp: CatchUp
  peakRssMb: number
  cpu: Record<string, number>
}

export interface ServerFigures {
  server: string
  version: string
  runs: CatchUpRun[]
  /** The paced loads: each rate, in each flushing mode, in each round. */
  loads: PacedLoad[]
  bigTx: (BigTxResult & { kind: 'transaction' | 'row'; maxBufferBytes: string })[]
  checks: string[]
  /** (d) bench/decode's range, decoded and streamed. */
  range?: RangeFigures
  /** Peak RSS of a chsync that started, copied the empty table and streamed nothing: the floor. */
  idleRssMb?: number
}

export type PacedLoad = LagResult & {
  /** The flushing mode: 'adaptive' (apply.flush_when_idle, the default) or 'by size and time'. */
  mode: string
  round: number
  rate: number
  seconds: number
  connections: number
  peakRssMb: number
}

const int = (n: number) => Math.round(n).toLocaleString('en-US')

export function bestRun(f: ServerFigures): CatchUpRun | null {
  let best: CatchUpRun | null = null
  for (const r of f.runs) if (!best || r.backlog.changes / r.catchUp.seconds > best.backlog.changes / best.catchUp.seconds) best = r
  return best
}

export function renderStreamReport(all: ServerFigures[]): string {
  const lines: string[] = []
  for (const f of all) {
    lines.push(
      `${f.server} ${f.version}${f.idleRssMb ? ` (chsync started with nothing to do: peak RSS ${f.idleRssMb.toFixed(0)} MB)` : ''}`,
    )
    const best = bestRun(f)
    for (const [i, r] of f.runs.entries()) {
      const b = r.backlog
      lines.push(
        `  (a) run ${i + 1}: backlog of ${int(b.changes)} row changes in ${int(b.transactions)} transactions, ${(b.binlogBytes / 1e6).toFixed(0)} MB of binlog ` +
          `(written by the source in ${b.writeSeconds.toFixed(1)} s, ${int(b.changes / b.writeSeconds)}/s)`,
        `      applied and committed in ${r.catchUp.seconds.toFixed(2)} s: ${int(b.changes / r.catchUp.seconds)} row changes/s, ` +
          `${(b.binlogBytes / 1e6 / r.catchUp.seconds).toFixed(1)} MB/s of binlog (${int(b.changes / r.catchUp.processSeconds)}/s from the process start), ` +
          `peak RSS ${r.peakRssMb.toFixed(0)} MB, CPU ${Object.entries(r.cpu)
            .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
            .join(', ')}`,
      )
    }
    if (best) lines.push(`  (a) best: ${int(best.backlog.changes / best.catchUp.seconds)} row changes/s`)
    for (const l of f.loads) {
      lines.push(
        `  (b) ${l.mode}, paced load of ${int(l.rate)} row changes/s for ${l.seconds} s on ${l.connections} connections (achieved ${int(l.achievedRate)}/s, ` +
          `${l.lateTransactions} transactions late): lag p50 ${l.p50Ms.toFixed(0)} ms, p99 ${l.p99Ms.toFixed(0)} ms, max ${l.maxMs.toFixed(0)} ms ` +
          `over ${l.samples.length} samples, ClickHouse parts ${l.partsPerSecond.toFixed(1)}/s; peak RSS ${l.peakRssMb.toFixed(0)} MB`,
      )
    }
    lines.push(...pacedSummary(f.loads))
    for (const t of f.bigTx) {
      const over = f.idleRssMb
        ? `, ${(t.peakRssMb - f.idleRssMb).toFixed(0)} MB over idle = ${((t.peakRssMb - f.idleRssMb) / (mebibytes(t.maxBufferBytes) / 1e6)).toFixed(2)} x max_buffer_bytes`
        : ''
      const what = t.kind === 'transaction' ? `one transaction of ${int(t.changes)} row changes` : 'one row'
      lines.push(
        `  (c) ${what}, ${(t.binlogBytes / 1e6).toFixed(0)} MB of binlog (written in ${t.writeSeconds.toFixed(1)} s): ` +
          `applied and committed ${t.applySeconds.toFixed(1)} s after its commit, peak RSS ${t.peakRssMb.toFixed(0)} MB with apply.max_buffer_bytes = ${t.maxBufferBytes}${over}`,
      )
    }
    if (f.range) {
      const r = f.range
      lines.push(
        `  (d) bench-decode's range: ${int(rowChanges(r.range))} row changes, ${(r.range.bytes / 1e6).toFixed(0)} MB of binlog; best of ${r.rounds}: ` +
          `decode ${int(r.decodeRate)} rows/s, streamed into ClickHouse and committed ${int(r.streamRate)} rows/s (peak RSS ${r.streamPeakRssMb.toFixed(0)} MB), ` +
          `ratio ${(r.streamRate / r.decodeRate).toFixed(2)}; least CPU of chsync: decode ${r.decodeCpuUsPerChange.toFixed(2)} µs, stream ${r.streamCpuUsPerChange.toFixed(2)} µs a change ` +
          `(ratio ${(r.decodeCpuUsPerChange / r.streamCpuUsPerChange).toFixed(2)}); target checked: its rows are the range's`,
      )
    }
    for (const c of f.checks) lines.push(`  target checked: ${c}`)
  }
  lines.push(
    '',
    'Row changes: inserted rows, updated rows, deleted rows. Applied: committed to the state file after ClickHouse acknowledged.',
    'Lag: wall clock minus the newest NOW(6) written at the source that a query finds in ClickHouse, sampled every 100 ms',
    '(upper bound: the time the answer arrived). Peak RSS: VmHWM of the chsync process (catch-up and paced load).',
  )
  // The verdict: the weakest figure over the servers measured.
  const rates = all
    .map(bestRun)
    .filter((r): r is CatchUpRun => r !== null)
    .map((r) => r.backlog.changes / r.catchUp.seconds)
  // The lag of chsync's default mode at the first rate: its worst round.
  const first = all.flatMap((f) => f.loads).find((l) => l.mode === DEFAULT_MODE)
  const lags = all.flatMap((f) => f.loads.filter((l) => l.mode === DEFAULT_MODE && l.rate === first?.rate).map((l) => l.p99Ms))
  const rss = all.flatMap((f) => [...f.runs.map((r) => r.peakRssMb), ...f.loads.map((l) => l.peakRssMb)])
  // Streaming against decoding on one workload: the weakest ratio over the servers.
  const ratios = all.flatMap((f) => (f.range ? [f.range.streamRate / f.range.decodeRate] : []))
  if (ratios.length)
    lines.push(`stream/decode ratio: ${Math.min(...ratios).toFixed(2)} (bench-decode's range, streamed into ClickHouse against decoded)`)
  const x = rates.length ? int(Math.min(...rates)) : 'n/a'
  const y = lags.length ? Math.max(...lags).toFixed(0) : 'n/a'
  const z = rss.length ? Math.max(...rss).toFixed(0) : 'n/a'
  lines.push(`stream: ${x} rows/s, lag p99 at ${first?.rate ?? 20000}/s: ${y} ms, peak RSS ${z} MB`)
  return lines.join('\n')
}

/** The mode chsync flushes in by default (apply.flush_when_idle = true), as paced.ts names it. */
const DEFAULT_MODE = 'adaptive'

/**
 * Per rate and mode over the rounds: the spread of p99 and parts/s, then adaptive against by size
 * and time as ratios (lag below 1 is better; parts at most 1 is the goal).
 */
function pacedSummary(loads: PacedLoad[]): string[] {
  const out: string[] = []
  const range = (xs: number[], digits: number) => {
    const lo = Math.min(...xs).toFixed(digits)
    const hi = Math.max(...xs).toFixed(digits)
    return lo === hi ? lo : `${lo}-${hi}`
  }
  for (const rate of new Set(loads.map((l) => l.rate))) {
    const of = (mode: string) => loads.filter((l) => l.rate === rate && l.mode === mode)
    const modes = [...new Set(loads.map((l) => l.mode))]
    const parts = modes.map((m) => {
      const l = of(m)
      return `${m} p50 ${range(
        l.map((x) => x.p50Ms),
        0,
      )} ms, p99 ${range(
        l.map((x) => x.p99Ms),
        0,
      )} ms, ${range(
        l.map((x) => x.partsPerSecond),
        1,
      )} parts/s`
    })
    const a = of('adaptive')
    const b = of(DEFAULT_MODE)
    const median = (xs: number[]) => {
      const o = [...xs].sort((x, y) => x - y)
      return (o[Math.floor((o.length - 1) / 2)] + o[Math.ceil((o.length - 1) / 2)]) / 2
    }
    const ratios =
      a.length && b.length
        ? `; adaptive / by size and time (medians): lag p50 ${(median(a.map((l) => l.p50Ms)) / median(b.map((l) => l.p50Ms))).toFixed(2)}, p99 ${(median(a.map((l) => l.p99Ms)) / median(b.map((l) => l.p99Ms))).toFixed(2)}, parts/s ${(median(a.map((l) => l.partsPerSecond)) / median(b.map((l) => l.partsPerSecond))).toFixed(2)}`
        : ''
    out.push(`  (b) at ${int(rate)}/s over ${a.length} round(s): ${parts.join('; ')}${ratios}`)
  }
  return out
}

/** Bytes of a size written as "64MiB". */
function mebibytes(size: string): number {
  const m = /^(\d+)MiB$/.exec(size)
  if (!m) throw new Error(`not a MiB size: ${size}`)
  return Number(m[1]) * 1024 * 1024
}
