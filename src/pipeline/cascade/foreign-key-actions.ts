// The one object the applier holds: whether a rows event sets off referential actions the source
// did not log, and the child changes they make. Nothing happens when emulation is off, when the
// sink cannot read its rows back (only ClickHouse can), or when the source logged them itself.

import type { Flavor } from '../../binlog/index.ts'
import type { RowChange, TrackedTable } from '../../model/index.ts'
import type { TargetRows } from '../../sink/target-rows.ts'
import { type CascadeSkip, cascadeChanges, setsOffActions } from './cascade.ts'
import { ForeignKeyIndex } from './foreign-key-graph.ts'
import { unloggedActions } from './logged-by-source.ts'

export interface ForeignKeyActionsOptions {
  flavor: Flavor
  /** apply.emulate_cascades. */
  enabled: boolean
  /** The target's rows; null when the sink has none (the change feed): nothing is emulated. */
  target: TargetRows | null
  /** The replicated tables with their foreign keys (the applier's table map). */
  tables: () => Iterable<TrackedTable>
  /** A count the table map bumps on every change: the graph is rebuilt only when it moves (else checked table by table). */
  generation?: () => number
  /** An action that could not be worked out: log and count it. */
  onSkip?: (skip: CascadeSkip) => void
}

export class ForeignKeyActions {
  private readonly index: ForeignKeyIndex

  constructor(private readonly opts: ForeignKeyActionsOptions) {
    this.index = new ForeignKeyIndex(opts.tables, opts.generation)
  }

  get active(): boolean {
    return this.opts.enabled && this.opts.target !== null
  }

  /** Whether replicated tables reference this one (its rows events matter even when it is not replicated). */
  isParent(database: string, table: string): boolean {
    return this.active && this.index.current().children(database, table).length > 0
  }

  /**
   * Whether the changes of a rows event (its `flags`) set off actions the binlog does not hold:
   * then flush everything written so far and call `changes`. Cheap when they do not.
   */
  needed(flags: number, parents: readonly RowChange[]): boolean {
    if (!this.active || parents.length === 0 || !unloggedActions(this.opts.flavor, flags)) return false
    return setsOffActions(parents, this.index.current())
  }

  /** The child changes, to write after the parent changes. Call with the target flushed up to them. */
  async changes(parents: readonly RowChange[]): Promise<RowChange[]> {
    const target = this.opts.target
    if (!this.active || target === null) return []
    return cascadeChanges(parents, { graph: this.index.current(), target, onSkip: this.opts.onSkip })
  }
}
