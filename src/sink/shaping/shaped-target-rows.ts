// Reading back rows from a sink that holds tables without their left-out columns: the rows come
// back as source rows, a left-out column's cell undefined (as a column missing from a row image);
// a match on a left-out column finds nothing, since the copy does not hold it.

import type { Row } from '../../binlog/index.ts'
import type { SourceTable } from '../../schema/model.ts'
import type { RowMatch, TargetRows } from '../target-rows.ts'
import type { ColumnExclusion } from './column-exclusion.ts'

export class ShapedTargetRows implements TargetRows {
  constructor(
    private readonly inner: TargetRows,
    private readonly exclusion: ColumnExclusion,
  ) {}

  async rowsWhere(table: SourceTable, matches: readonly RowMatch[]): Promise<Row[]> {
    const shaped = this.exclusion.table(table)
    if (shaped === table) return this.inner.rowsWhere(table, matches)
    const at = this.exclusion.positions(table)
    const held = matches.filter((m) => m.columns.every((c) => at[c] >= 0)).map((m) => ({ ...m, columns: m.columns.map((c) => at[c]) }))
    if (held.length === 0) return []
    const rows = await this.inner.rowsWhere(shaped, held)
    return rows.map((row) => at.map((k) => (k < 0 ? undefined : row[k])))
  }
}
