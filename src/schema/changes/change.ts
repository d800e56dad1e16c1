// What one DDL statement does to the tracked source tables, as an ordered list of changes a
// consumer applies one after the other; and what the derivation needs to know to compute them.

import type { ColumnDef } from '../../binlog/index.ts'
import type { ServerFlavor } from '../ddl/index.ts'
import type { CollationCatalog, CollationRow } from './collations.ts'
import type { ColumnFill } from './fill.ts'
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
  | { kind: 'add_column'; database: string; table: string; column: ColumnDef; position: ColumnPlacement; fill: ColumnFill; after: TrackedTable }
  | { kind: 'drop_column'; database: string; table: string; column: string; after: TrackedTable }
  /** The column's new definition (its name already the current one); `oldName` is what it was called before this change. */
  | { kind: 'modify_column'; database: string; table: string; column: ColumnDef; oldName: string; position: ColumnPlacement; after: TrackedTable }
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

export interface SchemaContext {
  /** The QUERY event's session database ('' when none). */
  currentDatabase: string
  flavor: ServerFlavor
  /** The tracked table, or undefined when it is not tracked. */
  tables: (database: string, table: string) => TrackedTable | undefined
  /** The server's collations: a catalog, or the rows of `collationsQuery(flavor)` to build one from. */
  collations: CollationCatalog | readonly CollationRow[]
  /** A database's default collation id (information_schema.SCHEMATA, or followed from CREATE / ALTER DATABASE). */
  databaseCollation?: (database: string) => number | undefined
  /** The session's collation_server (the QUERY event's Q_CHARSET_CODE): the default of CREATE DATABASE without one. */
  serverCollation?: number
  /** MySQL's default_collation_for_utf8mb4 of the session (Q_DEFAULT_COLLATION_FOR_UTF8MB4): what CHARSET utf8mb4 alone means. */
  utf8mb4Collation?: number
  /** The server's version as 90704 / 101119 (what older servers ignore, like column-level REFERENCES); unknown: a current one. */
  serverVersion?: number
  /**
   * Every tracked table. Renaming a table or a column a foreign key references changes the
   * referencing tables too: without this list, only the renamed table follows.
   */
  trackedTables?: () => Iterable<TrackedTable>
}

/** The context with its collations as a catalog (what the derivation works with). */
export interface ResolvedContext extends Omit<SchemaContext, 'collations'> {
  collations: CollationCatalog
}
