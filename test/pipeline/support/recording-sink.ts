// A sink that lives in the test: it keeps what it is given in memory, records every call, and fails
// on cue. The pipeline's unit tests drive the Flusher and the binlog applier against it, no server.

import { type DdlChange, type RowChange, type SourceTable, tableKey } from '../../../src/model/index.ts'
import { BaseSink, type DdlResult, type PrepareResult, type SinkLifeCycle, type TransactionEnd } from '../../../src/sink/sink.ts'
import type { CommitRecord } from '../../../src/state/index.ts'

/** Bytes a buffered change counts for (the real sinks count their encoded size). */
export const CHANGE_BYTES = 100

export type SinkCall =
  | { call: 'write'; change: RowChange }
  | { call: 'flush'; rows: number; commit?: CommitRecord }
  | { call: 'prepare'; table: string; atStart: boolean }
  | { call: 'ddl'; ddl: DdlChange }
  | { call: 'end'; end: TransactionEnd }
  | { call: 'discard'; table: string }

export class RecordingSink extends BaseSink {
  readonly name = 'recording'
  readonly calls: SinkCall[] = []
  /** Buffered, not yet taken by a flush. */
  pending: RowChange[] = []
  /** Taken by the running (or last failed) flush: kept until delivered, sent first by the next one. */
  private sending: RowChange[] = []
  /** Flushed: what the destination holds, in order. */
  readonly delivered: RowChange[] = []
  /** Errors the next flushes throw, one each, in order. */
  private flushFailures: Error[] = []
  /** While set, a flush waits for it before it delivers (a slow destination). */
  private gate: Promise<void> | null = null
  private openGate: (() => void) | null = null
  /** prepareTable answers: 'rebuilt' or an error to throw, by table name; 'ready' otherwise. */
  readonly prepareAnswers = new Map<string, PrepareResult | Error>()
  /** Called at the start of every flush (to look at the pipeline's state right then). */
  onFlush: (() => void) | null = null
  /** What applyDdl reports, for the next call. */
  nextDdlResult: DdlResult = { rebuilt: [], refused: [] }

  /** Only the end of each transaction is recorded; the other moments mean nothing to this sink. */
  override readonly lifeCycle: SinkLifeCycle = {
    snapshotStarted: async () => {},
    snapshotFinished: async () => {},
    streamStarted: async () => {},
    transactionEnded: (end) => this.calls.push({ call: 'end', end }),
  }

  async start(): Promise<void> {}

  override async prepareTable(table: SourceTable, opts?: { atStart?: boolean }): Promise<PrepareResult> {
    this.calls.push({ call: 'prepare', table: table.table, atStart: opts?.atStart === true })
    const answer = this.prepareAnswers.get(table.table) ?? 'ready'
    if (answer instanceof Error) throw answer
    return answer
  }

  write(change: RowChange): void {
    this.calls.push({ call: 'write', change })
    this.pending.push(change)
  }

  async applyDdl(ddl: DdlChange): Promise<DdlResult> {
    this.calls.push({ call: 'ddl', ddl })
    const out = this.nextDdlResult
    this.nextDdlResult = { rebuilt: [], refused: [] }
    return out
  }

  override discard(table: SourceTable): void {
    this.calls.push({ call: 'discard', table: table.table })
    const other = (c: RowChange) => tableKey(c.table.database, c.table.table) !== tableKey(table.database, table.table)
    this.pending = this.pending.filter(other)
    this.sending = this.sending.filter(other)
  }

  async flush(commit?: CommitRecord): Promise<void> {
    // A flush sends what was written before it was called; rows written while it runs wait for the next.
    this.sending.push(...this.pending)
    this.pending = []
    this.calls.push({ call: 'flush', rows: this.sending.length, commit })
    this.onFlush?.()
    if (this.gate) await this.gate
    const failure = this.flushFailures.shift()
    if (failure) throw failure
    this.delivered.push(...this.sending)
    this.sending = []
  }

  get pendingRows(): number {
    return this.sending.length + this.pending.length
  }

  get pendingBytes(): number {
    return this.pendingRows * CHANGE_BYTES
  }

  async close(): Promise<void> {}

  /** The next flushes fail with these errors, one each. */
  failFlushes(...errors: Error[]): void {
    this.flushFailures.push(...errors)
  }

  /** Flushes wait from now on until release(). */
  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve))
  }

  release(): void {
    this.openGate?.()
    this.gate = null
    this.openGate = null
  }

  /** The calls of one kind. */
  only<K extends SinkCall['call']>(call: K): Extract<SinkCall, { call: K }>[] {
    return this.calls.filter((c): c is Extract<SinkCall, { call: K }> => c.call === call)
  }
}
