// The contract every destination honours (ClickHouse tables, JSON lines, Kafka, a user's plugin):
// the required part, the hooks a base that does nothing answers, the capabilities a sink opts into,
// and how a failed flush is told apart (tried again, or the end of the run).

import type { CharsetRegistry } from '../binlog/index.ts'
import type { DdlChange, RowChange, SourceTable } from '../model/index.ts'
import { isPermanent } from '../retry/index.ts'
import type { CommitRecord } from '../state/index.ts'
import type { PreflightFinding } from './preflight-finding.ts'

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
  /** Buffers one change; nothing is durable before `flush` resolves. */
  write(change: RowChange): void
  /**
   * Applies DDL. Called with nothing buffered (the pipeline flushes first). Each step is checked
   * against the target's real state, so applying it again after a crash changes nothing more.
   * A sink that keeps no tables records the statement in its feed.
   */
  applyDdl(ddl: DdlChange): Promise<DdlResult>
  /**
   * Sends everything written so far; resolves once the destination acknowledged all of it.
   * Rejects with SinkFatalError (or a PermanentError) when trying again cannot help, with
   * TablesRefusedError when only some tables' rows were refused, else with anything: the same
   * flush is then tried again (see flushFailure). `commit` is what the pipeline commits to the
   * state file after that: a sink that can write it atomically with the changes (Kafka: its
   * position record, in the same transaction) keeps it, to recover from at start.
   */
  flush(commit?: CommitRecord): Promise<void>
  /** Bytes and rows written but not yet flushed. */
  readonly pendingBytes: number
  readonly pendingRows: number
  close(): Promise<void>

  // Hooks: BaseSink answers each with nothing done.

  /**
   * The tables of the schema history at start, before any prepareTable: their targets are
   * spoken for (a sink that keeps its own objects does not take them for leftovers).
   */
  claim(tables: readonly SourceTable[]): void
  /** Drops what is pending for a table that was set aside. */
  discard(table: SourceTable): void
  /** False when rows of this table cannot be written before prepareTable (a sink that keeps tables). */
  isPrepared(table: SourceTable): boolean
  /** Why the target cannot hold a table of this shape (it is left out), or null when it can. */
  cannotHold(table: SourceTable): string | null
  /**
   * A table's copy is complete and flushed: rows of it older than `version` (left from before
   * a resync) can go.
   */
  snapshotDone(table: SourceTable, version: bigint): Promise<void>
  /** Called after a position was committed (plugins hear of it; others may ignore it). */
  committed(position: string, gtid: string | null): Promise<void>
  /**
   * Set by the pipeline: told when the sink fails on its own, outside any call (a plugin's error
   * thrown from a timer). Nothing may be committed after it; the run ends with this error.
   */
  onFailure?: (err: Error) => void

  // Capabilities: null when the sink has none; the pipeline asks for them, never for methods.

  /** The versions already in the target, so a fresh counter starts above them. */
  readonly versions: SinkVersions | null
  /** Copied rows encoded straight from the text protocol, without Cells. */
  readonly snapshotText: SnapshotTextWriter | null
  /** Objects the sink created in the target and marks as this chsync's (ClickHouse tables). */
  readonly ownership: TargetOwnership | null
  /** Wants the life cycle and each source transaction's end, in order with the changes (plugins). */
  readonly lifeCycle: SinkLifeCycle | null
  /** Batches by its own keys instead of [apply]'s (the change feed's sink.ndjson.batch_rows, ...). */
  readonly batching: SinkBatching | null
}

export interface SinkVersions {
  /**
   * At start: the highest `_version` the target holds of these tables (0 when none), so that a
   * counter above it makes every change written from now on win over anything already there; once
   * what was written past the `committed` counter where a replay would not replace it (history
   * rows) is gone.
   */
  maxVersion(tables: SourceTable[], committed: bigint): Promise<bigint>
}

export interface SnapshotTextWriter {
  /**
   * A copied row (kind "snapshot") as the text protocol sent it: value i of the table's select
   * list is buf[at[2i]..at[2i+1]) (-1: NULL). Writes exactly what write() writes for the row's
   * Cells (parsed with `charsets`). false: not done, give write() the Cells.
   */
  writeSnapshotText(table: SourceTable, buf: Buffer, at: Int32Array, version: bigint, charsets?: CharsetRegistry): boolean
}

