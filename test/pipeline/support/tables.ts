// Source tables for the pipeline's unit tests: database `d`, an INT key `id`, INT or VARCHAR columns.

import { type ColumnDef, ColumnType, blankShape, columnDef, variableString } from '../../../src/model/index.ts'
import type { HistoryTable } from '../../../src/pipeline/schema-history.ts'

/** A column: INT, or VARCHAR(100) utf8mb4 when its name ends in `$`; nullable but the first (the key). */
function column(name: string, index: number): ColumnDef {
  const text = name.endsWith('$')
  const shape = text ? variableString(blankShape(ColumnType.VARCHAR), 400, 255) : blankShape(ColumnType.LONG)
  return columnDef(index, text ? name.slice(0, -1) : name, shape, index > 0)
}

/** A table of database `d`: an INT key `id`, then the columns named (INT, or VARCHAR(100) when ending in `$`). */
export function table(name: string, ...more: string[]): HistoryTable {
  const cols = ['id', ...more].map((n, i) => column(n, i))
  return { database: 'd', table: name, columns: cols, primaryKey: [0], collation: 255, targetId: crypto.randomUUID() }
}
