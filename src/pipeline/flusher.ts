// Flushes the sink and commits what the flush made durable: the binlog position with the version
// counter, the schema history as of that position, and the copy progress of tables. Flushes run
// one at a time; a failed flush is retried with backoff (the sink keeps what it could not send),
// and the wait shows in the health output. A table whose rows the target keeps refusing is set
// aside, so that the others go on.

import type { Stats } from '../health/stats.ts'
import type { Logger } from '../log/index.ts'
import { type SourceTable, splitTableKey, tableKey } from '../model/index.ts'
import { type Sink, TablesRefusedError, flushFailure } from '../sink/sink.ts'
import type { Checkpoint, SchemaEntry, StateStore, TableState } from '../state/index.ts'

export interface FlushPolicy {
  batchRows: number
  batchBytes: number
  flushIntervalMs: number
  maxBufferBytes: number
}

/** Longest wait between two attempts of a failed flush. */
const RETRY_CAP_MS = 5_000
/** Attempts in a row a table's rows are refused before it is set aside (about 8 s of retries). */
const REFUSALS_BEFORE_SET_ASIDE = 5
/**
 * Adaptive batching leaves at least this many flush times between the starts of two flushes, so
 * the target spends at most a fifth of its time on our inserts: when inserts get slower (bigger
 * batches, a busy server), batches gather for longer and grow, and the parts per second fall.
 */
const GAP_PER_FLUSH = 4
/** The shortest gap between flushes (at most 10 parts/s per table however fast the target answers), unless flush_interval_ms is shorter. */
const MIN_GAP_MS = 100
/**
 * When nothing waits in the sink, the position read through other tables' transactions is
 * committed after this long at most, whatever flush_interval_ms says: such a flush sends nothing,
 * and without it health would not say caught up, and a restart would read that binlog again.
 */
const POSITION_ONLY_MS = 1000

export class Flusher {
  /** Position after the last transaction fully written to the sink (not yet durable). */
  private written: Checkpoint
  private committed: Checkpoint
  /** Copy progress to commit by tableKey; null: the table's progress is to be forgotten. */
  private tableProgress = new Map<string, TableState | null>()
  /** The running copies' progress up to their last row written: taken into each flush. */
  private readonly liveCopies = new Set<() => TableState>()
  /** Schema history entries of the transactions written (by tableKey): committed with `written`. */
  private schemas = new Map<string, SchemaEntry>()
  /** Tables set aside during the running flush: committed with it (their rows were dropped). */
  private setAside: TableState[] = []
  private running: Promise<void> | null = null
  private requested = 0
  private completed = 0
  private waiters: { seq: number; resolve: () => void; reject: (err: unknown) => void }[] = []
  /** The promise of the requested flush that has not started yet, if any. */
  private upcoming: Promise<void> | null = null
  private firstPendingAt = 0
  /** Rows and bytes the running flush took: the sink counts them as pending until it is done. */
  private flushingRows = 0
  private flushingBytes = 0
  private timer: ReturnType<typeof setInterval> | null = null
  /** An idle flush put off until the gap since the last flush has passed. */
  private idleTimer: ReturnType<typeof setTimeout> | null = null
  /** When the last flush that sent something started (performance.now()), and how long flushes take (moving average, ms). */
  private lastFlushAt = -Infinity
  private flushMs = 0
  private failure: Error | null = null
  private stopped = false

  constructor(
    private readonly sink: Sink,
    private readonly state: StateStore,
    private readonly stats: Stats,
    private readonly log: Logger,
    readonly policy: FlushPolicy,
    start: Checkpoint,
  ) {
    this.written = start
    this.committed = start
    if (start.timestampMs !== undefined) stats.lastCommittedCommitMs = start.timestampMs
  }

  get lastCommitted(): Checkpoint {
    return this.committed
  }

  /**
   * Whether the source has nothing more for us right now (nothing received waits to be decoded).
   * Then a transaction's end flushes at once when no flush is running and the gap since the last
   * one has passed (gapMs): waiting longer would only add lag. While the source keeps sending, or
   * a flush is in flight, rows gather into batches. Set only with apply.flush_when_idle.
   */
  sourceIdle: (() => boolean) | null = null

