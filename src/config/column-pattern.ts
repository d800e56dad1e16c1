// Column patterns of replicate.exclude_columns and replicate.mask: "column", "table.column" or
// "db.table.column", globs in each part; column names compare in any case, as the source's do.

import { compileGlob, compileTablePattern } from './glob.ts'

export type ColumnMatcher = (database: string, table: string, column: string) => boolean

/** The column after the last dot, a table pattern (as replicate.tables) before it. */
export function compileColumnPattern(text: string): ColumnMatcher {
  const dot = text.lastIndexOf('.')
  const column = compileGlob(text.slice(dot + 1).toLowerCase())
  const table = dot < 0 ? () => true : compileTablePattern(text.slice(0, dot))
  return (database, tableName, name) => table(database, tableName) && column(name.toLowerCase())
}
