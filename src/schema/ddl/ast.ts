// The typed result of parsing one DDL statement: what schema translation needs to know, with
// the server's implied rules already applied (type synonyms, implied NOT NULL, SERIAL, ...).

import type { ReferentialAction } from '../../model/index.ts'

/** A table as named in the statement; `database` is null when the session's current database applies. */
export interface TableRef {
  database: string | null
  name: string
}

export type DdlStatement =
  | CreateTableStatement
  | CreateTableLikeStatement
  | AlterTableStatement
  | DropTableStatement
  | TruncateTableStatement
  | RenameTableStatement
  | CreateDatabaseStatement
  | DropDatabaseStatement
  | AlterDatabaseStatement
  | CreateIndexStatement
  | DropIndexStatement
  | OtherStatement

/**
 * Why a statement's text alone cannot or must not be translated:
 * - `temporary_table`: temporary tables are not replicated in row format;
 * - `create_table_select`: the columns come from a query; take the table from the TABLE_MAP.
 */
export type Untranslatable = 'temporary_table' | 'create_table_select'

export interface CreateTableStatement {
  kind: 'create_table'
  table: TableRef
  ifNotExists: boolean
  /** MariaDB CREATE OR REPLACE TABLE. */
  orReplace: boolean
  temporary: boolean
  columns: ColumnDefinition[]
  /**
   * Every index and key: first those written as column attributes (PRIMARY KEY, UNIQUE, SERIAL),
   * in column order, then the table's key definitions in order.
   */
  indexes: IndexDefinition[]
  /** The primary key's parts, from a column attribute or a table constraint; null when there is none. */
  primaryKey: KeyPart[] | null
  /** UNIQUE keys (from constraints, column attributes and SERIAL), in order. */
  uniqueKeys: IndexDefinition[]
  foreignKeys: ForeignKeyDefinition[]
  checks: CheckDefinition[]
  /** MariaDB PERIOD FOR definitions (system time and application time). */
  periods: PeriodDefinition[]
  options: TableOptions
  partitioning: Partitioning | null
  /** The query of CREATE TABLE ... [AS] SELECT (or TABLE / VALUES), as written; null otherwise. */
  select: string | null
  untranslatable: Untranslatable | null
}

export interface CreateTableLikeStatement {
  kind: 'create_table_like'
  table: TableRef
  like: TableRef
  ifNotExists: boolean
  orReplace: boolean
  temporary: boolean
  untranslatable: Untranslatable | null
}

export interface AlterTableStatement {
  kind: 'alter_table'
  table: TableRef
  /** MariaDB ALTER TABLE IF EXISTS. */
  ifExists: boolean
  online: boolean
  ignore: boolean
  actions: AlterAction[]
}

export interface DropTableStatement {
  kind: 'drop_table'
  tables: TableRef[]
  ifExists: boolean
  temporary: boolean
  untranslatable: Untranslatable | null
}

export interface TruncateTableStatement {
  kind: 'truncate_table'
  table: TableRef
}

export interface RenameTableStatement {
  kind: 'rename_table'
  /** In order: the server applies them one after the other, so `a TO tmp, b TO a, tmp TO b` swaps. */
  renames: { from: TableRef; to: TableRef }[]
  ifExists: boolean
}

export interface CreateDatabaseStatement {
  kind: 'create_database'
  name: string
  ifNotExists: boolean
  orReplace: boolean
  charset: string | null
  collation: string | null
  comment: string | null
}

export interface DropDatabaseStatement {
  kind: 'drop_database'
  name: string
  ifExists: boolean
}

export interface AlterDatabaseStatement {
  kind: 'alter_database'
  /** null: the session's current database. */
  name: string | null
  charset: string | null
  collation: string | null
  comment: string | null
}

export interface CreateIndexStatement {
  kind: 'create_index'
  table: TableRef
  index: IndexDefinition
  ifNotExists: boolean
  orReplace: boolean
}

export interface DropIndexStatement {
  kind: 'drop_index'
  table: TableRef
  /** 'PRIMARY' for DROP INDEX `PRIMARY` ON t. */
  name: string
  ifExists: boolean
}

