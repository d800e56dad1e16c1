// A source table as DDL leaves it: the SourceTable (columns as TABLE_MAP describes them, the
// primary key TABLE_MAP reports) plus what later DDL needs to be followed: the table's default
// collation and its keys.

import type { SourceTable } from './source-table.ts'

/** ON DELETE / ON UPDATE of a foreign key. */
export type ReferentialAction = 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT' | 'NO ACTION'

export interface TrackedKeyPart {
  /** The column, or null for a functional key part (an expression). */
  column: string | null
  /** Prefix length as written (`c(10)`), or null for the whole column. */
  prefix: number | null
}

export interface TrackedKey {
  /** The index name the server gave it; 'PRIMARY' for the primary key. */
  name: string
  /** FULLTEXT, SPATIAL and VECTOR indexes count as 'index': they never identify a row. */
  kind: 'primary' | 'unique' | 'index'
  parts: TrackedKeyPart[]
  /** USING HASH was written (MariaDB then keeps a UNIQUE key as a hash over a hidden column). */
  hash?: boolean
  /**
   * The server made this index for a foreign key that had none to use: it goes again, silently,
   * when a later index starts with the same columns (both servers).
   */
  generated?: boolean
}

/** A FOREIGN KEY of the table (the child), as the server keeps it. */
export interface TrackedForeignKey {
  /** The constraint name: CONSTRAINT symbol, (MariaDB) the FOREIGN KEY index name, else `<table>_ibfk_<n>`. */
  name: string
  /** The child's columns, in key order. */
  columns: string[]
  /** The referenced table — in the child's database when the DDL names none — and its columns, in key order. */
  parent: { database: string; table: string; columns: string[] }
  /** As the server stores them: an action not written is RESTRICT on MariaDB, NO ACTION on MySQL. */
  onDelete: ReferentialAction
  onUpdate: ReferentialAction
}

export interface TrackedTable extends SourceTable {
  /** The table's default collation id, for columns added without a character set (undefined: unknown). */
  collation?: number
  /**
   * Its keys in the server's order, when the table is known from DDL. Without them, DROP INDEX
   * and the implied primary key (below) cannot be followed and the primary key only changes by
   * ADD / DROP PRIMARY KEY.
   */
  keys?: TrackedKey[]
  /** Its foreign keys, when known (from DDL or information_schema); undefined: not known. */
  foreignKeys?: TrackedForeignKey[]
}
