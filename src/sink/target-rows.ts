// Reading back what a sink holds: the current rows of a replicated table that hold given key
// values, as the row images the sink was given. Emulated foreign-key actions (pipeline/cascade)
// find the child rows of a deleted or re-keyed parent this way.

import type { Cell, Row, SourceTable } from '../model/index.ts'

/** Rows whose `columns` (indexes into the table's columns, in key order) hold one of `values`. */
export interface RowMatch {
  columns: readonly number[]
  /** One tuple per key value, a cell per column; tuples with a NULL match nothing. */
  values: readonly (readonly Cell[])[]
}

export interface TargetRows {
  /**
   * The table's current rows matching any of `matches` (each row once), as binlog cells that write
   * back unchanged. The target's state as of the last flush: writes not flushed yet are not seen,
   * so the caller flushes first. A table the target does not hold has no rows.
   */
  rowsWhere(table: SourceTable, matches: readonly RowMatch[]): Promise<Row[]>
}
