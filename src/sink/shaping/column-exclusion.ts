// Which source columns never leave chsync (replicate.exclude_columns), and the tables and rows as
// they look without them: what every sink and verify see instead of the source's.

import type { Row } from '../../binlog/index.ts'
import { compileGlob, compileTablePattern } from '../../config/index.ts'
import { type SourceTable, tableName } from '../../schema/model.ts'

interface ColumnPattern {
  text: string
  table: (db: string, table: string) => boolean
  column: (name: string) => boolean
}

interface Shaped {
  table: SourceTable
  /** Indexes of the columns kept, into the source table's; null: all of them. */
  keep: number[] | null
}

export class ColumnExclusion {
  private readonly patterns: ColumnPattern[]
  /** Per source table object, so the shaped table keeps one identity (sinks cache by it). */
  private readonly shaped = new WeakMap<SourceTable, Shaped>()

  constructor(patterns: readonly string[]) {
    this.patterns = patterns.map((text) => {
      // "column", "table.column" or "db.table.column": the column after the last dot, a table pattern before it.
      const dot = text.lastIndexOf('.')
      const column = compileGlob(text.slice(dot + 1).toLowerCase())
      const table = dot < 0 ? () => true : compileTablePattern(text.slice(0, dot))
      return { text, table, column: (name: string) => column(name.toLowerCase()) }
    })
  }

  get active(): boolean {
    return this.patterns.length > 0
  }

  /** The pattern that leaves the column out, or null. (Column names compare in any case, as the source's do.) */
  excludedBy(database: string, table: string, column: string): string | null {
    for (const p of this.patterns) if (p.table(database, table) && p.column(column)) return p.text
    return null
  }

  /** The table as it leaves chsync: the same object when nothing of it is left out. */
  table<T extends SourceTable>(source: T): T {
    return this.shape(source).table as T
  }

  /** A row of `source` as it leaves chsync. */
  row(source: SourceTable, row: Row): Row
  row(source: SourceTable, row: Row | null): Row | null
  row(source: SourceTable, row: Row | null): Row | null {
    const keep = this.shape(source).keep
    return keep === null || row === null ? row : keep.map((i) => row[i])
  }

  /** Where each column of `source` is in its shaped table (-1: left out). */
  positions(source: SourceTable): number[] {
    const keep = this.shape(source).keep
    if (keep === null) return source.columns.map((_, i) => i)
    const at = source.columns.map(() => -1)
    keep.forEach((i, k) => (at[i] = k))
    return at
  }

  /** Why the table cannot be replicated with these patterns (they leave out a key column), or null. */
  keyProblem(source: SourceTable): string | null {
    const left = source.primaryKey.flatMap((i) => {
      const column = source.columns[i].name
      const pattern = this.excludedBy(source.database, source.table, column)
      return pattern === null ? [] : [`${column} (by "${pattern}")`]
    })
    if (left.length === 0) return null
    return (
      `replicate.exclude_columns leaves out the primary key column${left.length > 1 ? 's' : ''} ${left.join(', ')} of ` +
      `${tableName(source.database, source.table)}: its rows could not be told apart in the copy; narrow the pattern`
    )
  }

  private shape(source: SourceTable): Shaped {
    let s = this.shaped.get(source)
    if (s) return s
    const keep: number[] = []
    source.columns.forEach((c, i) => {
      if (this.excludedBy(source.database, source.table, c.name) === null) keep.push(i)
    })
    if (keep.length === source.columns.length) s = { table: source, keep: null }
    else {
      const at = new Map(keep.map((i, k) => [i, k]))
      const primaryKey = source.primaryKey.flatMap((i) => (at.has(i) ? [at.get(i)!] : []))
      s = { table: { ...source, columns: keep.map((i) => source.columns[i]), primaryKey }, keep }
    }
    this.shaped.set(source, s)
    return s
  }
}
