// History mode ([[target.layout]] mode = "history"): every change is a row of its own, keyed by
// (key, _version), so a replay (which gives a change the same version) replaces instead of adding.
// A row is the table's columns, then `_version`, `_is_deleted` (1 for deletes), `_op` and `_ts`.

import type { RowBinaryWriter } from './encode/index.ts'
import {
  DELETED_COLUMN,
  KEY_COLUMN,
  OPS,
  OP_COLUMN,
  type TargetTable,
  TS_COLUMN,
  VERSION_COLUMN,
  ident,
  qualified,
} from './target-table.ts'

export type HistoryOp = keyof typeof OPS

/** Appends `_op` and `_ts` (ms since the epoch) after the row `encodeRow` wrote. */
export function encodeHistory(w: RowBinaryWriter, op: HistoryOp, timestampMs: number): void {
  w.u8(OPS[op])
  w.i64(BigInt(Math.trunc(timestampMs)))
}

/** The columns that identify a row of the source: the primary key's, or `_key` for keyless tables. */
function keyColumns(t: TargetTable): string[] {
  return t.keyless ? [KEY_COLUMN] : t.source.primaryKey.map((i) => t.columns[i].name)
}

/**
 * What `FROM` reads for the table's current rows: `FINAL` of a replacing table, or each key's
 * newest history row unless it is a delete.
 */
export function currentRowsFrom(t: TargetTable): string {
  if (!t.history) return `${qualified(t)} FINAL`
  const key = keyColumns(t).map(ident).join(', ')
  return `(SELECT * FROM (SELECT * FROM ${qualified(t)} ORDER BY ${key}, ${VERSION_COLUMN} DESC LIMIT 1 BY ${key}) WHERE ${DELETED_COLUMN} = 0)`
}

/**
 * After a copy at `version` (a resync, a TRUNCATE): a delete row at that version for each key
 * alive before it that the copy did not bring. Run again, it finds those keys at the version and
 * adds nothing.
 */
export function closeMissingKeysSql(t: TargetTable, version: bigint): string {
  const key = keyColumns(t).map(ident).join(', ')
  const cols = [...t.columns.map((c) => ident(c.name)), ...(t.keyless ? [ident(KEY_COLUMN)] : [])]
  const tuple = keyColumns(t).length > 1 ? `(${key})` : key
  return (
    `INSERT INTO ${qualified(t)} (${[...cols, ident(VERSION_COLUMN), ident(DELETED_COLUMN), ident(OP_COLUMN), ident(TS_COLUMN)].join(', ')}) ` +
    `SELECT ${cols.join(', ')}, ${version}, 1, 'delete', now64(3) FROM ` +
    `(SELECT * FROM ${qualified(t)} WHERE ${VERSION_COLUMN} < ${version} ORDER BY ${key}, ${VERSION_COLUMN} DESC LIMIT 1 BY ${key}) ` +
    `WHERE ${DELETED_COLUMN} = 0 AND ${tuple} NOT IN (SELECT ${key} FROM ${qualified(t)} WHERE ${VERSION_COLUMN} = ${version})`
  )
}
