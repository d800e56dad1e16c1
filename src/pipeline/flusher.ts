// Flushes the sink and commits what the flush made durable: the binlog position with the version
// counter, and the copy progress of tables. Flushes run one at a time; a failed flush is retried
// with backoff (the sink keeps what it could not send), and the wait shows in the health output.

import type { Stats } from '../health/stats.ts'
import type { Logger } from '../log/index.ts'
import type { Sink } from '../sink/sink.ts'
import type { Checkpoint, StateStore, TableState } from '../state/index.ts'

export interface FlushPolicy {
  batchRows: number
  batchBytes: number
  flushIntervalMs: number
  maxBufferBytes: number
}

/** Longest wait between two attempts of a failed flush. */
const RETRY_CAP_MS = 5_000

export class Flusher {
  /** Position after the last transaction fully written to the sink (not yet durable). */
  private written: Checkpoint
  private committed: Checkpoint
  private tableProgress = new Map<string, TableState>()
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
  }

  get lastCommitted(): Checkpoint {
    return this.committed
  }

  /** Called once committing fails for good (the replicator stops the stream). */
  onFailure: ((err: Error) => void) | null = null

  /** The error that stopped committing, if any: replication cannot go on. */
  get failed(): Error | null {
    return this.failure
  }

  get lastWritten(): Checkpoint {
    return this.written
  }

  /** The stream starts over from a new, already committed position (after a position loss). */
  restartAt(cp: Checkpoint): void {
    this.written = cp
    this.committed = cp
  }

  /** A transaction ended: everything written so far belongs before `cp`. */
  transactionWritten(cp: Checkpoint): void {
    this.written = cp
    // A transaction that wrote nothing here (DDL, other tables) still gets its position committed in time.
    if (this.firstPendingAt === 0) this.firstPendingAt = Date.now()
  }

  /** A table's copy reached this point: commit it with the next flush. */
  tableWritten(t: TableState): void {
    this.tableProgress.set(`${t.database}.${t.table}`, { ...t })
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
    if ((s.pendingRows - this.flushingRows >= this.policy.batchRows || s.pendingBytes - this.flushingBytes >= this.policy.batchBytes) && !this.upcoming)
      this.flush().catch(() => {})
    return undefined
  }

  /** Flushes by time: call once; stops with stop(). */
  startTimer(): void {
    const tick = Math.max(20, Math.floor(this.policy.flushIntervalMs / 4))
    this.timer = setInterval(() => {
      if (this.firstPendingAt && Date.now() - this.firstPendingAt >= this.policy.flushIntervalMs) void this.flush().catch(() => {})
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
  }

  private async flushOnce(): Promise<void> {
    // What this flush makes durable is fixed now, before the sink is called.
    const cp = this.written
    const tables = [...this.tableProgress.values()]
    this.tableProgress.clear()
    const nothing = this.sink.pendingRows === 0 && cp === this.committed && tables.length === 0
    if (nothing) return
    this.firstPendingAt = 0
    let delay = 250
    for (let attempt = 1; ; attempt++) {
      this.flushingRows = this.sink.pendingRows
      this.flushingBytes = this.sink.pendingBytes
      try {
        await this.sink.flush()
        break
      } catch (err) {
        this.flushingRows = 0
        this.flushingBytes = 0
        this.stats.countError('sink')
        const why = (err as Error).message
        // A fatal sink error (a plugin threw) is not retried: nothing is committed past it.
        if (this.stopped || attempt >= 1000 || (err as { fatal?: boolean }).fatal === true) {
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
    this.stats.flushes++
    try {
      this.state.transaction(() => {
        if (cp !== this.committed) this.state.commit(cp)
        for (const t of tables) this.state.saveTable(t)
      })
    } catch (err) {
      // The state file cannot take the position (disk full, permissions): nothing more can be
      // committed, so replication stops here; the position already committed stays valid.
      this.failure = err as Error
      this.log.error('cannot commit the position', { error: (err as Error).message })
      this.onFailure?.(err as Error)
      throw err
    }
    this.committed = cp
    await this.sink.committed?.(`${cp.file}:${cp.offset}`, cp.gtid)
  }

  /** Final flush on the way out; `discard` skips it (second signal). */
  async stop(discard = false): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    if (!discard) await this.flush()
    this.stopped = true
  }
}
