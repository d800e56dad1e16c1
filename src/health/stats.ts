// The figures chsync reports about itself: one shared object that the pipeline updates and the
// health server reads.

import { tableKey } from '../schema/model.ts'
import { RateWindow } from './rate.ts'

export type Stage = 'starting' | 'snapshot' | 'catchup' | 'streaming' | 'stopping' | 'error'

export interface TableCopyProgress {
  /** As written on the command line: db.table. */
  name: string
  rows: number
  estimate: number
}

export class Stats {
  stage: Stage = 'starting'
  error: string | null = null
  /** What chsync is waiting for right now, e.g. "ClickHouse: connection refused (retry in 4s)". */
  waitingFor: string | null = null
  initRowsTotal = 0
  initRowsParsed = 0
  /** The tables being copied now, by tableKey: rows copied (earlier runs' included) and the source's estimate. */
  readonly copying = new Map<string, TableCopyProgress>()
  serverGtid: string | null = null
  consumerGtid: string | null = null
  gtidDiff: number | null = null
  /** Commit time (ms) of the last transaction applied; null before the first. */
  lastAppliedCommitMs: number | null = null
  /** Source commit time (ms) of the last transaction whose position is committed: what lag is measured by. */
  lastCommittedCommitMs: number | null = null
  /** True when the committed position had reached the source's end of binlog at the last look. */
  caughtUp = false
  /** Since when flushes to the sink fail (ms since the epoch); null while they succeed. */
  sinkFailingSince: number | null = null
  /** Tables set aside (the target refused them), by tableKey: why, and since when. */
  readonly tablesFailed = new Map<string, { reason: string; sinceMs: number }>()
  /** Replicated tables chsync leaves out (it cannot read them, or the target cannot hold them), by tableKey. */
  readonly tablesLeftOut = new Map<string, string>()
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

  /**
   * Seconds the committed copy is behind the source (0 when caught up): from the source commit
   * time of the last committed transaction, so a stuck sink shows as growing lag.
   */
  get lagSeconds(): number | null {
    if (this.caughtUp) return 0
    if (this.lastCommittedCommitMs === null) return null
    return Math.max(0, (Date.now() - this.lastCommittedCommitMs) / 1000)
  }

  /** Flushes have kept failing for this long: the health says degraded. */
  static readonly SINK_FAILING_DEGRADED_MS = 3_000

  /** Why chsync works but not fully (tables set aside, flushes failing); null when all is well. */
  degradedBecause(now = Date.now()): string | null {
    if (this.tablesFailed.size > 0) return `${this.tablesFailed.size} table${this.tablesFailed.size === 1 ? '' : 's'} set aside`
    if (this.sinkFailingSince !== null && now - this.sinkFailingSince >= Stats.SINK_FAILING_DEGRADED_MS) return 'flushes to the target keep failing'
    return null
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
