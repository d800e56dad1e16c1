// DDL from the binlog: parsed against the schema history (never the source's current schema),
// narrowed to the replicated tables, applied to the target with the rows before it flushed and the
// tables' copies held, and followed in the history. What cannot be parsed never stops the stream:
// it is counted and logged, and the next TABLE_MAP reconciles the table.

import type { QueryStatus } from '../../binlog/index.ts'
import type { Stats } from '../../health/stats.ts'
import type { Logger } from '../../log/index.ts'
import { schemaChanges } from '../../schema/changes/index.ts'
import { DdlParseError, parseDdl, serverVersionNumber, sqlModeOptions } from '../../schema/ddl/index.ts'
import { type DdlChange, type SchemaChange, type SourceTable, type TableName, tableName } from '../../model/index.ts'
import type { Sink } from '../../sink/sink.ts'
import { onPlaceholder, placeholderChanges, subjectName, tablesBefore, withDatabaseDrops, withTargetIds } from '../ddl-changes.ts'
import type { Flusher } from '../flusher.ts'
import { isPlaceholder } from '../schema-history.ts'
import type { ApplyContext, OpenTransaction, VersionCounter } from './context.ts'
import type { TableEntry } from './table-entry.ts'
import type { TargetChanges } from './target-changes.ts'

export class DdlFollower {
  constructor(
    private readonly ctx: ApplyContext,
    private readonly sink: Sink,
    private readonly flusher: Flusher,
    private readonly stats: Stats,
    private readonly log: Logger,
    private readonly target: TargetChanges,
    private readonly entry: TableEntry,
    private readonly versions: VersionCounter,
    private readonly tx: () => OpenTransaction,
  ) {}

  /**
   * Follows one DDL statement. True when it changed a replicated table (or brought one into the
   * set): its transaction is then a commit point.
   */
  async follow(database: string, statement: string, status: QueryStatus): Promise<boolean> {
    const sqlMode = status.sqlMode
    const history = this.ctx.history
    let changes: SchemaChange[]
    try {
      const ast = parseDdl(statement, {
        flavor: this.ctx.flavor,
        serverVersion: serverVersionNumber(this.ctx.serverVersion) ?? undefined,
        ...(sqlMode !== undefined ? sqlModeOptions(sqlMode) : {}),
      })
      if (ast.kind === 'other') return false
      changes = schemaChanges(ast, {
        currentDatabase: database,
        tables: (db, t) => {
          const h = history.get(db, t)
          return h && !this.entry.beforeEntry(h) ? h : undefined
        },
        flavor: this.ctx.flavor,
        collations: this.ctx.collations,
        serverCollation: status.charset?.server,
        utf8mb4Collation: status.defaultCollationForUtf8mb4,
        serverVersion: serverVersionNumber(this.ctx.serverVersion) ?? undefined,
        trackedTables: () => [...history.values()].filter((h) => !this.entry.beforeEntry(h)),
      })
    } catch (err) {
      // Never stops the stream: counted, logged, and the next TABLE_MAP reconciles the table.
      this.stats.countError(err instanceof DdlParseError ? 'ddl_parse' : 'ddl_translate')
      this.log.warn('DDL not understood; the target follows the next TABLE_MAP', { database, error: (err as Error).message })
      return false
    }
    changes = changes.flatMap((c) => withDatabaseDrops(c, history))
    // A table left out (unreadable, or one the target cannot hold) that is dropped or renamed away is no longer one.
    for (const c of changes) {
      const gone = c.kind === 'drop_table' ? c : c.kind === 'rename_table' ? c.from : null
      if (gone && !this.tracked(gone.database, gone.table)) {
        this.ctx.forget(gone.database, gone.table)
        this.ctx.notLeftOut(gone.database, gone.table)
      }
    }
    const touching = changes.filter((c) => this.touchesReplicated(c) && !this.coveredByEntry(c))
    // Before the changes are looked at: one that leaves a table out takes it from the history.
    const before = tablesBefore(touching, history)
    // Renamed into the replicated set from a table not tracked (the statement's earlier renames
    // counted: `a TO tmp, b TO a, tmp TO b`): nothing to rename in the target, rows to copy.
    const entering = touching.flatMap((c) => (c.kind === 'rename_table' && !c.after ? [c.to] : []))
    const relevant = withTargetIds(
      placeholderChanges(
        touching
          .filter((c) => !(c.kind === 'rename_table' && !c.after))
          .map((c) => this.heldOrDropped(c))
          .filter((c): c is SchemaChange => c !== null)
          .map((c) => this.leaving(c)),
        history,
      ),
      history,
    )
    if (relevant.length === 0 && entering.length === 0) return false
    await this.ctx.holdCopies(before)
    try {
      await this.flusher.flush()
      await this.applyDdl(database, statement, relevant, before, entering)
    } catch (err) {
      this.ctx.releaseCopies()
      throw err
    }
    // The copies stay held until the statement's commit point is flushed (binlog-apply releases
    // them): a copy going on now flushes at once, which would send the statement (a Kafka DDL
    // message) with the position before it, and a crash then would send it again.
    return true
  }