/** Anything that is not table or database DDL (GRANT, CREATE VIEW, SET, BEGIN, XA, ...), classified without a full parse. */
export interface OtherStatement {
  kind: 'other'
  /** The leading keywords, upper-cased: 'GRANT', 'CREATE VIEW', 'CREATE DEFINER', 'XA START', ... */
  head: string
}

// ---- columns ----

export interface ColumnDefinition {
  name: string
  type: DataType
  /** Whether the column accepts NULL, after the server's rules. */
  nullable: boolean
  /** What decided `nullable`: an explicit NULL / NOT NULL, or an implying rule. */
  nullableFrom: NullabilitySource
  default: ColumnDefault | null
  /** ON UPDATE CURRENT_TIMESTAMP[(fsp)]: the fsp, or null without ON UPDATE. */
  onUpdateCurrentTimestamp: { fsp: number } | null
  autoIncrement: boolean
  /** PRIMARY KEY written on the column (the table's primaryKey lists it too). */
  primaryKey: boolean
  /** UNIQUE [KEY] written on the column, or SERIAL. */
  unique: boolean
  comment: string | null
  generated: GeneratedColumn | null
  /** MariaDB system-versioning columns: GENERATED ALWAYS AS ROW START / ROW END. */
  rowPeriod: 'start' | 'end' | null
  /** MariaDB WITH / WITHOUT SYSTEM VERSIONING on the column. */
  versioning: 'with' | 'without' | null
  invisible: boolean
  /** SRID n (MySQL) or REF_SYSTEM_ID = n (MariaDB) of a spatial column. */
  srid: number | null
  checks: CheckDefinition[]
  references: ForeignKeyTarget | null
  /** Column attributes parsed and kept only for completeness (COLUMN_FORMAT, STORAGE, COMPRESSED, ...). */
  extra: Record<string, string>
}

export type NullabilitySource =
  | 'explicit'
  /** Part of the primary key. */
  | 'primary_key'
  /** SERIAL, or AUTO_INCREMENT (both servers make such a column NOT NULL). */
  | 'auto_increment'
  /** TIMESTAMP with explicit_defaults_for_timestamp OFF. */
  | 'timestamp'
  /** MariaDB ROW START / ROW END columns. */
  | 'system_versioning'
  /** Nothing said: nullable. In ALTER ... MODIFY the table's own primary key may still apply. */
  | 'default'

export interface DataType {
  /**
   * The base type the server stores, lower-case as SHOW CREATE TABLE prints it: synonyms resolved
   * (INTEGER → int, BOOL → tinyint, NUMERIC → decimal, REAL → double, LONG VARCHAR → mediumtext,
   * VARCHAR CHARACTER SET binary → varbinary, FLOAT(30) → double, ...).
   */
  name: TypeName
  /** The type as written, upper-cased words ('INTEGER', 'NATIONAL VARCHAR', 'SERIAL'). */
  written: string
  /**
   * char/varchar/binary/varbinary length, bit width, integer display width, VECTOR dimensions,
   * YEAR(n); null when not written and there is no implied one. TEXT(n) and BLOB(n) stay text /
   * blob with length n: the server stores the smallest TINY/-/MEDIUM/LONG type that holds n
   * characters (bytes), which depends on the character set.
   */
  length: number | null
  /** decimal precision (default 10) and scale (default 0); float/double (M,D) when written. */
  precision: number | null
  scale: number | null
  /** Fractional seconds of time/datetime/timestamp (0 when not written); null for other types. */
  fsp: number | null
  unsigned: boolean
  zerofill: boolean
  /**
   * Character set as written, lower-case (`utf8` stays `utf8`); NATIONAL → utf8mb3, ASCII →
   * latin1, UNICODE → ucs2. null when not written: the table's or database's default applies.
   */
  charset: string | null
  /** Collation from COLLATE, lower-case. */
  collation: string | null
  /** The BINARY attribute of a character type: the _bin collation of the character set. */
  binaryCollation: boolean
  /** ENUM / SET labels, decoded. */
  values: string[] | null
}

