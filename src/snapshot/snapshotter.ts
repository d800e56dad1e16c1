// Runs the copies: the tables whose stage is "snapshot" or "resync", `parallelism` at a time (what
// is left of it goes to key ranges within a table), each resuming from its last committed row.
// Rows go into the same sink as the binlog, with the version the table's copy started at, so any
// binlog change after that start wins.

import { type Cell, type SourceTable, tableKey, tableName } from '../model/index.ts'
import type { CharsetRegistry, SourceOptions } from '../binlog/index.ts'
import type { Stats } from '../health/stats.ts'
import type { Logger } from '../log/index.ts'
import type { Sink, SnapshotTextWriter } from '../sink/sink.ts'
import type { StateStore, TableState } from '../state/index.ts'
import { CopyStopped, copyTable } from './table-copy.ts'
import type { TextRow } from './text-result.ts'
import { parseSnapshotCell } from '../source/index.ts'

/**
 * What the copies need of the pipeline's flusher (pipeline/flusher.ts): copied rows are committed
 * with the binlog's, so a table's progress waits for the flush that makes its rows durable.
 */
export interface SnapshotFlusher {
  /** Call after each row written: a promise to wait for when the sink's buffer is over its bound. */
  afterWrite(): Promise<void> | undefined
  /** A table's copy reached this point: commit it with the next flush. */
  tableWritten(progress: TableState): void
  /**
   * A copy runs: each flush commits `live()`, its progress up to the last row written, with that
   * row. Returns the copy's end, which hands its last progress to the next flush.
   */
  copyRunning(live: () => TableState): () => void
  /** Sends everything written so far and commits it. */
  flush(): Promise<void>
}

export interface SnapshotOptions {
  source: SourceOptions
  charsets: CharsetRegistry
  parallelism: number
  chunkRows: number
  /** Before copying a table from a read replica: wait until it has applied what the stream has. */
  waitForReplica?: () => Promise<void>
  /** False once a newer copy of the table was asked for (or it was renamed or dropped): this one stops. */
  current: (t: TableState) => boolean
  /** A table's copy is complete and committed. */
  copied: (table: SourceTable) => void
  /** A table's copy failed (the source or the target refused it): the others go on. */
  failed: (table: SourceTable, err: Error) => void
}

/** A newer copy of the table was asked for, or the table went: this copy stops. */
class CopySuperseded extends Error {
  constructor() {
    super('a newer copy of the table was asked for')
  }
}

export class Snapshotter {
  private readonly abort = new AbortController()
  /** The copies running, by tableKey, each with a stop of its own and its end. */
  private readonly running = new Map<string, { stop: AbortController; done: Promise<void> }>()
  /** SELECTs each table's copy may run at once (set by run()). */
  private readersPerTable = 1

  constructor(
    private readonly sink: Sink,
    private readonly flusher: SnapshotFlusher,
    private readonly state: StateStore,
    private readonly stats: Stats,
    private readonly log: Logger,
    private readonly opts: SnapshotOptions,
  ) {}

  /** Copies every table that needs it; `tables` gives the current shape of each. */
  async run(tables: (key: string) => SourceTable | undefined): Promise<void> {
    const todo = this.state.tables().filter((t) => (t.stage === 'snapshot' || t.stage === 'resync') && this.opts.current(t))
    if (todo.length === 0) return
    // Only these tables' figures start again: a resync leaves the other tables' copies as they were.
    for (const t of todo) this.stats.copyStarts(t.database, t.table, t.rowsEstimate, t.rowsCopied)
    const estimate = todo.reduce((n, t) => n + Math.max(t.rowsEstimate, t.rowsCopied), 0)
    this.log.info('initial copy', { tables: todo.length, parallelism: this.opts.parallelism, rows_estimate: estimate })
    let next = 0
    const worker = async () => {
      while (next < todo.length && !this.abort.signal.aborted) {
        const t = todo[next++]
        const table = tables(tableKey(t.database, t.table))
        if (!table) {
          this.log.warn('table to copy no longer exists on the source', { table: tableName(t.database, t.table) })
          this.state.dropTable(t.database, t.table)
          this.stats.copyForgotten(t.database, t.table)
          continue
        }
        const key = tableKey(t.database, t.table)
        const stop = new AbortController()
        const copying = this.copy(table, t, () => tables(key), AbortSignal.any([this.abort.signal, stop.signal]))
        this.running.set(key, {
          stop,
          done: copying.then(
            () => {},
            () => {},
          ),
        })
        try {
          await copying
        } catch (err) {
          // Paused (pause()): the table stays to copy, and resumes from its last committed row.
          if (err instanceof CopyStopped && !this.abort.signal.aborted) continue
          if (err instanceof CopyStopped) throw err
          if (err instanceof CopySuperseded) continue
          if (!tables(tableKey(t.database, t.table))) {
            this.log.info('table dropped or renamed during its copy', { table: tableName(t.database, t.table) })
            continue
          }
          this.opts.failed(table, err as Error)
        } finally {
          this.running.delete(key)
        }
      }
    }
    const workers = Math.min(this.opts.parallelism, todo.length)
    // The rest of the parallelism goes to key ranges inside the tables (one table: all of it).
    this.readersPerTable = Math.max(1, Math.floor(this.opts.parallelism / workers))
    await Promise.all(Array.from({ length: workers }, worker))
  }

