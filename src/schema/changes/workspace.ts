// The tables as one statement sees them while its changes are worked out: the context's tracked
// tables with this statement's earlier steps on top (RENAME TABLE a TO b, b TO c sees b move).

import { tableKey, type TrackedTable } from '../../model/index.ts'
import type { ResolvedContext } from './context.ts'

export class Workspace {
  private readonly overlay = new Map<string, TrackedTable | null>()

  constructor(readonly ctx: ResolvedContext) {}

  get(database: string, table: string): TrackedTable | undefined {
    const key = tableKey(database, table)
    if (this.overlay.has(key)) return this.overlay.get(key) ?? undefined
    return this.ctx.tables(database, table)
  }

  /** Every tracked table as this statement's earlier steps left it (empty when the context cannot list them). */
  all(): TrackedTable[] {
    const out = new Map<string, TrackedTable>()
    for (const t of this.ctx.trackedTables?.() ?? []) out.set(tableKey(t.database, t.table), t)
    for (const [key, t] of this.overlay) {
      if (t === null) out.delete(key)
      else out.set(key, t)
    }
    return [...out.values()]
  }

  /** `null`: the table is gone (dropped or renamed away). */
  set(database: string, table: string, value: TrackedTable | null): void {
    this.overlay.set(tableKey(database, table), value)
  }
}
