// A source table's counterpart in ClickHouse: name, mapped columns, engine and key, and the
// statement that creates it.

import { mapColumn, type TargetColumn, type TimeType } from '../../schema/types/index.ts'
import type { ColumnDef, SourceTable } from '../../model/index.ts'
import type { TableLayout } from '../../config/index.ts'
import { codecOf, orderByOf, tableClauses } from './layout.ts'
import { COLUMN_MARK, literal } from './ownership.ts'

export interface TargetTable {
  source: SourceTable
  database: string
  table: string
  columns: TargetColumn[]
  /** No primary key on the source: rows are keyed by `_key`, a hash of the full row. */
  keyless: boolean
  /** History mode (history.ts): every change a row of its own, ordered by key and `_version`. */
  history: boolean
}

export interface TargetNaming {
  database(sourceDb: string): string
  /** ClickHouse type from the configuration for "db.table.column", if any. */
  override(sourceDb: string, table: string, column: string): string | undefined
  /** Bytes of every value of a column that holds text of one length (a sha256 mask), else null. */
  fixedBytes?(sourceDb: string, table: string, column: string): number | null
  jsonType: 'String' | 'JSON'
  /** The TIME type of new tables (target.time_type, resolved against the server at start). */
  timeType: TimeType
  /** ON CLUSTER and Replicated* engines when set. */
  cluster: string | null
  /** With a cluster: the suffix of the Distributed table beside each table (target.distributed). */
  distributed?: string | null
  /** The user's layout of the table ([[target.layout]]), if any. */
  layout?(sourceDb: string, table: string): TableLayout | null
}

export const VERSION_COLUMN = '_version'
export const DELETED_COLUMN = '_is_deleted'
export const KEY_COLUMN = '_key'
export const OP_COLUMN = '_op'
export const TS_COLUMN = '_ts'

/** `_op` values of history tables as the Enum8 stores them (RowBinary: one signed byte). */
export const OPS = { insert: 1, update: 2, delete: 3 } as const
const HISTORY_COLUMNS: [string, string][] = [
  [
    OP_COLUMN,
    `Enum8(${Object.entries(OPS)
      .map(([n, v]) => `'${n}' = ${v}`)
      .join(', ')})`,
  ],
  [TS_COLUMN, "DateTime64(3, 'UTC')"],
]

export function ident(name: string): string {
  return '`' + name.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`'
}

export function qualified(t: { database: string; table: string }): string {
  return `${ident(t.database)}.${ident(t.table)}`
}

/**
 * `timeType`: the table's own (time-choice.ts), when it has one; `history`: whether the table is
 * (or is to be) a history table, by default as [[target.layout]] says.
 */
export function targetTable(
  source: SourceTable,
  naming: TargetNaming,
  timeType = naming.timeType,
  history = historyMode(naming, source),
): TargetTable {
  return {
    source,
    database: naming.database(source.database),
    table: source.table,
    columns: source.columns.map((c) => targetColumn(source.database, source.table, c, naming, timeType)),
    keyless: source.primaryKey.length === 0,
    history,
  }
}

/** Whether [[target.layout]] asks for the table in history mode. */
export function historyMode(naming: TargetNaming, source: { database: string; table: string }): boolean {
  return naming.layout?.(source.database, source.table)?.mode === 'history'
}

export function targetColumn(database: string, table: string, col: ColumnDef, naming: TargetNaming, timeType: TimeType): TargetColumn {
  const fixedBytes = naming.fixedBytes?.(database, table, col.name) ?? undefined
  return mapColumn(col, { jsonType: naming.jsonType, timeType, override: naming.override(database, table, col.name), fixedBytes })
}

/** ` ON CLUSTER c` when the target is a cluster, else ''. */
export function onCluster(naming: TargetNaming): string {
  return naming.cluster ? ` ON CLUSTER ${ident(naming.cluster)}` : ''
}

/** A source column named like one chsync adds would make two columns of one name: say which. */
export function systemColumnClash(columnNames: readonly string[], keyed: boolean, history = false): string | null {
  const added = [...(keyed ? [] : [KEY_COLUMN]), VERSION_COLUMN, DELETED_COLUMN, ...(history ? [OP_COLUMN, TS_COLUMN] : [])]
  const clash = columnNames.find((name) => added.includes(name))
  return clash === undefined ? null : `column ${clash} has the name of a column chsync adds to each ClickHouse table`
}

/** Extra columns after the table's own, in insert order. */
export function systemColumns(t: TargetTable): [string, string][] {
  const cols: [string, string][] = []
  if (t.keyless) cols.push([KEY_COLUMN, 'UInt64'])
  cols.push([VERSION_COLUMN, 'UInt64'], [DELETED_COLUMN, 'UInt8'])
  if (t.history) cols.push(...HISTORY_COLUMNS)
  return cols
}

export function createDatabaseSql(database: string, naming: TargetNaming): string {
  return `CREATE DATABASE IF NOT EXISTS ${ident(database)}${onCluster(naming)}`
}

/**
 * ReplacingMergeTree(_version, _is_deleted) ordered by the source's primary key: `SELECT … FINAL`
 * shows each key's newest row and hides deleted ones. A history table is a ReplacingMergeTree
 * ordered by the key and `_version`: it keeps every version and collapses only a version written
 * twice. The table and its columns carry chsync's marks (ownership.ts).
 */
export function createTableSql(t: TargetTable, naming: TargetNaming, mark: string): string {
  const own = ` COMMENT ${literal(COLUMN_MARK)}`
  const layout = naming.layout?.(t.source.database, t.source.table) ?? null
  const cols = [
    ...t.columns.map((c) => `${ident(c.name)} ${c.type}${own}${codecOf(layout, c.name)}`),
    ...systemColumns(t).map(([n, ty]) => `${ident(n)} ${ty}${own}`),
    ...(layout?.indexes ?? []),
  ]
  const keyless = t.keyless && !layout?.orderBy
  const sorting = layout?.orderBy
    ? orderByOf(layout)
    : keyless
      ? ident(KEY_COLUMN)
      : t.source.primaryKey.map((i) => ident(t.columns[i].name)).join(', ')
  const key = t.history ? `(${sorting}, ${VERSION_COLUMN})` : keyless ? sorting : `(${sorting})`
  const args = t.history ? '' : `${VERSION_COLUMN}, ${DELETED_COLUMN}`
  const engine = naming.cluster
    ? `ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}'${args && `, ${args}`})`
    : `ReplacingMergeTree(${args})`
  return `CREATE TABLE IF NOT EXISTS ${qualified(t)}${onCluster(naming)} (\n  ${cols.join(',\n  ')}\n) ENGINE = ${engine}\n${tableClauses(layout, key)}\nCOMMENT ${literal(mark)}`
}