  /**
   * Stops the copy of a table at once; resolves when it writes nothing more. It stays to copy and
   * resumes from its last committed row (used around a change of the table's target).
   */
  async pause(database: string, table: string): Promise<void> {
    const r = this.running.get(tableKey(database, table))
    if (!r) return
    r.stop.abort()
    await r.done
  }

  private async copy(table: SourceTable, start: TableState, current: () => SourceTable | undefined, signal: AbortSignal): Promise<void> {
    const name = tableName(table.database, table.table)
    const started = Date.now()
    await this.opts.waitForReplica?.()
    if (start.cursor) this.log.info('resuming copy', { table: name, rows_copied: start.rowsCopied })
    // Shown on the terminal while it runs (a resync of the table meanwhile has figures of its own).
    const progress = this.stats.copyProgress.get(tableKey(table.database, table.table))
    if (progress) progress.running = true
    try {
      await this.copyRows(table, start, current, signal, started)
    } finally {
      if (progress) progress.running = false
    }
  }

  private async copyRows(
    table: SourceTable,
    start: TableState,
    current: () => SourceTable | undefined,
    signal: AbortSignal,
    started: number,
  ): Promise<void> {
    const name = tableName(table.database, table.table)
    const before = start.rowsCopied
    let ended = () => {}
    let done: TableState
    try {
      done = await copyTable(
        current,
        start,
        {
          row: (shape, after) => {
            this.sink.write({
              kind: 'snapshot',
              table: shape,
              before: null,
              after,
              version: start.snapshotVersion,
              gtid: null,
              position: null,
              timestampMs: started,
            })
          },
          textRow: this.sink.snapshotText ? this.textRow(this.sink.snapshotText, start.snapshotVersion, started) : undefined,
          afterRow: () => {
            this.stats.rowCopied(table.database, table.table)
            return this.flusher.afterWrite()
          },
          chunkDone: (progress) => {
            if (!this.opts.current(start)) throw new CopySuperseded()
            this.flusher.tableWritten(progress)
          },
          live: (live) => {
            ended = this.flusher.copyRunning(live)
          },
        },
        { source: this.opts.source, charsets: this.opts.charsets, chunkRows: this.opts.chunkRows, signal, readers: this.readersPerTable },
      )
    } finally {
      // Stopped, failed or done: what it wrote is committed with the next flush, and nothing more.
      ended()
    }
    if (!this.opts.current(start)) throw new CopySuperseded()
    const finished: TableState = { ...done, stage: 'streaming', reason: null, failures: 0 }
    this.flusher.tableWritten(finished)
    await this.flusher.flush()
    await this.sink.snapshotDone(current() ?? table, start.snapshotVersion)
    this.opts.copied(table)
    const secs = (Date.now() - started) / 1000
    // The table's rows, a resumed copy's earlier runs included; this run's only when it resumed.
    const resumed = before > 0 ? { rows_this_run: done.rowsCopied - before } : {}
    this.log.info('table copied', { table: name, rows: done.rowsCopied, ...resumed, seconds: Math.round(secs * 10) / 10 })
  }

  /** Copied rows handed to the sink as the server sent them, Cells made only when it asks for them. */
  private textRow(text: SnapshotTextWriter, version: bigint, started: number): (shape: SourceTable, row: TextRow) => void {
    const charsets = this.opts.charsets
    return (shape, row) => {
      if (text.writeSnapshotText(shape, row.buf, row.at, version, charsets)) return
      const after: Cell[] = new Array(row.width)
      for (let i = 0; i < row.width; i++) after[i] = parseSnapshotCell(row.value(i), shape.columns[i], charsets)
      this.sink.write({ kind: 'snapshot', table: shape, before: null, after, version, gtid: null, position: null, timestampMs: started })
    }
  }

  stop(): void {
    this.abort.abort()
  }
}
