// The interface every destination implements: ClickHouse tables, JSON lines, a user's plugin.

import type { DdlChange, RowChange } from '../pipeline/change.ts'
import type { SourceTable } from '../schema/model.ts'

export type PrepareResult = 'ready' | 'rebuilt'

export interface Sink {
  readonly name: string
  start(): Promise<void>
  /**
   * The table is about to receive rows with this shape: create or adapt what the target needs.
   * 'rebuilt': the target had to start over empty, so the table must be copied again.
   */
  prepareTable(table: SourceTable): Promise<PrepareResult>
  /** Buffers one change; nothing is durable before `flush` resolves. */
  write(change: RowChange): void
  /**
   * Applies DDL. Called with nothing buffered (the pipeline flushes first). Returns the tables
   * whose target had to start over empty (they must be copied again).
   */
  applyDdl(ddl: DdlChange): Promise<SourceTable[]>
  /** Sends everything written so far; resolves once the destination acknowledged all of it. */
  flush(): Promise<void>
  /** Bytes and rows written but not yet flushed. */
  readonly pendingBytes: number
  readonly pendingRows: number
  /**
   * A table's copy is complete and flushed: rows of it older than `version` (left from before
   * a resync) can go.
   */
  snapshotDone?(table: SourceTable, version: bigint): Promise<void>
  /** Called after a position was committed (plugins hear of it; others may ignore it). */
  committed?(position: string, gtid: string | null): Promise<void>
  close(): Promise<void>
}