  /** Called once committing fails for good (the replicator stops the stream). */
  onFailure: ((err: Error) => void) | null = null

  /**
   * The target keeps refusing a table's rows: they are dropped, and this returns the table's new
   * state (set aside), committed with the flush that goes on without them.
   */
  onTableRefused: ((table: SourceTable, reason: string) => TableState) | null = null

  /** The error that stopped committing, if any: replication cannot go on. */
  get failed(): Error | null {
    return this.failure
  }

  /** Stops committing because of a failure found elsewhere (the sink failed on its own). */
  fail(err: Error): void {
    if (this.failure) return
    this.failure = err
    this.onFailure?.(err)
  }

  get lastWritten(): Checkpoint {
    return this.written
  }

  /** The stream starts over from a new, already committed position (after a position loss). */
  restartAt(cp: Checkpoint): void {
    this.written = cp
    this.committed = cp
  }

  /**
   * A transaction ended: everything written so far belongs before `cp`, and `schemas` are the
   * changes it made to the schema history.
   */
  transactionWritten(cp: Checkpoint, schemas: readonly SchemaEntry[] = []): void {
    this.written = cp
    for (const s of schemas) this.schemas.set(tableKey(s.database, s.table), s)
    // A transaction that wrote nothing here (DDL, other tables) still gets its position committed in time.
    if (this.firstPendingAt === 0) this.firstPendingAt = Date.now()
    this.flushIfIdle()
  }

