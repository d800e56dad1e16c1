// The replicated tables seen from the parent side: for a table, the foreign keys of tracked tables
// that reference it, with the child's key columns resolved to positions.

import { tableKey, type TrackedForeignKey, type TrackedTable } from '../../model/index.ts'

/** One foreign key of `child` to some parent. */
export interface ChildLink {
  child: TrackedTable
  fk: TrackedForeignKey
  /** Positions of `fk.columns` in the child's columns. */
  childColumns: number[]
}

export class ForeignKeyGraph {
  private constructor(
    private readonly byParent: Map<string, ChildLink[]>,
    /** Foreign keys naming a column their table does not have (stale): left out, said once. */
    readonly stale: string[],
  ) {}

  static of(tables: Iterable<TrackedTable>): ForeignKeyGraph {
    const byParent = new Map<string, ChildLink[]>()
    const stale: string[] = []
    for (const child of tables) {
      for (const fk of child.foreignKeys ?? []) {
        const lower = child.columns.map((c) => c.name.toLowerCase())
        const childColumns = fk.columns.map((c) => lower.indexOf(c.toLowerCase()))
        if (childColumns.some((i) => i < 0) || fk.columns.length !== fk.parent.columns.length) {
          stale.push(`${child.database}.${child.table} ${fk.name}`)
          continue
        }
        const key = tableKey(fk.parent.database, fk.parent.table)
        const links = byParent.get(key) ?? []
        links.push({ child, fk, childColumns })
        byParent.set(key, links)
      }
    }
    return new ForeignKeyGraph(byParent, stale)
  }

  /** The foreign keys that reference the table (none: an empty list). */
  children(database: string, table: string): readonly ChildLink[] {
    return this.byParent.get(tableKey(database, table)) ?? []
  }
}

/**
 * A graph kept in step with a changing set of tables (the applier's table map, whose entries DDL
 * and TABLE_MAP replace): rebuilt when `generation` (a count the map bumps on every change) moves,
 * or — without one — when any table object changed, which costs a pass over the tables per call.
 */
export class ForeignKeyIndex {
  private seen: TrackedTable[] = []
  private seenGeneration = -1
  private graph = ForeignKeyGraph.of([])

  constructor(
    private readonly tables: () => Iterable<TrackedTable>,
    private readonly generation?: () => number,
  ) {}

  current(): ForeignKeyGraph {
    if (this.generation !== undefined) {
      const g = this.generation()
      if (g !== this.seenGeneration) this.rebuild([...this.tables()], g)
      return this.graph
    }
    let i = 0
    let same = true
    for (const t of this.tables()) {
      if (t !== this.seen[i++]) {
        same = false
        break
      }
    }
    if (!same || i !== this.seen.length) this.rebuild([...this.tables()], -1)
    return this.graph
  }

  private rebuild(tables: TrackedTable[], generation: number): void {
    this.seen = tables
    this.seenGeneration = generation
    this.graph = ForeignKeyGraph.of(tables)
  }
}
