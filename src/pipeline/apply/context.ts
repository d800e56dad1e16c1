// What the binlog applier needs of the replicator: which tables are replicated, the schema history,
// and the calls that start copies, set tables aside and hold copies while a target changes.

import type { Flavor } from '../../binlog/index.ts'
import type { CollationCatalog } from '../../schema/changes/index.ts'
import type { SourceTable } from '../../model/index.ts'
import type { ForeignKeyActions } from '../cascade/index.ts'
import type { HistoryTable, SchemaHistory } from '../schema-history.ts'

export interface ApplyContext {
  flavor: Flavor
  /** Aborted when the run stops: a target change waiting to be tried again gives up at once. */
  stopSignal?: AbortSignal
  serverVersion: string
  /** Which source tables are replicated (selected by the config and not left out). */
  replicated: (database: string, table: string) => boolean
  /**
   * A table the stream creates: replicated when the config selects it, even if a table of that
   * name was left out before (its rows all come from the binlog, no copy needed).
   */
  created: (database: string, table: string) => boolean
  /** False when the sink cannot hold a table of this shape: it is left out from now on. */
  admit: (table: SourceTable) => boolean
  /** The schema history: every replicated table as of the point applied. */
  history: SchemaHistory
  collations: CollationCatalog
  /**
   * A table entering the replicated set (renamed into it, or first seen in a TABLE_MAP): as the
   * source has it now, with a new target id and the point it was described at; null when it is
   * not replicated or chsync cannot read it (it is left out, never made from the binlog alone);
   * 'gone' when the source has no such table now (the stream is behind it).
   */
  enter: (database: string, table: string) => Promise<HistoryTable | null | 'gone'>
  /**
   * The table must be copied again, its rows with `version`: a version of its own, taken from the
   * counter at this point of the stream, so old rows are all below it and later changes above.
   */
  onCopyNeeded: (table: SourceTable, version: bigint) => void
  /** Set aside: the target refused it; its rows are skipped until its next copy. */
  isSetAside: (database: string, table: string) => boolean
  /** The target refused a change to this table: set it aside (the others go on). */
  setAside: (table: SourceTable, reason: string) => void
  /** The table was dropped (or renamed away) on the source: its copy progress and set-aside state go. */
  forget: (database: string, table: string) => void
  /** A left-out table was dropped (or renamed away) on the source: a table of its name made later is taken as new. */
  notLeftOut: (database: string, table: string) => void
  /** The table was renamed on the source: its copy progress and any set-aside state go with it. */
  moved: (from: SourceTable, to: SourceTable) => void
  /**
   * Before a change to these tables' targets: their copies stop writing (and do not start) until
   * releaseCopies, so that no copied row is written for a target that changes under it.
   */
  holdCopies: (tables: readonly { database: string; table: string }[]) => Promise<void>
  releaseCopies: () => void
  /** Foreign-key actions the source did not log (absent: none worked out). */
  foreignKeys?: ForeignKeyActions
}

/** The transaction being applied: what its changes, log lines and entry-point checks carry. */
export interface OpenTransaction {
  /** Its GTID; null when anonymous. */
  gtid: string | null
  /** "file:offset" where it begins (the end of the one before). */
  start: string
  /** Its commit time on the source, ms since the epoch. */
  timestampMs: number
}

/** The `_version` counter of the stream: one number for each change, and one for each copy asked for. */
export class VersionCounter {
  constructor(public value: bigint) {}

  next(): bigint {
    return ++this.value
  }
}
