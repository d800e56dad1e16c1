// Reading back rows from a sink that holds tables without their left-out columns: the rows come
// back as source rows, a left-out column's cell undefined (as a column missing from a row image);
// a match on a left-out column finds nothing, since the copy does not hold it. A table with masked
// columns is not read: its rows cannot be turned back into source rows (they would be masked twice).

import type { Row, SourceTable } from '../../model/index.ts'
import type { RowMatch, TargetRows } from '../target-rows.ts'
import type { ColumnShaping } from './column-shaping.ts'

export class ShapedTargetRows implements TargetRows {
  constructor(
    private readonly inner: TargetRows,
    private readonly shaping: ColumnShaping,
    /** Told of a table whose rows are not read (so the caller can count and say it). */
    private readonly onSkip: (table: SourceTable, reason: string) => void,
  ) {}

  async rowsWhere(table: SourceTable, matches: readonly RowMatch[]): Promise<Row[]> {
    const shaped = this.shaping.table(table)
    if (shaped === table) return this.inner.rowsWhere(table, matches)
    if (this.shaping.masked(table)) {
      this.onSkip(table, 'it has masked columns (replicate.mask): its rows in the copy cannot be written back')
      return []
    }
    const at = this.shaping.positions(table)
    const held = matches.filter((m) => m.columns.every((c) => at[c] >= 0)).map((m) => ({ ...m, columns: m.columns.map((c) => at[c]) }))
    if (held.length === 0) return []
    const rows = await this.inner.rowsWhere(shaped, held)
    return rows.map((row) => at.map((k) => (k < 0 ? undefined : row[k])))
  }
}