export interface TargetOwnership {
  /** Marks the copy an older chsync made of `table` as this chsync's (a state file without schema history). */
  adopt(table: SourceTable): Promise<void>
  /** The copy of a table no longer replicated stays, no longer marked as this chsync's. */
  release(table: SourceTable): Promise<void>
  /** Drops the objects of this chsync no claimed table owns; after claim and the preparations. */
  dropUnclaimed(): Promise<void>
}

export interface SinkLifeCycle {
  /** Copies of tables are about to start (before the first snapshot row). */
  snapshotStarted(): Promise<void>
  /** Every pending copy is finished, flushed and committed. */
  snapshotFinished(): Promise<void>
  /** The binlog stream is connected and about to deliver changes (after every connect). */
  streamStarted(): Promise<void>
  /**
   * A source transaction ended: every binlog change written since the previous call belongs to it.
   * Called synchronously at the transaction's commit, before the flusher learns the new position.
   */
  transactionEnded(end: TransactionEnd): void
}

export interface SinkBatching {
  /** Flush once this many rows are pending. */
  batchRows: number
  /** Flush at least this often while rows are pending. */
  flushIntervalMs: number
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
 * The base a sink extends: every hook does nothing, no capability. A sink that keeps no tables
 * (a change feed) is ready for any table and can hold any.
 */
export abstract class BaseSink implements Sink {
  abstract readonly name: string
  abstract readonly pendingBytes: number
  abstract readonly pendingRows: number
  abstract start(ctx: SinkStart): Promise<void>
  abstract write(change: RowChange): void
  abstract applyDdl(ddl: DdlChange): Promise<DdlResult>
  abstract flush(commit?: CommitRecord): Promise<void>
  abstract close(): Promise<void>
  onFailure?: (err: Error) => void
  readonly versions: SinkVersions | null = null
  readonly snapshotText: SnapshotTextWriter | null = null
  readonly ownership: TargetOwnership | null = null
  readonly lifeCycle: SinkLifeCycle | null = null
  readonly batching: SinkBatching | null = null

  async prepareTable(_table: SourceTable, _opts?: { atStart?: boolean }): Promise<PrepareResult> {
    return 'ready'
  }
  claim(_tables: readonly SourceTable[]): void {}
  discard(_table: SourceTable): void {}
  isPrepared(_table: SourceTable): boolean {
    return true
  }
  cannotHold(_table: SourceTable): string | null {
    return null
  }
  async snapshotDone(_table: SourceTable, _version: bigint): Promise<void> {}
  async committed(_position: string, _gtid: string | null): Promise<void> {}
}

/**
 * What `chsync check` examines of a kind of sink, without building or starting one (chosen per
 * sink.kind by sinkPreflight in create-sink.ts; a sink with nothing to examine has none).
 */
export interface SinkPreflight {
  /** Source tables this sink could not hold (it would leave them out), from columns named like its own. */
  tables(systemNamedColumns: readonly SystemNamedColumn[]): PreflightFinding[]
  /** The destination: it answers, its version, what the account may do. `header` names it in the report. */
  target(sourceTables: readonly [string, string][]): Promise<{ header: string; findings: PreflightFinding[] }>
}

/** A source column named like one chsync adds in a target (any case). */
export interface SystemNamedColumn {
  db: string
  table: string
  column: string
  /** Its table has a primary key. */
  keyed: boolean
}

/** What the pipeline does after a failed flush: the same flush again, or stop without committing. */
export type FlushFailure = 'retryable' | 'fatal'

/** The contract's reading of a flush failure (TablesRefusedError is the pipeline's to take apart first). */
export function flushFailure(err: unknown): FlushFailure {
  return err instanceof SinkFatalError || isPermanent(err) ? 'fatal' : 'retryable'
}

/**
 * A failure that trying again cannot fix (a plugin threw): the stream must stop without committing
 * anything past it, instead of the flush being retried.
 */
export class SinkFatalError extends Error {
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
