// Source tables for the pipeline's unit tests: database `d`, an INT key `id`, INT or VARCHAR columns.

import { type ColumnDef, ColumnType } from '../../../src/binlog/index.ts'
import type { HistoryTable } from '../../../src/pipeline/schema-history.ts'

/** A column: INT, or VARCHAR(100) utf8mb4; nullable but the first. */
function column(name: string, index: number, type: number = ColumnType.LONG): ColumnDef {
  const text = type === ColumnType.VARCHAR
  return {
    index,
    name,
    type,
    meta: text ? 400 : 0,
    nullable: index > 0,
    unsigned: false,
    length: text ? 400 : 0,
    precision: 0,
    scale: 0,
    fsp: 0,
    bits: 0,
    visible: true,
    ...(text ? { collation: 255 } : {}),
  }
}

/** A table of database `d`: an INT key `id`, then the columns named (INT, or VARCHAR(100) when ending in `$`). */
export function table(name: string, ...more: string[]): HistoryTable {
  const cols = ['id', ...more].map((n, i) => (n.endsWith('$') ? column(n.slice(0, -1), i, ColumnType.VARCHAR) : column(n, i)))
  return { database: 'd', table: name, columns: cols, primaryKey: [0], collation: 255, targetId: crypto.randomUUID() }
}
