// What the ndjson sink hands to its output (stdout, files, HTTP), and what a file output tells back
// so that the sink can find, after a crash, the lines that were written but not committed.

/** What a run of lines is, for deciding later whether the committed position covers it. */
export type RunMeta =
  /** Binlog row changes; `lastVersion` is the version of the run's last line. */
  | { cls: 'row'; lastVersion: bigint }
  /** One DDL line; `committedAt` is the committed position ("file:offset") when it was written. */
  | { cls: 'ddl'; committedAt: string | null }
  /**
   * Snapshot rows of one table's copy; `lastOrdinal` counts rows from the copy's start (1-based),
   * null for a table without a primary key (its scan starts over after a crash: no count covers it).
   */
  | { cls: 'snapshot'; database: string; table: string; version: bigint; lastOrdinal: number | null }
  /**
   * The lines a restart found after the mark and could not tell covered. Binlog lines there are
   * covered once the replay went past them (`binlog`: the version of the first row change after
   * them; "none" when there are none) and that is committed; copied rows once their copies
   * ("db.table@version") finished.
   */
  | { cls: 'tail'; binlog: 'none' | 'pending' | bigint; copies: Set<string> }

/** Consecutive lines of one kind, in write order. */
export interface PendingRun {
  meta: RunMeta
  /** The lines, UTF-8, each ending in a newline. */
  bytes: Uint8Array
  lines: number
}

/** A place in the output files: segment number and byte offset. */
export interface SegmentPoint {
  segment: number
  offset: number
}

export interface WrittenRun {
  meta: RunMeta
  /** Where the run's first line starts. */
  start: SegmentPoint
}

export interface FeedOutput {
  /** For messages: "stdout", the file path, the URL without credentials. */
  readonly label: string
  /**
   * Takes the runs; nothing is sent yet. Called synchronously by the sink's flush, so everything
   * written before a flush belongs to it.
   */
  enqueue(runs: PendingRun[]): void
  /**
   * Sends everything enqueued; resolves once it is durable (fsynced, answered 2xx, written to the
   * pipe). On failure what was not delivered stays enqueued, to go first next time. A file output
   * resolves with where each run landed.
   */
  deliver(): Promise<WrittenRun[] | null>
  /** Bytes and lines enqueued but not yet delivered. */
  readonly queuedBytes: number
  readonly queuedLines: number
  close(): Promise<void>
}