export type TypeName =
  | 'tinyint'
  | 'smallint'
  | 'mediumint'
  | 'int'
  | 'bigint'
  | 'decimal'
  | 'float'
  | 'double'
  | 'bit'
  | 'date'
  | 'time'
  | 'datetime'
  | 'timestamp'
  | 'year'
  | 'char'
  | 'varchar'
  | 'binary'
  | 'varbinary'
  | 'tinytext'
  | 'text'
  | 'mediumtext'
  | 'longtext'
  | 'tinyblob'
  | 'blob'
  | 'mediumblob'
  | 'longblob'
  | 'enum'
  | 'set'
  | 'json'
  | 'geometry'
  | 'point'
  | 'linestring'
  | 'polygon'
  | 'multipoint'
  | 'multilinestring'
  | 'multipolygon'
  | 'geometrycollection'
  | 'vector'
  | 'uuid'
  | 'inet4'
  | 'inet6'

/**
 * A column's DEFAULT. `text` is the SQL as written (comments dropped, spacing normalised).
 * string: `value` decoded (temporal literals like DATE '2020-01-01' included);
 * number: `value` as written with its sign ('-5', '1.50', '1e3');
 * hex / bit: `value` the digits; boolean: TRUE / FALSE;
 * current_timestamp: CURRENT_TIMESTAMP, NOW(), LOCALTIME[STAMP] with their fsp;
 * expression: anything else — `(expr)` or a MariaDB function call such as uuid() — in `text`.
 */
export type ColumnDefault =
  | { kind: 'null'; text: string }
  | { kind: 'string'; text: string; value: string }
  | { kind: 'number'; text: string; value: string }
  | { kind: 'hex'; text: string; value: string }
  | { kind: 'bit'; text: string; value: string }
  | { kind: 'boolean'; text: string; value: boolean }
  | { kind: 'current_timestamp'; text: string; fsp: number }
  | { kind: 'expression'; text: string }

export interface GeneratedColumn {
  /** The expression between the parentheses, as written. */
  expression: string
  /** STORED / PERSISTENT; false for VIRTUAL (the default). */
  stored: boolean
}

export type ColumnPosition = { first: true } | { first: false; after: string }

// ---- keys and constraints ----

export interface KeyPart {
  /** The column, or null for a functional key part. */
  column: string | null
  /** A functional key part's expression (MySQL `((expr))`), as written. */
  expression: string | null
  /** Prefix length: col(10). */
  length: number | null
  descending: boolean
}

export type IndexKind = 'primary' | 'unique' | 'index' | 'fulltext' | 'spatial' | 'vector'

export interface IndexDefinition {
  kind: IndexKind
  /** The index name; for PRIMARY KEY always 'PRIMARY'; null when the server will pick one. */
  name: string | null
  /** CONSTRAINT name, when written. */
  constraint: string | null
  parts: KeyPart[]
  /** USING BTREE | HASH | RTREE, upper-case. */
  using: string | null
  comment: string | null
  invisible: boolean
}

export interface ForeignKeyTarget {
  table: TableRef
  columns: string[]
  onDelete: ReferentialAction | null
  onUpdate: ReferentialAction | null
}

export interface ForeignKeyDefinition {
  /** CONSTRAINT name. */
  constraint: string | null
  /** The index name after FOREIGN KEY. */
  name: string | null
  columns: string[]
  references: ForeignKeyTarget
}

export interface CheckDefinition {
  constraint: string | null
  expression: string
  /** MySQL [NOT] ENFORCED; true when not written. */
  enforced: boolean
}

export interface PeriodDefinition {
  /** 'SYSTEM_TIME' or an application-time period name. */
  name: string
  start: string
  end: string
}

// ---- table options and partitioning ----

export interface TableOptions {
  engine: string | null
  /** DEFAULT CHARSET / CHARACTER SET, lower-case. */
  charset: string | null
  collation: string | null
  comment: string | null
  autoIncrement: bigint | null
  rowFormat: string | null
  /** MariaDB WITH SYSTEM VERSIONING. */
  withSystemVersioning: boolean
  /**
   * Every other option by upper-case name (words joined by one space) with its value as written
   * (strings decoded): KEY_BLOCK_SIZE, STATS_PERSISTENT, TABLESPACE, START TRANSACTION, and
   * MariaDB engine-defined options. None of them changes the data columns.
   */
  other: Record<string, string>
}

