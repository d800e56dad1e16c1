// The figures chsync reports about itself: one shared object that the pipeline updates and the
// health server reads.

import { tableKey } from '../schema/model.ts'
import { RateWindow } from './rate.ts'

export type Stage = 'starting' | 'snapshot' | 'catchup' | 'streaming' | 'stopping' | 'error'

export class Stats {
  stage: Stage = 'starting'
  error: string | null = null
  /** What chsync is waiting for right now, e.g. "ClickHouse: connection refused (retry in 4s)". */
  waitingFor: string | null = null
  initRowsTotal = 0
  initRowsParsed = 0
  serverGtid: string | null = null
  consumerGtid: string | null = null
  gtidDiff: number | null = null
  /** Commit time (ms) of the last transaction applied; null before the first. */
  lastAppliedCommitMs: number | null = null
  /** True when the source had nothing newer than what was applied at the last look. */
  caughtUp = false
  events = 0
  rowChanges = 0
  binlogBytes = 0
  batches = 0
  flushes = 0
  readonly errors = new Map<string, number>()
  /** Row changes by tableKey. */
  readonly rowsByTable = new Map<string, number>()
  /** When this process started replicating (ms since the epoch). */
  readonly startedAtMs = Date.now()
  private readonly eventRate = new RateWindow()
  private readonly rowRate = new RateWindow()
  private readonly byteRate = new RateWindow()

  countError(kind: string): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1)
  }

  countRows(database: string, table: string, n: number): void {
    this.rowChanges += n
    const key = tableKey(database, table)
    this.rowsByTable.set(key, (this.rowsByTable.get(key) ?? 0) + n)
  }

  /** Seconds the target is behind the source (0 when caught up). */
  get lagSeconds(): number | null {
    if (this.caughtUp) return 0
    if (this.lastAppliedCommitMs === null) return null
    return Math.max(0, (Date.now() - this.lastAppliedCommitMs) / 1000)
  }

  /** Events per second over the last ~10 seconds. */
  get eventsPerSecond(): number {
    return this.eventRate.rate(this.events)
  }

  /** Row changes (binlog and copy) per second over the last ~10 seconds. */
  get rowsPerSecond(): number {
    return this.rowRate.rate(this.rowChanges)
  }

  /** Binlog bytes per second over the last ~10 seconds. */
  get bytesPerSecond(): number {
    return this.byteRate.rate(this.binlogBytes)
  }

  /** Total errors counted, all kinds. */
  get errorCount(): number {
    let n = 0
    for (const v of this.errors.values()) n += v
    return n
  }
}
