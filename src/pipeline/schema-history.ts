// The schema history at run time: every replicated table as chsync knows it at the point of the
// stream it has applied. What changes is staged and handed to the flusher with the end of the
// transaction it belongs to, so the state file always holds the schema as of the committed
// position, and a restart replays DDL against that, never against the source's current schema.

import { tableKey, type TrackedTable } from '../model/index.ts'
import type { SchemaEntry } from '../state/index.ts'

/** Where a table entered the history from the source's catalog: its events before that are covered by its copy. */
export interface EntryPoint {
  file: string
  offset: number
  gtid: string | null
}

export interface HistoryTable extends TrackedTable {
  /** Set while the stream has not reached the point the table was described at (entering tables). */
  since?: EntryPoint
}

/**
 * A table known to exist at the stream's point but whose columns are not known yet: it entered the
 * replicated set (a rename from outside it) while the stream was behind the source and is gone
 * from the source's catalog under that name since. It has no columns and no target until its next
 * TABLE_MAP, or a rename onto a name the source has, tells them; its renames and drop are followed.
 */
export function placeholder(database: string, table: string): HistoryTable {
  return { database, table, columns: [], primaryKey: [] }
}

/** No table has zero columns: a tracked table without them is a placeholder. */
export function isPlaceholder(t: { columns: readonly unknown[] }): boolean {
  return t.columns.length === 0
}

const FORMAT = 1

export class SchemaHistory {
  private readonly tables = new Map<string, HistoryTable>()
  private staged = new Map<string, SchemaEntry>()
  /** Counts the changes: what is derived from the tables is made again only when it moved. */
  generation = 0

  /** The history a state file holds. Throws naming the table whose entry cannot be read. */
  static load(entries: readonly SchemaEntry[]): SchemaHistory {
    const h = new SchemaHistory()
    for (const e of entries) {
      if (e.definition === null) continue
      let parsed: { format?: number; table?: HistoryTable } | null
      try {
        parsed = JSON.parse(e.definition)
      } catch (err) {
        throw new Error(`the schema history of ${e.database}.${e.table} is not valid JSON (${(err as Error).message})`)
      }
      if (parsed === null || typeof parsed !== 'object' || parsed.format !== FORMAT || !parsed.table)
        throw new Error(`the schema history of ${e.database}.${e.table} has an unknown format ${JSON.stringify(parsed?.format)}`)
      h.tables.set(tableKey(e.database, e.table), parsed.table)
    }
    return h
  }

  get(database: string, table: string): HistoryTable | undefined {
    return this.tables.get(tableKey(database, table))
  }

  byKey(key: string): HistoryTable | undefined {
    return this.tables.get(key)
  }

  has(database: string, table: string): boolean {
    return this.tables.has(tableKey(database, table))
  }

  values(): IterableIterator<HistoryTable> {
    return this.tables.values()
  }

  get size(): number {
    return this.tables.size
  }

  set(t: HistoryTable): void {
    const key = tableKey(t.database, t.table)
    this.tables.set(key, t)
    this.generation++
    this.staged.set(key, { database: t.database, table: t.table, definition: JSON.stringify({ format: FORMAT, table: t }) })
  }

  delete(database: string, table: string): void {
    const key = tableKey(database, table)
    if (!this.tables.delete(key)) return
    this.generation++
    this.staged.set(key, { database, table, definition: null })
  }

  /** What changed since the last call: to commit with the position the changes belong to. */
  takeStaged(): SchemaEntry[] {
    if (this.staged.size === 0) return []
    const out = [...this.staged.values()]
    this.staged = new Map()
    return out
  }
}
