// What one DDL statement does to the tracked source tables, as an ordered list of changes a
// consumer applies one after the other.

import type { ColumnDef } from './column-def.ts'
import type { TrackedTable } from './tracked-table.ts'

export interface TableName {
  database: string
  table: string
}

/**
 * Where a column lands: FIRST, AFTER a column (named as it is after the change), or null for
 * "at the end" (ADD) / "where it was" (MODIFY). `column.index` in the change holds the result.
 * (Not a string with 'FIRST': a column may be named FIRST.)
 */
export type ColumnPlacement = { first: true } | { first: false; after: string } | null

/**
 * Every change that leaves a table in place carries `after`: the whole table once the change is
 * applied, to store and to check against the next TABLE_MAP. Changes come in the order to apply.
 */
export type SchemaChange =
  | { kind: 'create_table'; table: TrackedTable; ifNotExists: boolean }
  | { kind: 'drop_table'; database: string; table: string; ifExists: boolean }
  | { kind: 'truncate_table'; database: string; table: string }
  /** `after` is absent when the renamed table was not tracked. */
  | { kind: 'rename_table'; from: TableName; to: TableName; after?: TrackedTable }
  /** `fill`: what the rows that existed before hold in the new column. */
  | {
      kind: 'add_column'
      database: string
      table: string
      column: ColumnDef
      position: ColumnPlacement
      fill: ColumnFill
      after: TrackedTable
    }
  | { kind: 'drop_column'; database: string; table: string; column: string; after: TrackedTable }
  /** The column's new definition (its name already the current one); `oldName` is what it was called before this change. */
  | {
      kind: 'modify_column'
      database: string
      table: string
      column: ColumnDef
      oldName: string
      position: ColumnPlacement
      after: TrackedTable
    }
  | { kind: 'rename_column'; database: string; table: string; from: string; to: string; after: TrackedTable }
  /** The primary key TABLE_MAP will report (column names in key order; empty: none). */
  | { kind: 'set_primary_key'; database: string; table: string; columns: string[]; after: TrackedTable }
  /** `collation`: the database's default collation id when it could be resolved. */
  | { kind: 'create_database'; database: string; ifNotExists: boolean; collation?: number }
  | { kind: 'drop_database'; database: string; ifExists: boolean }
  /** ALTER DATABASE changing the default collation: tables created later without one take it. */
  | { kind: 'alter_database'; database: string; collation: number }
  /**
   * Nothing the binlog's rows or their ClickHouse copy see. `after` is present when the tracked
   * table still changed (default collation, keys, byte lengths, visibility): store it.
   */
  | { kind: 'no_effect'; reason: string; database?: string; table?: string; after?: TrackedTable }
  /** Cannot be followed from the statement: reconcile from the next TABLE_MAP, or resync when the reason says rows changed. */
  | { kind: 'untranslatable'; reason: string; database?: string; table?: string; resync: boolean }

export type SchemaChangeKind = SchemaChange['kind']

/**
 * What the rows that existed before ALTER TABLE ... ADD COLUMN hold in the new column:
 * - null: SQL NULL
 * - value: the value as the server's SELECT would print it (raw bytes for BIT and binary strings)
 * - unknown: different per row or not derivable from the statement (generated, AUTO_INCREMENT,
 *   CURRENT_TIMESTAMP, expressions): the table must be copied again
 */
export type ColumnFill = { kind: 'null' } | { kind: 'value'; raw: Buffer } | { kind: 'unknown'; reason: string }
