// Tables entering the replicated set during the stream (renamed into it, first seen in a TABLE_MAP,
// a placeholder whose columns became known): described, tracked, their target prepared, copied.
// Until the stream reaches the point a table was described at, its events are covered by its copy.

import type { TableMapEvent } from '../../binlog/index.ts'
import type { Logger } from '../../log/index.ts'
import { tableName } from '../../model/index.ts'
import { beforeEntry } from '../entry-point.ts'
import { type HistoryTable, placeholder } from '../schema-history.ts'
import { splitPosition } from './checkpoint.ts'
import type { ApplyContext, OpenTransaction, VersionCounter } from './context.ts'
import type { TargetChanges } from './target-changes.ts'

export class TableEntry {
  constructor(
    private readonly ctx: ApplyContext,
    private readonly target: TargetChanges,
    private readonly versions: VersionCounter,
    private readonly log: Logger,
    private readonly tx: () => OpenTransaction,
  ) {}

  /**
   * True when the open transaction came before the point `t` entered the history (its copy
   * covers it). Once the stream is past that point, the table's entry point is dropped.
   */
  beforeEntry(t: HistoryTable): boolean {
    if (!t.since) return false
    const { gtid, start } = this.tx()
    const [file, offset] = splitPosition(start)
    if (beforeEntry(t.since, { gtid, file, offset }, this.ctx.flavor)) return true
    const { since: _, ...rest } = t
    this.ctx.history.set(rest)
    return false
  }

  /**
   * A table entering the replicated set: described, prepared in the target, copied. Gone from the
   * source under this name since, it is taken from its TABLE_MAP (`tm`, exact at this point), or
   * kept as a placeholder until a TABLE_MAP or a rename tells its columns.
   */
  async enter(database: string, table: string, tm?: TableMapEvent): Promise<void> {
    const t = await this.ctx.enter(database, table)
    if (t === null) return
    if (t !== 'gone') return this.copyFresh(t)
    if (tm) return this.takeFromTableMap(tm)
    this.log.info(
      'table enters the replicated set; its columns come with its next TABLE_MAP (gone from the source under this name since)',
      { table: tableName(database, table) },
    )
    this.ctx.history.set(placeholder(database, table))
  }

  /** A table whose columns the TABLE_MAP tells (exact at this point of the stream): tracked, prepared, copied. */
  async takeFromTableMap(tm: TableMapEvent): Promise<void> {
    const t: HistoryTable = {
      database: tm.database,
      table: tm.table,
      columns: tm.columns,
      primaryKey: tm.primaryKey,
      targetId: crypto.randomUUID(),
    }
    if (!this.ctx.admit(t)) return
    this.log.info('table enters the replicated set from its TABLE_MAP; it is copied', { table: tableName(tm.database, tm.table) })
    await this.copyFresh(t)
  }

  /** A table new to the history: its target prepared, tracked, copied. */
  private async copyFresh(t: HistoryTable): Promise<void> {
    const prepared = await this.target.prepare(t)
    // Tracked and its copy asked for in one turn: a flush between the two (asked for by a copy or
    // the timer while the target table was made) committed the table as tracked with no copy to
    // do, before the statement's position; the replay after a crash then did not see it enter
    // again, and its rows were never copied (the schema torture, on MySQL).
    this.ctx.history.set(t)
    if (prepared !== 'refused') this.ctx.onCopyNeeded(t, this.versions.next())
  }
}
