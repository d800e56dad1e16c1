// What deriving the schema changes of one DDL statement needs to know: the session, the server
// and the tracked tables.

import type { TrackedTable } from '../../model/index.ts'
import type { ServerFlavor } from '../ddl/index.ts'
import type { CollationCatalog, CollationRow } from './collations.ts'

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