  /**
   * Adaptive batching: flushes when nothing is in flight, the source has nothing more, and the
   * gap since the last flush has passed (else once it has, if the source is still quiet then).
   */
  private flushIfIdle(): void {
    if (this.running || this.stopped || this.failure || this.idleTimer || !this.sourceIdle?.()) return
    if (this.sink.pendingRows === 0 && this.written === this.committed) return
    const wait = this.lastFlushAt + this.gapMs - performance.now()
    if (wait > 0) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = null
        this.flushIfIdle()
      }, wait)
      return
    }
    this.flush().catch(() => {})
  }

  /**
   * The least time between the starts of two idle flushes: GAP_PER_FLUSH flush times, at least
   * MIN_GAP_MS, at most flush_interval_ms (the timer's own bound).
   */
  get gapMs(): number {
    return Math.min(this.policy.flushIntervalMs, Math.max(MIN_GAP_MS, GAP_PER_FLUSH * this.flushMs))
  }

  /** A table's copy reached this point: commit it with the next flush. */
  tableWritten(t: TableState): void {
    this.tableProgress.set(tableKey(t.database, t.table), { ...t })
  }

  /**
   * A copy runs: each flush commits `live()`, its progress up to the last row written (the rows a
   * flush sends and the progress it commits are taken at the same moment). Returns the copy's end.
   */
  copyRunning(live: () => TableState): () => void {
    this.liveCopies.add(live)
    return () => {
      this.liveCopies.delete(live)
      this.copyProgress(live())
    }
  }

  /**
   * A running copy's progress, unless the table's copy changed meanwhile (asked again, set aside,
   * forgotten, finished): that state, pending or committed, stays.
   */
  private copyProgress(t: TableState): void {
    const key = tableKey(t.database, t.table)
    const pending = this.tableProgress.get(key)
    const base = pending === undefined ? this.state.table(t.database, t.table) : pending
    if (!base || base.snapshotVersion !== t.snapshotVersion || (base.stage !== 'snapshot' && base.stage !== 'resync')) return
    if (base.cursor === t.cursor && base.rowsCopied === t.rowsCopied) return
    this.tableProgress.set(key, { ...t })
  }

  /** A table is gone (dropped, renamed): its progress goes with the next flush. */
  tableForgotten(database: string, table: string): void {
    this.tableProgress.set(tableKey(database, table), null)
  }

  /** A table's progress written and not yet committed, if any. */
  pendingTable(database: string, table: string): TableState | undefined {
    return this.tableProgress.get(tableKey(database, table)) ?? undefined
  }

  /** Every table's progress written and not yet committed. */
  get pendingTables(): TableState[] {
    return [...this.tableProgress.values()].filter((t): t is TableState => t !== null)
  }

  /** Everything applied is committed: nothing waits in the sink or for a flush. */
  get settled(): boolean {
    return this.written === this.committed && this.sink.pendingRows === 0
  }

  /**
   * Call after writing: starts a flush when a batch is full. Returns a promise to wait for only
   * when the buffer is over its bound (back-pressure); undefined otherwise, so the hot path
   * allocates nothing.
   */
  afterWrite(): Promise<void> | undefined {
    if (this.failure) throw this.failure
    if (this.firstPendingAt === 0) this.firstPendingAt = Date.now()
    const s = this.sink
    if (s.pendingBytes >= this.policy.maxBufferBytes) return this.flush()
    // A batch is full when what the running flush took is left out; a flush asked for and not
    // started yet covers these rows too: no new request per row.
    if (
      (s.pendingRows - this.flushingRows >= this.policy.batchRows || s.pendingBytes - this.flushingBytes >= this.policy.batchBytes) &&
      !this.upcoming
    )
      this.flush().catch(() => {})
    return undefined
  }

  /** Flushes by time: call once; stops with stop(). */
  startTimer(): void {
    const tick = Math.max(20, Math.floor(Math.min(this.policy.flushIntervalMs, POSITION_ONLY_MS) / 4))
    this.timer = setInterval(() => {
      const due = this.sink.pendingRows === 0 ? Math.min(this.policy.flushIntervalMs, POSITION_ONLY_MS) : this.policy.flushIntervalMs
      if (this.firstPendingAt && Date.now() - this.firstPendingAt >= due) void this.flush().catch(() => {})
      // An idle flush whose moment found the source busy, and no transaction ended after it.
      else this.flushIfIdle()
    }, tick)
  }

  /**
   * Sends everything written until now and commits; resolves once that is durable. Calls made
   * while a flush runs are served by the next one, which starts right after: a caller never
   * waits for more than the flush that covers its writes.
   */
  flush(): Promise<void> {
    // Until the next flush starts, every caller is served by it: one promise for all of them.
    let done = this.upcoming
    if (!done) {
      const seq = ++this.requested
      done = new Promise<void>((resolve, reject) => this.waiters.push({ seq, resolve, reject }))
      this.upcoming = done
    }
    this.running ??= this.flushLoop()
    return done
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.completed < this.requested) {
        const covers = this.requested
        this.upcoming = null
        let error: unknown = null
        try {
          await this.flushOnce()
        } catch (err) {
          error = err
        }
        this.completed = covers
        const ready = this.waiters.filter((w) => w.seq <= covers)
        this.waiters = this.waiters.filter((w) => w.seq > covers)
        for (const w of ready) error ? w.reject(error) : w.resolve()
      }
    } finally {
      // In the same turn as the last check: a flush() asked for after it starts a new loop.
      this.running = null
    }
    // What arrived while this flush ran goes at once if the source has gone quiet meanwhile.
    this.flushIfIdle()
  }

  private async flushOnce(): Promise<void> {
    // What this flush makes durable is fixed now, before the sink is called.
    const cp = this.written
    for (const live of this.liveCopies) this.copyProgress(live())
    const progress = [...this.tableProgress]
    this.tableProgress.clear()
    const tables = progress.flatMap(([, t]) => (t ? [t] : []))
    const forgotten = progress.flatMap(([key, t]) => (t ? [] : [key]))
    const schemas = [...this.schemas.values()]
    this.schemas.clear()
    const nothing = this.sink.pendingRows === 0 && cp === this.committed && progress.length === 0 && schemas.length === 0
    if (nothing) return
    this.firstPendingAt = 0
    const began = performance.now()
    this.lastFlushAt = began
    let delay = 250
    const refusals = new Map<string, number>()
    for (let attempt = 1; ; attempt++) {
      this.flushingRows = this.sink.pendingRows
      this.flushingBytes = this.sink.pendingBytes
      try {
        const commit = {
          seq: this.state.commitSeq + 1,
          checkpoint: cp,
          tables: [...tables, ...this.setAside],
          schemas,
          forgotten: forgotten.map(splitTableKey),
        }
        await this.sink.flush(commit)
        break
      } catch (err) {
        this.flushingRows = 0
        this.flushingBytes = 0
        this.stats.countError('sink')
        this.stats.sinkFailingSince ??= Date.now()
        if (err instanceof TablesRefusedError && this.setAsideRefused(err, refusals)) continue
        const why = (err as Error).message
        // A fatal sink error (a plugin threw) is not retried: nothing is committed past it; nor is
        // one that waiting cannot cure (the target refuses the account).
        if (this.stopped || attempt >= 1000 || flushFailure(err) === 'fatal') {
          this.failure = err as Error
          this.log.error('flush failed for good', { sink: this.sink.name, error: why })
          this.onFailure?.(err as Error)
          throw err
        }
        this.stats.waitingFor = `${this.sink.name}: ${why} (retry ${attempt} in ${Math.round(delay / 1000)}s)`
        this.log.warn('flush failed, retrying', { sink: this.sink.name, error: why, attempt, delay_ms: delay })
        await Bun.sleep(delay)
        // A short cap: once the target is back, the backlog starts moving within seconds.
        delay = Math.min(delay * 2, RETRY_CAP_MS)
      }
    }
    this.flushingRows = 0
    this.flushingBytes = 0
    this.stats.waitingFor = null
    this.stats.sinkFailingSince = null
    this.stats.flushes++
    const aside = this.setAside
    this.setAside = []
    try {
      this.state.commit(cp, [...tables, ...aside], schemas, forgotten.map(splitTableKey))
    } catch (err) {
      // The state file cannot take the position (disk full, permissions): nothing more can be
      // committed, so replication stops here; the position already committed stays valid.
      this.failure = err as Error
      this.log.error('cannot commit the position', { error: (err as Error).message })
      this.onFailure?.(err as Error)
      throw err
    }
    const moved = cp !== this.committed
    this.committed = cp
    const took = performance.now() - began
    // A moving average over about the last eight flushes: one slow insert does not stretch the gap alone.
    this.flushMs = this.flushMs === 0 ? took : this.flushMs + (took - this.flushMs) / 8
    this.stats.flushSeconds.observe(took / 1000)
    if (cp.timestampMs !== undefined) {
      this.stats.lastCommittedCommitMs = cp.timestampMs
      // Source commit to committed here: what a user sees as replication delay, once per flush.
      if (moved) this.stats.applyLagSeconds.observe(Math.max(0, Date.now() - cp.timestampMs) / 1000)
    }
    await this.sink.committed(`${cp.file}:${cp.offset}`, cp.gtid)
  }

  /**
   * Counts the refusals of each table; a table refused REFUSALS_BEFORE_SET_ASIDE times in a row
   * is set aside: its pending rows are dropped and the flush goes on at once with the others.
   * True when one was set aside.
   */
  private setAsideRefused(err: TablesRefusedError, refusals: Map<string, number>): boolean {
    let any = false
    for (const r of err.refused) {
      const key = tableKey(r.table.database, r.table.table)
      const n = (refusals.get(key) ?? 0) + 1
      refusals.set(key, n)
      if (n < REFUSALS_BEFORE_SET_ASIDE || !this.onTableRefused) continue
      refusals.delete(key)
      this.sink.discard(r.table)
      this.setAside.push(this.onTableRefused(r.table, r.error.message))
      any = true
    }
    return any
  }

  /** Final flush on the way out; `discard` skips it (second signal). */
  async stop(discard = false): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.timer = null
    this.idleTimer = null
    if (!discard) await this.flush()
    this.stopped = true
  }
}
