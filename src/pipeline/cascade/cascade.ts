// The referential actions a parent's deletes and key updates set off in its child tables — ON
// DELETE CASCADE / SET NULL, ON UPDATE CASCADE / SET NULL — worked out on the target's copy of the
// children, level by level as InnoDB runs them, for a server that does not log them.
//
// Child rows are read from the target as it stands before the parent change (the caller flushed
// everything before it), overlaid with what this cascade already did to them. Each child change
// carries the version of the parent change that set it off: a replay after a crash writes the same
// rows with the same versions, and anything the source changes later wins.

import { type Cell, type ReferentialAction, type Row, type RowChange, type SourceTable, tableKey, tableName } from '../../model/index.ts'
import type { RowMatch, TargetRows } from '../../sink/target-rows.ts'
import type { ChildLink, ForeignKeyGraph } from './foreign-key-graph.ts'
import { cellsKey, hasNull, pick, rowIdentity } from './row-key.ts'

/** InnoDB's limit: a cascade nested deeper fails the statement, so no binlog holds one. */
export const MAX_CASCADE_DEPTH = 15

export interface CascadeContext {
  /** The replicated tables from the parent side. */
  graph: ForeignKeyGraph
  /** The target's rows; every change before the parent changes is flushed. */
  target: TargetRows
  /** A foreign key whose action cannot be worked out here (the caller logs and counts it). */
  onSkip?: (skip: CascadeSkip) => void
}

export interface CascadeSkip {
  /** The child table, as people write it. */
  table: string
  foreignKey: string
  reason: string
}

/** A row that changed: its children's foreign keys act on it. `after` null: deleted. */
interface Trigger {
  table: SourceTable
  before: Row
  after: Row | null
  /** The change of the rows event this descends from: its version, GTID, position and time go on. */
  origin: RowChange
}

/** What a foreign key does to a child row whose key holds a given parent key. */
interface Hit {
  /** null: delete the row; else set the key columns to these cells. */
  set: Cell[] | null
  origin: RowChange
}

interface Plan {
  link: ChildLink
  /** By the parent key the child rows hold (cellsKey). */
  hits: Map<string, Hit>
  keys: Cell[][]
}

const ACTS = new Set<ReferentialAction>(['CASCADE', 'SET NULL'])

/**
 * The child changes the parent changes of one rows event make (deletes, and updates of referenced
 * columns; inserts make none), recursively, in the order to write them. RESTRICT and NO ACTION do
 * nothing (a statement they stop never reaches the binlog).
 */
export async function cascadeChanges(parents: readonly RowChange[], ctx: CascadeContext): Promise<RowChange[]> {
  const out: RowChange[] = []
  const state = new CascadeState()
  let level: Trigger[] = []
  for (const c of parents) {
    if (c.before === null || (c.kind !== 'delete' && c.kind !== 'update')) continue
    const after = c.kind === 'delete' ? null : c.after
    // The event's own rows are already in their new state (a self-referencing table's children).
    state.record(c.table, c.before, after)
    level.push({ table: c.table, before: c.before, after, origin: c })
  }
  for (let depth = 1; level.length > 0; depth++) {
    if (depth > MAX_CASCADE_DEPTH) {
      ctx.onSkip?.({
        table: tableName(level[0].table.database, level[0].table.table),
        foreignKey: '',
        reason: `cascades nest deeper than ${MAX_CASCADE_DEPTH} levels (InnoDB would have refused the statement)`,
      })
      break
    }
    level = await nextLevel(level, ctx, state, out)
  }
  return out
}

/** Whether some change of the event sets off an action chsync works out (before flushing for it). */
export function setsOffActions(parents: readonly RowChange[], graph: ForeignKeyGraph): boolean {
  for (const c of parents) {
    if (c.before === null || (c.kind !== 'delete' && c.kind !== 'update')) continue
    for (const link of graph.children(c.table.database, c.table.table)) {
      const action = c.kind === 'delete' ? link.fk.onDelete : link.fk.onUpdate
      if (!ACTS.has(action)) continue
      if (c.kind === 'delete') return true
      const columns = parentColumns(c.table, link)
      if (columns === null || cellsKey(pick(c.before, columns)) !== cellsKey(pick(c.after ?? [], columns))) return true
    }
  }
  return false
}

