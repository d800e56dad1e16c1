// A sink in front of another that hands it every table, row and DDL change as it leaves chsync:
// without the columns replicate.exclude_columns leaves out (past this point they do not exist) and
// with replicate.mask's columns masked. A table whose key would be left out or masked is refused:
// at start the run stops (a configuration mistake), later (a table created or renamed in) that
// table alone is set aside.

import type { CharsetRegistry } from '../../binlog/index.ts'
import type { DdlChange, RowChange, SourceTable } from '../../model/index.ts'
import { PermanentError } from '../../retry/index.ts'
import { type DdlResult, type PipelineSink, type PrepareResult, type SinkStart, TargetRefusedError, type TransactionEnd } from '../sink.ts'
import type { ColumnShaping } from './column-shaping.ts'
import { shapeDdl } from './ddl-shape.ts'

/** The ClickHouse sink's copy path for rows in the text protocol (the snapshot's TextRowSink). */
type WriteSnapshotText = (table: SourceTable, buf: Buffer, at: Int32Array, version: bigint, charsets?: CharsetRegistry) => boolean

export class ShapedSink implements PipelineSink {
  readonly isPrepared?: (table: SourceTable) => boolean
  readonly cannotHold?: (table: SourceTable) => string | null
  readonly discard?: (table: SourceTable) => void
  readonly snapshotDone?: (table: SourceTable, version: bigint) => Promise<void>
  readonly maxVersion?: (tables: SourceTable[], committed: bigint) => Promise<bigint>
  readonly adopt?: (table: SourceTable) => Promise<void>
  readonly release?: (table: SourceTable) => Promise<void>
  /** Copied rows as the server sent them, for tables nothing is left out of or masked in (TextRowSink). */
  readonly writeSnapshotText?: WriteSnapshotText

  constructor(
    readonly inner: PipelineSink,
    readonly shaping: ColumnShaping,
  ) {
    const x = shaping
    // Only what the sink behind has: the pipeline asks whether a sink offers each of these.
    if (inner.isPrepared) this.isPrepared = (t) => inner.isPrepared!(x.table(t))
    if (inner.cannotHold) this.cannotHold = (t) => inner.cannotHold!(x.table(t))
    if (inner.discard) this.discard = (t) => inner.discard!(x.table(t))
    if (inner.snapshotDone) this.snapshotDone = (t, v) => inner.snapshotDone!(x.table(t), v)
    if (inner.maxVersion) this.maxVersion = (ts, v) => inner.maxVersion!(ts.map((t) => x.table(t)), v)
    if (inner.adopt) this.adopt = (t) => inner.adopt!(x.table(t))
    if (inner.release) this.release = (t) => inner.release!(x.table(t))
    const text = (inner as { writeSnapshotText?: WriteSnapshotText }).writeSnapshotText?.bind(inner)
    if (text) this.writeSnapshotText = (t, ...row) => x.table(t) === t && text(t, ...row)
  }

  get name(): string {
    return this.inner.name
  }
  get pendingBytes(): number {
    return this.inner.pendingBytes
  }
  get pendingRows(): number {
    return this.inner.pendingRows
  }
  get onFailure(): ((err: Error) => void) | undefined {
    return this.inner.onFailure
  }
  set onFailure(f: ((err: Error) => void) | undefined) {
    this.inner.onFailure = f
  }

  start(ctx: SinkStart): Promise<void> {
    return this.inner.start(ctx)
  }

  /** The tables at start: one whose key the patterns leave out stops the run, all named at once. */
  claim(tables: readonly SourceTable[]): void {
    const problems = tables.flatMap((t) => this.shaping.keyProblem(t) ?? [])
    if (problems.length) throw new PermanentError(problems.join('; '))
    this.inner.claim?.(tables.map((t) => this.shaping.table(t)))
  }

  prepareTable(table: SourceTable, opts?: { atStart?: boolean }): Promise<PrepareResult> {
    const problem = this.shaping.keyProblem(table)
    if (problem) return Promise.reject(new TargetRefusedError(table, problem))
    return this.inner.prepareTable(this.shaping.table(table), opts)
  }

  write(change: RowChange): void {
    const x = this.shaping
    const table = x.table(change.table)
    if (table === change.table) return this.inner.write(change)
    this.inner.write({ ...change, table, before: x.row(change.table, change.before), after: x.row(change.table, change.after) })
  }

  async applyDdl(ddl: DdlChange): Promise<DdlResult> {
    const shaped = shapeDdl(ddl, this.shaping)
    const result = shaped.ddl.changes.length ? await this.inner.applyDdl(shaped.ddl) : { rebuilt: [], refused: [] }
    return { rebuilt: [...result.rebuilt, ...shaped.copy], refused: [...result.refused, ...shaped.refused] }
  }

  flush(): Promise<void> {
    return this.inner.flush()
  }
  dropUnclaimed(): Promise<void> {
    return this.inner.dropUnclaimed?.() ?? Promise.resolve()
  }
  committed(position: string, gtid: string | null): Promise<void> {
    return this.inner.committed?.(position, gtid) ?? Promise.resolve()
  }
  transactionEnded(end: TransactionEnd): void {
    this.inner.transactionEnded?.(end)
  }
  snapshotStarted(): Promise<void> {
    return this.inner.snapshotStarted?.() ?? Promise.resolve()
  }
  snapshotFinished(): Promise<void> {
    return this.inner.snapshotFinished?.() ?? Promise.resolve()
  }
  streamStarted(): Promise<void> {
    return this.inner.streamStarted?.() ?? Promise.resolve()
  }
  close(): Promise<void> {
    return this.inner.close()
  }
}
