// Splitting a copy by key ranges, so that several SELECTs stream one table at the same time: while
// one connection's chunk ends (the rows still in its socket being worked off, the next query on its
// way), the others keep the source sending. Only for a primary key of one integer column, split by
// value between its MIN and MAX (no extra scan); the last range is open, so rows added meanwhile
// at the end are read too.
//
// The resume cursor of a split copy (state.cursor) is JSON: {"parts":[{"after":[{"s":"100"}],"upTo":"2500000"}, …]}:
// each part still to copy, the last key copied in it (null: none yet, from its start) and its
// inclusive upper bound (null: none). A plain JSON array is the cursor of an unsplit copy.

import { type ColumnDef, ColumnType, type SourceTable } from '../model/index.ts'

/** One key value of the resume cursor: text for character and numeric columns, hex for bytes. */
export type CursorValue = { s: string } | { x: string }

export interface KeyRange {
  /** Keys above this are copied (the last key copied so far, or the range's exclusive start); null: from the start. */
  after: CursorValue[] | null
  /** Inclusive upper bound, an integer; null: to the end of the table. */
  upTo: string | null
}

export interface SplitCursor {
  parts: KeyRange[]
}

const INTEGER_TYPES = new Set<number>([ColumnType.TINY, ColumnType.SHORT, ColumnType.INT24, ColumnType.LONG, ColumnType.LONGLONG])

/** The one integer key column a table can be split on, if it has one. */
export function splitColumn(table: SourceTable): ColumnDef | null {
  if (table.primaryKey.length !== 1) return null
  const col = table.columns[table.primaryKey[0]]
  return INTEGER_TYPES.has(col.type) ? col : null
}

/**
 * `parts` ranges of about equal width between `min` and `max` (integer texts); fewer when the span
 * is narrow. The first starts at the beginning, the last is open at the end.
 */
export function splitRanges(min: string, max: string, parts: number): KeyRange[] {
  const lo = BigInt(min)
  const span = BigInt(max) - lo + 1n
  const n = span < BigInt(parts) ? Number(span) : parts
  const ranges: KeyRange[] = []
  let after: CursorValue[] | null = null
  for (let j = 1; j <= n; j++) {
    const upTo = j === n ? null : (lo - 1n + (span * BigInt(j)) / BigInt(n)).toString()
    ranges.push({ after, upTo })
    if (upTo !== null) after = [{ s: upTo }]
  }
  return ranges
}

export function parseCursor(cursor: string | null): { split: SplitCursor } | { after: CursorValue[] | null } {
  if (cursor === null) return { after: null }
  const v = JSON.parse(cursor) as CursorValue[] | SplitCursor
  return Array.isArray(v) ? { after: v } : { split: v }
}

const INTEGER = /^-?\d+$/

/** The SQL literal of an integer bound (checked: it goes into the statement as it is). */
export function integerLiteral(v: string): string {
  if (!INTEGER.test(v)) throw new Error(`not an integer key bound: ${JSON.stringify(v)}`)
  return v
}