async function nextLevel(level: Trigger[], ctx: CascadeContext, state: CascadeState, out: RowChange[]): Promise<Trigger[]> {
  const next: Trigger[] = []
  for (const triggers of groupBy(level, (t) => tableKey(t.table.database, t.table.table))) {
    const parent = triggers[0].table
    for (const links of groupBy(ctx.graph.children(parent.database, parent.table), (l) => tableKey(l.child.database, l.child.table))) {
      const child = links[0].child
      const plans = links.map((link) => plan(link, parent, triggers, ctx)).filter((p): p is Plan => p !== null)
      if (plans.length === 0) continue
      // One read per child table: every key of every foreign key to this parent.
      const matches: RowMatch[] = plans.map((p) => ({ columns: p.link.childColumns, values: p.keys }))
      const rows = state.current(child, await ctx.target.rowsWhere(child, matches))
      for (const row of rows) {
        const effect = apply(row, plans)
        if (effect === null) continue
        const { after, origin } = effect
        out.push({
          kind: after === null ? 'delete' : 'update',
          table: child,
          before: row,
          after,
          version: origin.version,
          gtid: origin.gtid,
          position: origin.position,
          timestampMs: origin.timestampMs,
        })
        state.record(child, row, after)
        next.push({ table: child, before: row, after, origin })
      }
    }
  }
  return next
}

/** What one foreign key does for these parent changes: the parent keys to look for and the action on each. */
function plan(link: ChildLink, parent: SourceTable, triggers: Trigger[], ctx: CascadeContext): Plan | null {
  const { fk } = link
  const skip = (reason: string) => ctx.onSkip?.({ table: tableName(link.child.database, link.child.table), foreignKey: fk.name, reason })
  const columns = parentColumns(parent, link)
  if (columns === null) {
    skip(`the parent ${tableName(parent.database, parent.table)} has no column ${fk.parent.columns.join(', ')} (its foreign key is stale)`)
    return null
  }
  const hits = new Map<string, Hit>()
  const keys: Cell[][] = []
  for (const t of triggers) {
    const old = pick(t.before, columns)
    if (hasNull(old)) continue
    const now = t.after === null ? null : pick(t.after, columns)
    if (now !== null && cellsKey(now) === cellsKey(old)) continue
    const action = now === null ? fk.onDelete : fk.onUpdate
    if (action === 'SET DEFAULT') {
      skip(
        `ON ${now === null ? 'DELETE' : 'UPDATE'} SET DEFAULT: the column defaults are not tracked (InnoDB's own foreign keys refuse it; MySQL's SQL-layer ones log it)`,
      )
      continue
    }
    if (!ACTS.has(action)) continue
    const key = cellsKey(old)
    // Referenced columns need not be unique: the first change of a key acts, as InnoDB's first delete does.
    if (hits.has(key)) continue
    const set = action === 'SET NULL' ? old.map(() => null) : now
    hits.set(key, { set, origin: t.origin })
    keys.push(old)
  }
  return keys.length === 0 ? null : { link, hits, keys }
}

/** The row after every foreign key of this child acted on it (null: deleted), or null when none did. */
function apply(row: Row, plans: Plan[]): { after: Row | null; origin: RowChange } | null {
  let origin: RowChange | null = null
  let deleted = false
  let after: Row | null = null
  for (const p of plans) {
    const hit = p.hits.get(cellsKey(pick(row, p.link.childColumns)))
    if (hit === undefined) continue
    if (origin === null || hit.origin.version > origin.version) origin = hit.origin
    if (hit.set === null) deleted = true
    else {
      after ??= [...row]
      p.link.childColumns.forEach((c, i) => ((after as Row)[c] = (hit.set as Cell[])[i]))
    }
  }
  if (origin === null) return null
  return { after: deleted ? null : after, origin }
}

/** Positions of the foreign key's referenced columns in the parent's columns; null when one is missing. */
function parentColumns(parent: SourceTable, link: ChildLink): number[] | null {
  const lower = parent.columns.map((c) => c.name.toLowerCase())
  const columns = link.fk.parent.columns.map((c) => lower.indexOf(c.toLowerCase()))
  return columns.some((i) => i < 0) ? null : columns
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const g = groups.get(k)
    if (g) g.push(item)
    else groups.set(k, [item])
  }
  return [...groups.values()]
}

/** The rows this cascade (and its rows event) changed, by table and identity: null once deleted. */
class CascadeState {
  private readonly tables = new Map<string, Map<string, Row | null>>()

  record(table: SourceTable, before: Row, after: Row | null): void {
    const key = tableKey(table.database, table.table)
    let rows = this.tables.get(key)
    if (!rows) this.tables.set(key, (rows = new Map()))
    // A new primary key leaves the old identity empty.
    rows.set(rowIdentity(table, before), null)
    if (after !== null) rows.set(rowIdentity(table, after), after)
  }

  /** The target's rows as this cascade left them, and the rows it changed that the target does not show yet. */
  current(table: SourceTable, fromTarget: Row[]): Row[] {
    const rows = this.tables.get(tableKey(table.database, table.table))
    if (!rows) return fromTarget
    const out: Row[] = []
    const used = new Set<string>()
    for (const row of fromTarget) {
      const id = rowIdentity(table, row)
      if (!rows.has(id)) {
        out.push(row)
        continue
      }
      used.add(id)
      const now = rows.get(id)
      if (now) out.push(now)
    }
    for (const [id, now] of rows) if (now && !used.has(id)) out.push(now)
    return out
  }
}
