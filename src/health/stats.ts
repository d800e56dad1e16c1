// The figures chsync reports about itself: one shared object that the pipeline updates and the
// health server reads.

import { tableKey, tableName } from '../model/index.ts'
import { Histogram } from './histogram.ts'
import { RateWindow } from './rate.ts'

export type Stage = 'starting' | 'snapshot' | 'catchup' | 'streaming' | 'stopping' | 'error'

/**
 * The kinds of error chsync counts. Each is in the metrics from the start, at 0, so that
 * `rate(chsync_errors_total{kind="sink"}[5m])` has a series before the first error.
 */
export const ERROR_KINDS = [
  'cascade_skipped',
  'ddl_parse',
  'ddl_translate',
  'ddl_untranslatable',
  'monitor',
  'sink',
  'source',
  'table_set_aside',
  'table_unreadable',
  'table_unsupported',
  'value_clamped',
  'xa_unknown',
] as const

/** A table's initial copy (or resync) as far as it went in this process: rows expected and copied. */
export interface TableCopyProgress {
  /** As written on the command line: db.table. */
  name: string
  expected: number
  copied: number
  /** Being copied now: the terminal shows a line for it. */
  running: boolean
}

export class Stats {
  stage: Stage = 'starting'
  error: string | null = null
  /** What chsync is waiting for right now, e.g. "ClickHouse: connection refused (retry in 4s)". */
  waitingFor: string | null = null
  /** Rows the copies of this process expect, all tables (the sum of copyProgress). */
  initRowsTotal = 0
  /** Rows the copies of this process have read, all tables (the sum of copyProgress). */
  initRowsParsed = 0
  /** Each table's copy, by tableKey: a resync starts its own table's figures again, not the others'. */
  readonly copyProgress = new Map<string, TableCopyProgress>()
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
  readonly errors = new Map<string, number>(ERROR_KINDS.map((k) => [k, 0]))
  /** Seconds each flush took, from its start to the position committed (retries included). */
  readonly flushSeconds = new Histogram([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60])
  /** Rows in each insert batch the sink acknowledged. */
  readonly batchRows = new Histogram([1, 10, 100, 1_000, 10_000, 50_000, 100_000, 250_000, 1_000_000])
  /** Seconds from a transaction's commit on the source to its position committed here, once per flush. */
  readonly applyLagSeconds = new Histogram([0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600])
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

  /** A table's copy starts (or resumes): its figures start from these; the other tables' stay. */
  copyStarts(database: string, table: string, expected: number, copied: number): void {
    const key = tableKey(database, table)
    const before = this.copyProgress.get(key)
    if (before) {
      this.initRowsTotal -= before.expected
      this.initRowsParsed -= before.copied
    }
    const p = { name: tableName(database, table), expected: Math.max(expected, copied), copied, running: false }
    this.copyProgress.set(key, p)
    this.initRowsTotal += p.expected
    this.initRowsParsed += p.copied
    this.countRows(database, table, 0)
  }

  /** A table to copy that is gone from the source: its figures go too. */
  copyForgotten(database: string, table: string): void {
    const key = tableKey(database, table)
    const p = this.copyProgress.get(key)
    if (!p) return
    this.initRowsTotal -= p.expected
    this.initRowsParsed -= p.copied
    this.copyProgress.delete(key)
  }

  /** One row of a table's copy read. */
  rowCopied(database: string, table: string): void {
    const p = this.copyProgress.get(tableKey(database, table))
    if (p) {
      p.copied++
      // The estimate was low: what was read is expected too.
      if (p.copied > p.expected) {
        p.expected++
        this.initRowsTotal++
      }
    }
    this.initRowsParsed++
    this.countRows(database, table, 1)
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
    if (this.sinkFailingSince !== null && now - this.sinkFailingSince >= Stats.SINK_FAILING_DEGRADED_MS)
      return 'flushes to the target keep failing'
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