  /** The target's part of a DDL event, with the rows before it flushed and the tables' copies held. */
  private async applyDdl(
    database: string,
    statement: string,
    relevant: SchemaChange[],
    before: SourceTable[],
    entering: TableName[],
  ): Promise<void> {
    const history = this.ctx.history
    const { gtid, start, timestampMs } = this.tx()
    // Nothing of a placeholder's is in the target; a set-aside table's copy is only dropped.
    const forSink = relevant.filter((c) => !onPlaceholder(c, history) && (c.kind === 'drop_table' || !this.setAsideSubject(c)))
    const change: DdlChange = { database, statement, changes: forSink, before, gtid, position: start, timestampMs }
    const result = forSink.length ? await this.target.retrying('apply DDL', () => this.sink.applyDdl(change)) : { rebuilt: [], refused: [] }
    const entered = entering.length ? { tables_entering: entering.map((t) => tableName(t.database, t.table)) } : {}
    this.log.info('DDL applied', { database, changes: relevant.map((c) => c.kind), ...entered })
    for (const c of relevant) {
      this.track(c)
      if (c.kind === 'untranslatable') {
        this.stats.countError('ddl_untranslatable')
        this.log.warn('DDL cannot be followed from its text', { database: c.database, table: c.table, reason: c.reason, resync: c.resync })
        const t = c.resync && c.database && c.table ? history.get(c.database, c.table) : undefined
        if (t) this.ctx.onCopyNeeded(t, this.versions.next())
      }
    }
    for (const r of result.rebuilt) {
      const t = history.get(r.database, r.table)
      if (t) this.ctx.onCopyNeeded(t, this.versions.next())
    }
    for (const r of result.refused) this.ctx.setAside(history.get(r.table.database, r.table.table) ?? r.table, r.reason)
    // A placeholder renamed (or one made LIKE it) onto a name the source has now: its columns are known from there.
    const resolvable = relevant.flatMap((c) =>
      c.kind === 'rename_table' && c.after && isPlaceholder(c.after)
        ? [c.to]
        : c.kind === 'create_table' && isPlaceholder(c.table)
          ? [c.table]
          : [],
    )
    for (const to of [...entering, ...resolvable]) await this.entry.enter(to.database, to.table)
  }

  private tracked(database: string, table: string): boolean {
    return this.ctx.history.has(database, table)
  }

  /** A change to a table whose events before its entry point are covered by its copy. */
  private coveredByEntry(c: SchemaChange): boolean {
    const t = subjectName(c)
    const h = t && this.ctx.history.get(t.database, t.table)
    return h !== undefined && h !== null && this.entry.beforeEntry(h)
  }

  private setAsideSubject(c: SchemaChange): boolean {
    const t = subjectName(c)
    return t !== null && this.ctx.isSetAside(t.database, t.table)
  }

  /**
   * A change after which the sink cannot hold the table leaves it out: a new table is not
   * created, an existing copy is dropped (nothing would keep it up to date).
   */
  private heldOrDropped(c: SchemaChange): SchemaChange | null {
    const after = c.kind === 'create_table' ? c.table : 'after' in c ? c.after : undefined
    if (!after || this.ctx.admit(after)) return c
    if (c.kind === 'create_table') return null
    const from = c.kind === 'rename_table' ? c.from : { database: after.database, table: after.table }
    return { kind: 'drop_table', database: from.database, table: from.table, ifExists: true }
  }

  /** A rename out of the replicated set drops the copy: nothing would keep it up to date. */
  private leaving(c: SchemaChange): SchemaChange {
    if (c.kind !== 'rename_table' || this.ctx.replicated(c.to.database, c.to.table)) return c
    return { kind: 'drop_table', database: c.from.database, table: c.from.table, ifExists: true }
  }

  private touchesReplicated(c: SchemaChange): boolean {
    switch (c.kind) {
      case 'create_database':
      case 'drop_database':
      case 'alter_database':
        return false
      case 'rename_table':
        return this.ctx.replicated(c.from.database, c.from.table) || this.ctx.replicated(c.to.database, c.to.table)
      case 'create_table':
        return this.ctx.created(c.table.database, c.table.table)
      case 'drop_table':
      case 'truncate_table':
        // Nothing to do for a table chsync does not track (DROP IF EXISTS of a missing table).
        return this.tracked(c.database, c.table)
      case 'no_effect':
      case 'untranslatable':
        return c.database !== undefined && c.table !== undefined && this.ctx.replicated(c.database, c.table)
      default:
        return this.ctx.replicated(c.database, c.table)
    }
  }

  /** Keeps the schema history in step with what DDL did. */
  private track(c: SchemaChange): void {
    const history = this.ctx.history
    switch (c.kind) {
      case 'create_table':
        history.set(c.table)
        break
      case 'drop_table':
        history.delete(c.database, c.table)
        this.ctx.forget(c.database, c.table)
        break
      case 'rename_table': {
        const from = history.get(c.from.database, c.from.table)
        history.delete(c.from.database, c.from.table)
        if (c.after && from && this.ctx.replicated(c.to.database, c.to.table)) {
          history.set(c.after)
          this.ctx.moved(from, c.after)
        } else this.ctx.forget(c.from.database, c.from.table)
        break
      }
      default:
        if ('after' in c && c.after) history.set(c.after)
    }
  }
}
