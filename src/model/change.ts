// What flows from the binlog and the snapshot into a sink: row changes with their version, and DDL.

import type { Row } from './cell.ts'
import type { SchemaChange } from './schema-change.ts'
import type { SourceTable } from './source-table.ts'

export type ChangeKind = 'insert' | 'update' | 'delete' | 'snapshot'

export interface RowChange {
  kind: ChangeKind
  table: SourceTable
  /** The row before the change (update, delete). */
  before: Row | null
  /** The row after the change (insert, update, snapshot). */
  after: Row | null
  /** `_version`: higher wins; a replay gives the same number. */
  version: bigint
  /** GTID of the source transaction (binlog changes with GTIDs). */
  gtid: string | null
  /** Binlog position of the transaction's commit as "file:offset" (binlog changes). */
  position: string | null
  /** Commit time on the source (binlog) or copy time (snapshot), ms since the epoch. */
  timestampMs: number
}

export interface DdlChange {
  /** The session's database when the statement ran. */
  database: string
  statement: string
  changes: SchemaChange[]
  /** The tracked tables the statement changes, as they were before it (with their target ids). */
  before: SourceTable[]
  gtid: string | null
  position: string | null
  timestampMs: number
}
