// The figures the streaming benchmark prints, and its last line.

import type { BigTxResult } from './big-tx.ts'
import type { Backlog, CatchUp } from './catchup.ts'
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
  lag: PacedLoad | null
  /** The same at --high-rate. */
  highLag?: PacedLoad
  bigTx: (BigTxResult & { maxBufferBytes: string })[]
  checks: string[]
  /** Peak RSS of a chsync that started, copied the empty table and streamed nothing: the floor. */
  idleRssMb?: number
}

export type PacedLoad = LagResult & { rate: number; seconds: number; connections: number; peakRssMb: number }

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
    for (const l of [f.lag, f.highLag]) {
      if (!l) continue
      lines.push(
        `  (b) paced load of ${int(l.rate)} row changes/s for ${l.seconds} s on ${l.connections} connections (achieved ${int(l.achievedRate)}/s, ` +
          `${l.lateTransactions} transactions late): lag p50 ${l.p50Ms.toFixed(0)} ms, p99 ${l.p99Ms.toFixed(0)} ms, max ${l.maxMs.toFixed(0)} ms ` +
          `over ${l.samples.length} samples, ClickHouse parts ${l.partsPerSecond.toFixed(1)}/s; peak RSS ${l.peakRssMb.toFixed(0)} MB`,
      )
    }
    for (const t of f.bigTx) {
      const over = f.idleRssMb
        ? `, ${(t.peakRssMb - f.idleRssMb).toFixed(0)} MB over idle = ${((t.peakRssMb - f.idleRssMb) / (mebibytes(t.maxBufferBytes) / 1e6)).toFixed(2)} x max_buffer_bytes`
        : ''
      lines.push(
        `  (c) one transaction of ${int(t.changes)} row changes, ${(t.binlogBytes / 1e6).toFixed(0)} MB of binlog (written in ${t.writeSeconds.toFixed(1)} s): ` +
          `applied and committed ${t.applySeconds.toFixed(1)} s after its commit, peak RSS ${t.peakRssMb.toFixed(0)} MB with apply.max_buffer_bytes = ${t.maxBufferBytes}${over}`,
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
  const lags = all.filter((f) => f.lag).map((f) => f.lag!.p99Ms)
  const rss = all.flatMap((f) => [...f.runs.map((r) => r.peakRssMb), ...[f.lag, f.highLag].flatMap((l) => (l ? [l.peakRssMb] : []))])
  const x = rates.length ? int(Math.min(...rates)) : 'n/a'
  const y = lags.length ? Math.max(...lags).toFixed(0) : 'n/a'
  const z = rss.length ? Math.max(...rss).toFixed(0) : 'n/a'
  lines.push(`stream: ${x} rows/s, lag p99 at ${all.find((f) => f.lag)?.lag?.rate ?? 20000}/s: ${y} ms, peak RSS ${z} MB`)
  return lines.join('\n')
}

/** Bytes of a size written as "64MiB". */
function mebibytes(size: string): number {
  const m = /^(\d+)MiB$/.exec(size)
  if (!m) throw new Error(`not a MiB size: ${size}`)
  return Number(m[1]) * 1024 * 1024
}
