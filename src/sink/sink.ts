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
  /** Why the target cannot hold a table of this shape (it is left out), or null when it can. */
  cannotHold?(table: SourceTable): string | null
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
  /**
   * A source transaction ended: every binlog change written since the previous call belongs to it.
   * Called synchronously at the transaction's commit, before the flusher learns the new position.
   */
  transactionEnded?(end: TransactionEnd): void
  /** Copies of tables are about to start (before the first snapshot row). */
  snapshotStarted?(): Promise<void>
  /** Every pending copy is finished, flushed and committed. */
  snapshotFinished?(): Promise<void>
  /** The binlog stream is connected and about to deliver changes (after every connect). */
  streamStarted?(): Promise<void>
  close(): Promise<void>
}

/** Where a source transaction ended. */
export interface TransactionEnd {
  /** "file:offset" to resume from after the transaction. */
  position: string
  /** The transaction's own GTID, null when anonymous. */
  gtid: string | null
  /** Executed GTID set after the transaction, when the source has GTIDs. */
  gtidSet: string | null
  /** Commit time on the source, ms since the epoch. */
  timestampMs: number
  /** The last `_version` handed out in the transaction. */
  version: bigint
}

/**
 * A failure that trying again cannot fix (a plugin threw): the stream must stop without committing
 * anything past it, instead of the flush being retried.
 */
export class SinkFatalError extends Error {
  readonly fatal = true
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'SinkFatalError'
  }
}

/** A copied row was read with another shape than the target table now has: read it again. */
export class ShapeChangedError extends Error {
  readonly code = 'shape_changed'
}
