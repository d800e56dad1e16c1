// The interface every destination implements: ClickHouse tables, JSON lines, a user's plugin.

import type { DdlChange, RowChange, SourceTable } from '../model/index.ts'
import type { CommitRecord } from '../state/index.ts'

/** 'rebuilt': the target had to start over empty (it was missing, or its key changed). */
export type PrepareResult = 'ready' | 'rebuilt'

/** What the pipeline tells a sink when it starts. */
export interface SinkStart {
  /** The state file's id: marks what this chsync creates in the target. */
  owner: string
}

/** What applying one DDL event did to the target. */
export interface DdlResult {
  /** Tables whose target had to start over empty: they must be copied again. */
  rebuilt: SourceTable[]
  /** Tables the target cannot follow (it refused the change, or the name is taken): set them aside. */
  refused: { table: SourceTable; reason: string }[]
}

export interface Sink {
  readonly name: string
  start(ctx: SinkStart): Promise<void>
  /**
   * The table is about to receive rows with this shape: create or adapt what the target needs,
   * checked against the target's real state (a crash may have left it ahead of the shape).
   * 'rebuilt': the target had to start over empty, so the table must be copied again. Throws
   * TargetRefusedError when the target cannot hold it (a name taken by someone else's table).
   * `atStart`: the shape is the schema history's at the committed position, and the target may be
   * ahead of it (a crash between a change and its commit): find and place the table, but leave
   * its columns for the replayed DDL and TABLE_MAP to bring in line (undoing them would lose data).
   */
  prepareTable(table: SourceTable, opts?: { atStart?: boolean }): Promise<PrepareResult>
  /**
   * The tables of the schema history at start, before any prepareTable: their targets are
   * spoken for (a sink that keeps its own objects does not take them for leftovers).
   */
  claim?(tables: readonly SourceTable[]): void
  /** Drops what is pending for a table that was set aside. */
  discard?(table: SourceTable): void
  /** False when rows of this table cannot be written before prepareTable (a sink that keeps tables). */
  isPrepared?(table: SourceTable): boolean
  /** Why the target cannot hold a table of this shape (it is left out), or null when it can. */
  cannotHold?(table: SourceTable): string | null
  /** Buffers one change; nothing is durable before `flush` resolves. */
  write(change: RowChange): void
  /**
   * Applies DDL. Called with nothing buffered (the pipeline flushes first). Each step is checked
   * against the target's real state, so applying it again after a crash changes nothing more.
   */
  applyDdl(ddl: DdlChange): Promise<DdlResult>
  /**
   * Sends everything written so far; resolves once the destination acknowledged all of it.
   * `commit` is what the pipeline commits to the state file after that: a sink that can write it
   * atomically with the changes (Kafka: in the same transaction) keeps it, to recover from at start.
   */
  flush(commit?: CommitRecord): Promise<void>
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
  /**
   * Set by the pipeline: told when the sink fails on its own, outside any call (a plugin's error
   * thrown from a timer). Nothing may be committed after it; the run ends with this error.
   */
  onFailure?: (err: Error) => void
  close(): Promise<void>
}

/** What the pipeline needs of a sink beyond the contract: the ClickHouse sink's extras. */
export type PipelineSink = Sink & {
  /**
   * At start: the highest `_version` in the copies of these tables, once what was written past the
   * committed version counter where a replay would not replace it (history rows) is gone.
   */
  maxVersion?(tables: SourceTable[], committed: bigint): Promise<bigint>
  adopt?(table: SourceTable): Promise<void>
  dropUnclaimed?(): Promise<void>
  release?(table: SourceTable): Promise<void>
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

/** The target refuses a table for good (its name is taken by a table chsync did not make, ...). */
export class TargetRefusedError extends Error {
  readonly code = 'target_refused'
  constructor(
    readonly table: SourceTable,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'TargetRefusedError'
  }
}

/** A flush delivered everything but the rows of these tables, which the target refused. */
export class TablesRefusedError extends Error {
  readonly code = 'tables_refused'
  constructor(readonly refused: { table: SourceTable; error: Error }[]) {
    super(refused.map((r) => `${r.table.database}.${r.table.table}: ${r.error.message}`).join('; '))
    this.name = 'TablesRefusedError'
  }
}
