// The replicated table each TABLE_MAP stands for, with the schema history kept in step: a table not
// tracked yet enters (and is copied), and a table whose TABLE_MAP shows another shape than the
// history (the source changed it, or DDL was missed) is reconciled: rows of the old shape are
// flushed first, then the target takes the new one.

import type { TableMapEvent } from '../../binlog/index.ts'
import type { Stats } from '../../health/stats.ts'
import type { Logger } from '../../log/index.ts'
import { type SourceTable, sameShape, tableName, withCatalogTypes } from '../../model/index.ts'
import type { Sink } from '../../sink/sink.ts'
import type { Flusher } from '../flusher.ts'
import { type HistoryTable, isPlaceholder } from '../schema-history.ts'
import type { ApplyContext, VersionCounter } from './context.ts'
import type { TableEntry } from './table-entry.ts'
import type { TargetChanges } from './target-changes.ts'

export class TableMapFollower {
  /** What each TABLE_MAP was resolved to (null: its rows are not written); a rows event reuses its table's. */
  private readonly fromTableMap = new WeakMap<TableMapEvent, SourceTable | null>()

  constructor(
    private readonly ctx: ApplyContext,
    private readonly sink: Sink,
    private readonly flusher: Flusher,
    private readonly stats: Stats,
    private readonly log: Logger,
    private readonly target: TargetChanges,
    private readonly entry: TableEntry,
    private readonly versions: VersionCounter,
  ) {}

  /** The replicated table a TABLE_MAP describes (null when its rows are not written). */
  async tableFor(tm: TableMapEvent): Promise<SourceTable | null> {
    const known = this.fromTableMap.get(tm)
    if (known !== undefined) {
      if (known === null && tm.unsupported && this.ctx.replicated(tm.database, tm.table)) this.stats.countError('table_unsupported')
      return known
    }
    const skip = () => {
      this.fromTableMap.set(tm, null)
      return null
    }
    if (!this.ctx.replicated(tm.database, tm.table)) return skip()
    const name = tableName(tm.database, tm.table)
    if (tm.unsupported) {
      this.log.warn('changes to this table cannot be decoded and are skipped; the other tables replicate', {
        table: name,
        reason: tm.unsupported,
      })
      this.stats.countError('table_unsupported')
      return skip()
    }
    const history = this.ctx.history
    const tracked = history.get(tm.database, tm.table)
    if (!tracked || isPlaceholder(tracked)) {
      // Not in the history (created by a statement chsync could not follow, or never readable), or
      // its columns not known yet: it enters now and is copied; these rows are in the copy.
      if (tracked) await this.entry.takeFromTableMap(tm)
      else await this.entry.enter(tm.database, tm.table, tm)
      return skip()
    }
    if (this.entry.beforeEntry(tracked)) return skip()
    const current = history.get(tm.database, tm.table)!
    const { keys, ...rest } = current
    const fresh: HistoryTable = {
      ...rest,
      columns: withCatalogTypes(tm.columns, current.columns),
      primaryKey: tm.primaryKey.length ? tm.primaryKey : sameShape(current.columns, tm.columns) ? current.primaryKey : [],
    }
    // The keys DDL following tracked are kept only while they agree with what the server reports;
    // else they are unknown from here (the primary key then changes only by ADD / DROP PRIMARY KEY).
    if (keys && sameShape(current.columns, tm.columns) && current.primaryKey.join() === fresh.primaryKey.join()) fresh.keys = keys
    if (!this.ctx.admit(fresh)) {
      history.delete(tm.database, tm.table)
      return skip()
    }
    const aside = this.ctx.isSetAside(tm.database, tm.table)
    if (!sameShape(current.columns, tm.columns) || current.primaryKey.join() !== fresh.primaryKey.join()) {
      // The source changed shape (or DDL was missed): rows of the old shape land first.
      this.log.info('table shape changed; reconciling the target from TABLE_MAP', { table: name })
      await this.ctx.holdCopies([current])
      try {
        await this.flusher.flush()
        history.set(fresh)
        if (!aside && (await this.target.prepare(fresh)) === 'rebuilt') this.ctx.onCopyNeeded(fresh, this.versions.next())
      } finally {
        this.ctx.releaseCopies()
      }
    }
    if (this.ctx.isSetAside(tm.database, tm.table)) return skip()
    const table = history.get(tm.database, tm.table)!
    // Whatever left the sink without it (a rename it refused, a set-aside table back): prepared now.
    if (!this.sink.isPrepared(table) && (await this.target.prepare(table)) === 'refused') return skip()
    this.fromTableMap.set(tm, table)
    return table
  }
}
