// A sink in front of another that hands it every table, row and DDL change as it leaves chsync:
// without the columns replicate.exclude_columns leaves out (past this point they do not exist) and
// with replicate.mask's columns masked. A table whose key would be left out or masked is refused:
// at start the run stops (a configuration mistake), later (a table created or renamed in) that
// table alone is set aside.

import type { DdlChange, RowChange, SourceTable } from '../../model/index.ts'
import { PermanentError } from '../../retry/index.ts'
import {
  type DdlResult,
  type PrepareResult,
  type Sink,
  type SinkBatching,
  type SinkLifeCycle,
  type SinkStart,
  type SinkVersions,
  type SnapshotTextWriter,
  TargetRefusedError,
  type TargetOwnership,
} from '../sink.ts'
import type { ColumnShaping } from './column-shaping.ts'
import { shapeDdl } from './ddl-shape.ts'

export class ShapedSink implements Sink {
  // The capabilities of the sink behind, given its tables as they leave chsync.
  readonly versions: SinkVersions | null
  /** Copied rows as the server sent them, for tables nothing is left out of or masked in. */
  readonly snapshotText: SnapshotTextWriter | null
  readonly ownership: TargetOwnership | null
  readonly lifeCycle: SinkLifeCycle | null
  readonly batching: SinkBatching | null

  constructor(
    readonly inner: Sink,
    readonly shaping: ColumnShaping,
  ) {
    const x = shaping
    const { versions, snapshotText: text, ownership } = inner
    this.versions = versions && {
      maxVersion: (ts, committed) =>
        versions.maxVersion(
          ts.map((t) => x.table(t)),
          committed,
        ),
    }
    this.snapshotText = text && { writeSnapshotText: (t, ...row) => x.table(t) === t && text.writeSnapshotText(t, ...row) }
    this.ownership = ownership && {
      adopt: (t) => ownership.adopt(x.table(t)),
      release: (t) => ownership.release(x.table(t)),
      dropUnclaimed: () => ownership.dropUnclaimed(),
    }
    this.lifeCycle = inner.lifeCycle
    this.batching = inner.batching
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
    this.inner.claim(tables.map((t) => this.shaping.table(t)))
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
  committed(position: string, gtid: string | null): Promise<void> {
    return this.inner.committed(position, gtid)
  }
  isPrepared(table: SourceTable): boolean {
    return this.inner.isPrepared(this.shaping.table(table))
  }
  cannotHold(table: SourceTable): string | null {
    return this.inner.cannotHold(this.shaping.table(table))
  }
  discard(table: SourceTable): void {
    this.inner.discard(this.shaping.table(table))
  }
  snapshotDone(table: SourceTable, version: bigint): Promise<void> {
    return this.inner.snapshotDone(this.shaping.table(table), version)
  }
  close(): Promise<void> {
    return this.inner.close()
  }
}
