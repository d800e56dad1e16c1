// The target's real state, read from system.tables and system.columns: what a DDL step or a
// table's preparation checks before it changes anything, so that doing it again after a crash
// changes nothing more.

import { COLUMN_MARK, readTableMark } from './ownership.ts'

export type CatalogQuery = <T>(sql: string, params: Record<string, unknown>) => Promise<T[]>

export interface TargetColumnState {
  type: string
  /** Made by chsync (its comment is the mark); a user's own column otherwise. */
  ours: boolean
}

export interface TargetTableState {
  database: string
  table: string
  /** Owner and id from the table's comment; null when chsync did not make it. */
  mark: { owner: string; id: string } | null
  comment: string
  sortingKey: string
  columns: Map<string, TargetColumnState>
}

export interface TableName {
  database: string
  table: string
}

export class TargetCatalog {
  constructor(private readonly query: CatalogQuery) {}

  async table(name: TableName): Promise<TargetTableState | null> {
    const [meta] = await this.query<{ comment: string; sorting_key: string }>(
      'SELECT comment, sorting_key FROM system.tables WHERE database = {db:String} AND name = {t:String}',
      { db: name.database, t: name.table },
    )
    if (!meta) return null
    const cols = await this.query<{ name: string; type: string; comment: string }>(
      'SELECT name, type, comment FROM system.columns WHERE database = {db:String} AND table = {t:String} ORDER BY position',
      { db: name.database, t: name.table },
    )
    return {
      ...name,
      mark: readTableMark(meta.comment),
      comment: meta.comment,
      sortingKey: meta.sorting_key,
      columns: new Map(cols.map((c) => [c.name, { type: c.type, ours: c.comment === COLUMN_MARK }])),
    }
  }

  /** The tables whose comment starts with `prefix`, with their comments. */
  async marked(prefix: string): Promise<(TableName & { comment: string })[]> {
    const rows = await this.query<{ database: string; name: string; comment: string }>(
      'SELECT database, name, comment FROM system.tables WHERE startsWith(comment, {p:String})',
      { p: prefix },
    )
    return rows.map((r) => ({ database: r.database, table: r.name, comment: r.comment }))
  }

  /** Where the table with this mark is now (it may have been renamed ahead of the stream), or null. */
  async find(mark: string): Promise<TableName | null> {
    const [row] = await this.query<{ database: string; name: string }>(
      'SELECT database, name FROM system.tables WHERE comment = {c:String} LIMIT 1',
      { c: mark },
    )
    return row ? { database: row.database, table: row.name } : null
  }
}
