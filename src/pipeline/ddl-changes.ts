// What the schema changes of one DDL statement mean for the schema history, worked out in the
// statement's order (each change sees the ones before it: `RENAME a TO tmp, b TO a, tmp TO b`):
// the tables they are about, the target ids the tables keep or get, what a placeholder follows.

import { type SchemaChange, type SourceTable, tableKey } from '../model/index.ts'
import { type SchemaHistory, isPlaceholder } from './schema-history.ts'

/** The table a change is about, as named before it (null for database changes). */
export function subjectName(c: SchemaChange): { database: string; table: string } | null {
  switch (c.kind) {
    case 'create_table':
      return c.table
    case 'rename_table':
      return c.from
    case 'create_database':
    case 'drop_database':
    case 'alter_database':
      return null
    case 'no_effect':
    case 'untranslatable':
      return c.database !== undefined && c.table !== undefined ? { database: c.database, table: c.table } : null
    default:
      return { database: c.database, table: c.table }
  }
}

/** The tracked tables a statement's changes touch, as they are before it. */
export function tablesBefore(changes: readonly SchemaChange[], history: SchemaHistory): SourceTable[] {
  const out: SourceTable[] = []
  for (const c of changes) {
    const n = subjectName(c)
    const t = n && history.get(n.database, n.table)
    if (t && !out.includes(t)) out.push(t)
  }
  return out
}

/** DROP DATABASE: the source logs one statement; each of its tracked tables is dropped. */
export function withDatabaseDrops(c: SchemaChange, history: SchemaHistory): SchemaChange[] {
  if (c.kind !== 'drop_database') return [c]
  const drops: SchemaChange[] = []
  for (const t of history.values())
    if (t.database === c.database) drops.push({ kind: 'drop_table', database: t.database, table: t.table, ifExists: true })
  return [c, ...drops]
}

/**
 * The target ids of the tables the changes leave: a new table gets a new one, a renamed or altered
 * table keeps its own (its copy is the same table).
 */
export function withTargetIds(changes: readonly SchemaChange[], history: SchemaHistory): SchemaChange[] {
  const ids = new Map<string, string | undefined>()
  const idOf = (database: string, table: string): string | undefined => {
    const key = tableKey(database, table)
    return ids.has(key) ? ids.get(key) : history.get(database, table)?.targetId
  }
  return changes.map((c): SchemaChange => {
    switch (c.kind) {
      case 'create_table': {
        const targetId = crypto.randomUUID()
        ids.set(tableKey(c.table.database, c.table.table), targetId)
        return { ...c, table: { ...c.table, targetId } }
      }
      case 'drop_table':
        ids.set(tableKey(c.database, c.table), undefined)
        return c
      case 'rename_table': {
        const targetId = idOf(c.from.database, c.from.table)
        ids.set(tableKey(c.from.database, c.from.table), undefined)
        ids.set(tableKey(c.to.database, c.to.table), targetId)
        return c.after ? { ...c, after: { ...c.after, targetId } } : c
      }
      default:
        if (!('after' in c) || !c.after) return c
        return { ...c, after: { ...c.after, targetId: idOf(c.after.database, c.after.table) ?? crypto.randomUUID() } }
    }
  })
}

/** Of a placeholder's changes only its renames and its drop are followed; the others wait for its columns. */
export function placeholderChanges(changes: readonly SchemaChange[], history: SchemaHistory): SchemaChange[] {
  const unknown = new Map<string, boolean>()
  const isUnknown = (database: string, table: string) => {
    const key = tableKey(database, table)
    if (unknown.has(key)) return unknown.get(key)!
    const h = history.get(database, table)
    return h !== undefined && isPlaceholder(h)
  }
  return changes.map((c): SchemaChange => {
    switch (c.kind) {
      case 'create_table':
        unknown.set(tableKey(c.table.database, c.table.table), isPlaceholder(c.table))
        return c
      case 'drop_table':
        unknown.set(tableKey(c.database, c.table), false)
        return c
      case 'rename_table': {
        const u = isUnknown(c.from.database, c.from.table)
        unknown.set(tableKey(c.from.database, c.from.table), false)
        unknown.set(tableKey(c.to.database, c.to.table), u)
        return c
      }
      default: {
        const s = subjectName(c)
        if (!s || !isUnknown(s.database, s.table)) return c
        return { kind: 'no_effect', reason: 'its columns are not known until its next TABLE_MAP', database: s.database, table: s.table }
      }
    }
  })
}

/** A change that is a placeholder's (history as before the statement): nothing of it is in the target. */
export function onPlaceholder(c: SchemaChange, history: SchemaHistory): boolean {
  if (c.kind === 'create_table') return isPlaceholder(c.table)
  if (c.kind === 'rename_table') return c.after !== undefined && isPlaceholder(c.after)
  const s = subjectName(c)
  const h = s ? history.get(s.database, s.table) : undefined
  return h !== undefined && isPlaceholder(h)
}