export interface Partitioning {
  method: 'HASH' | 'KEY' | 'RANGE' | 'LIST' | 'SYSTEM_TIME'
  linear: boolean
  /** RANGE COLUMNS / LIST COLUMNS. */
  columns: boolean
  /** The partitioning expression or column list, as written; '' for KEY () and SYSTEM_TIME. */
  expression: string
  /** PARTITIONS n, or the number of partition definitions; null when neither is there. */
  count: number | null
  /** The partition names, in order, when defined. */
  names: string[]
  /** The whole clause as written. */
  text: string
}

// ---- ALTER TABLE ----

export type AlterAction =
  | { kind: 'add_column'; column: ColumnDefinition; ifNotExists: boolean; position: ColumnPosition | null }
  | { kind: 'drop_column'; name: string; ifExists: boolean }
  | { kind: 'modify_column'; column: ColumnDefinition; ifExists: boolean; position: ColumnPosition | null }
  | { kind: 'change_column'; from: string; column: ColumnDefinition; ifExists: boolean; position: ColumnPosition | null }
  | { kind: 'rename_column'; from: string; to: string; ifExists: boolean }
  /** ALTER COLUMN c SET DEFAULT x (default) or DROP DEFAULT (null). */
  | { kind: 'alter_column_default'; name: string; default: ColumnDefault | null }
  | { kind: 'alter_column_visibility'; name: string; invisible: boolean }
  | { kind: 'rename_table'; to: TableRef }
  /** ADD PRIMARY KEY makes its columns NOT NULL. */
  | { kind: 'add_index'; index: IndexDefinition; ifNotExists: boolean }
  | { kind: 'drop_index'; name: string; ifExists: boolean }
  | { kind: 'drop_primary_key' }
  | { kind: 'rename_index'; from: string; to: string }
  | { kind: 'add_foreign_key'; foreignKey: ForeignKeyDefinition; ifNotExists: boolean }
  | { kind: 'drop_foreign_key'; name: string; ifExists: boolean }
  | { kind: 'add_check'; check: CheckDefinition }
  /** DROP CHECK c / DROP CONSTRAINT c (MySQL and MariaDB resolve CONSTRAINT to a check, foreign or unique key). */
  | { kind: 'drop_constraint'; name: string; ifExists: boolean; constraint: 'check' | 'any' }
  /** CONVERT TO CHARACTER SET: every character column changes its charset (DEFAULT: the database's). */
  | { kind: 'convert_charset'; charset: string; collation: string | null }
  | { kind: 'table_options'; options: TableOptions }
  | { kind: 'partitioning'; partitioning: Partitioning }
  /**
   * A partition operation. `changesRows`: rows appear or vanish with no row events in the binlog
   * (DROP / TRUNCATE / EXCHANGE / IMPORT ... TABLESPACE, MariaDB CONVERT PARTITION / TABLE).
   */
  | { kind: 'partition_operation'; operation: PartitionOperation; partitions: string[] | 'ALL'; changesRows: boolean; text: string }
  /** MariaDB ADD / DROP SYSTEM VERSIONING; DROP removes the row start/end columns. */
  | { kind: 'system_versioning'; add: boolean }
  | { kind: 'add_period'; period: PeriodDefinition; ifNotExists: boolean }
  | { kind: 'drop_period'; name: string; ifExists: boolean }
  /** DISCARD / IMPORT TABLESPACE; IMPORT replaces the rows with no row events. */
  | { kind: 'tablespace'; operation: 'discard' | 'import'; changesRows: boolean }
  /** A clause that changes neither the data columns nor the rows, named. */
  | { kind: 'no_effect'; clause: NoEffectClause; text: string }

export type PartitionOperation =
  | 'add'
  | 'drop'
  | 'truncate'
  | 'coalesce'
  | 'reorganize'
  | 'exchange'
  | 'analyze'
  | 'check'
  | 'optimize'
  | 'rebuild'
  | 'repair'
  | 'discard'
  | 'import'
  | 'remove_partitioning'
  | 'upgrade_partitioning'
  | 'convert_to_table'
  | 'convert_from_table'

export type NoEffectClause =
  | 'algorithm'
  | 'lock'
  | 'force'
  | 'order_by'
  | 'enable_keys'
  | 'disable_keys'
  | 'alter_index_visibility'
  | 'alter_check_enforcement'
  | 'validation'
  | 'secondary_load'
  | 'secondary_unload'
