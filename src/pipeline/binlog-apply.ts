// Applies the binlog in order: gives every row change its version, keeps the schema history and
// the target's tables in step with the source (TABLE_MAP and DDL), writes into the sink and marks
// transaction ends for the flusher, with the schema changes each one made. A transaction with DDL
// is a commit point: its position and schema are committed as soon as it ends. A table the target
// refuses is set aside: its schema is still followed, its rows wait for its next copy.
//
// An XA transaction is applied when it is prepared, like any other, and its rows are kept until
// its outcome: an XA ROLLBACK writes its changes back, in reverse and as new versions (an insert
// deleted, a delete inserted, an update undone). The committed position never waits.

import type { BinlogPosition, Flavor, QueryStatus, RowsEvent, RowsOp, TableMapEvent, TxItem } from '../binlog/index.ts'
import type { Stats } from '../health/stats.ts'
import type { Logger } from '../log/index.ts'
import { type CollationCatalog, schemaChanges } from '../schema/changes/index.ts'
import {
  type ChangeKind,
  type DdlChange,
  type RowChange,
  sameShape,
  type SchemaChange,
  type SourceTable,
  type TableName,
  tableName,
  withCatalogTypes,
} from '../model/index.ts'
import { DdlParseError, parseDdl, serverVersionNumber, sqlModeOptions } from '../schema/ddl/index.ts'
import { type Sink, TargetRefusedError } from '../sink/sink.ts'
import { retry } from '../retry/index.ts'
import type { Checkpoint } from '../state/index.ts'
import { type ForeignKeyActions, undoCascade } from './cascade/index.ts'
import { onPlaceholder, placeholderChanges, subjectName, tablesBefore, withDatabaseDrops, withTargetIds } from './ddl-changes.ts'
import { beforeEntry } from './entry-point.ts'
import type { Flusher } from './flusher.ts'
import { type HistoryTable, type SchemaHistory, isPlaceholder, placeholder } from './schema-history.ts'

export interface ApplyContext {
  flavor: Flavor
  /** Aborted when the run stops: a target change waiting to be tried again gives up at once. */
  stopSignal?: AbortSignal
  serverVersion: string
  /** Which source tables are replicated (selected by the config and not left out). */
  replicated: (database: string, table: string) => boolean
  /**
   * A table the stream creates: replicated when the config selects it, even if a table of that
   * name was left out before (its rows all come from the binlog, no copy needed).
   */
  created: (database: string, table: string) => boolean
  /** False when the sink cannot hold a table of this shape: it is left out from now on. */
  admit: (table: SourceTable) => boolean
  /** The schema history: every replicated table as of the point applied. */
  history: SchemaHistory
  collations: CollationCatalog
  /**
   * A table entering the replicated set (renamed into it, or first seen in a TABLE_MAP): as the
   * source has it now, with a new target id and the point it was described at; null when it is
   * not replicated or chsync cannot read it (it is left out, never made from the binlog alone);
   * 'gone' when the source has no such table now (the stream is behind it).
   */
  enter: (database: string, table: string) => Promise<HistoryTable | null | 'gone'>
  /**
   * The table must be copied again, its rows with `version`: a version of its own, taken from the
   * counter at this point of the stream, so old rows are all below it and later changes above.
   */
  onCopyNeeded: (table: SourceTable, version: bigint) => void
  /** Set aside: the target refused it; its rows are skipped until its next copy. */
  isSetAside: (database: string, table: string) => boolean
  /** The target refused a change to this table: set it aside (the others go on). */
  setAside: (table: SourceTable, reason: string) => void
  /** The table was dropped (or renamed away) on the source: its copy progress and set-aside state go. */
  forget: (database: string, table: string) => void
  /** A left-out table was dropped (or renamed away) on the source: a table of its name made later is taken as new. */
  notLeftOut: (database: string, table: string) => void
  /** The table was renamed on the source: its copy progress and any set-aside state go with it. */
  moved: (from: SourceTable, to: SourceTable) => void
  /**
   * Before a change to these tables' targets: their copies stop writing (and do not start) until
   * releaseCopies, so that no copied row is written for a target that changes under it.
   */
  holdCopies: (tables: readonly { database: string; table: string }[]) => Promise<void>
  releaseCopies: () => void
  /** Foreign-key actions the source did not log (absent: none worked out). */
  foreignKeys?: ForeignKeyActions
}

/** Row changes held back with the table they were decoded for (the schema at event time). */
interface HeldRows {
  table: SourceTable
  event: RowsEvent
  /** Child changes worked out for the event's foreign-key actions: an XA ROLLBACK undoes them too. */
  cascaded?: RowChange[]
  /** A parent that is not replicated: only its child changes are undone. */
  parentOnly?: boolean
}

/** Where a new stream takes over from the previous one in the same process. */
export interface ApplyResume {
  /** The checkpoint after the last transaction applied. */
  last: Checkpoint
  /** Rows of the XA transactions prepared and not yet ended, by xid, for an XA ROLLBACK to undo. */
  prepared: Map<string, HeldRows[]>
}

/** What undoes a change of each kind. */
const UNDO: Record<RowsOp, ChangeKind> = { insert: 'delete', update: 'update', delete: 'insert' }

/** Longest wait between two tries of a target change that failed in passing (ClickHouse down). */
const RETRY_CAP_MS = 30_000

export class BinlogApplier {
  private version: bigint
  /** The checkpoint after the last transaction. */
  private last: Checkpoint
  /** Rows of the open XA transaction (null outside one). */
  private xaRows: HeldRows[] | null = null
  /** Rows of the prepared XA transactions by xid. */
  private readonly prepared: Map<string, HeldRows[]>
  private readonly fromTableMap = new WeakMap<TableMapEvent, SourceTable | null>()
  private gtid: string | null = null
  /** "file:offset" where the open transaction begins (the end of the one before), and its commit time. */
  private txStart: string
  private txMs = 0
  /** The open transaction changed the schema: it is committed as soon as it ends. */
  private txDdl = false
  private readonly resyncs: SourceTable[] = []

  constructor(
    private readonly sink: Sink,
    private readonly flusher: Flusher,
    private readonly stats: Stats,
    private readonly log: Logger,
    private readonly ctx: ApplyContext,
    resume: ApplyResume = { last: flusher.lastCommitted, prepared: new Map() },
  ) {
    this.last = resume.last
    this.prepared = resume.prepared
    this.version = this.last.version
    this.txStart = `${this.last.file}:${this.last.offset}`
  }

  /** For the next stream of this process: it reads on from `last`, prepared XA transactions kept. */
  get resume(): ApplyResume {
    return { last: this.last, prepared: this.prepared }
  }

  /**
   * Copies a table again (chsync resync, or a set-aside table's next try). Taken at the next
   * transaction boundary: the copy gets a version from the counter there, committed together
   * with that position before it starts.
   */
  requestResync(table: SourceTable): void {
    this.resyncs.push(table)
  }

  private async startResyncs(): Promise<void> {
    const tables = this.resyncs.splice(0)
    // A target that starts over must not get rows encoded for the one before.
    await this.ctx.holdCopies(tables)
    try {
      await this.flusher.flush()
      for (const t of tables) {
        // The target is brought in line first (a set-aside table may have none yet); refused, it stays aside.
        if ((await this.prepare(t)) !== 'refused') this.ctx.onCopyNeeded(t, ++this.version)
      }
    } finally {
      this.ctx.releaseCopies()
    }
    this.last = { ...this.last, version: this.version }
    this.flusher.transactionWritten(this.last, this.ctx.history.takeStaged())
    await this.flusher.flush()
  }

  /** The last version handed out. */
  get currentVersion(): bigint {
    return this.version
  }

  async apply(items: AsyncIterable<TxItem>, onCommit?: () => void): Promise<void> {
    for await (const it of items) {
      switch (it.kind) {
        case 'begin':
          this.gtid = it.gtid
          this.txMs = it.timestampMs
          break
        case 'rows': {
          const ev = it.event
          const table = await this.tableFor(ev.table)
          this.stats.events++
          if (!table || this.ctx.isSetAside(table.database, table.table)) {
            // Not replicated (or set aside), but maybe a parent of tables that are. (Not in an
            // optional call: this.xaRows?.push(...) would skip it outside XA.)
            const held = await this.parentOnly(ev)
            this.xaRows?.push(...held)
            break
          }
          const cascaded = await this.writeRows(table, ev)
          this.xaRows?.push({ table, event: ev, cascaded })
          break
        }
        case 'xa_start':
          this.xaRows = []
          break
        case 'xa_prepare':
          if (!it.onePhase) this.prepared.set(it.xid, this.xaRows ?? [])
          this.xaRows = null
          break
        case 'xa_end': {
          const held = this.prepared.get(it.xid)
          this.prepared.delete(it.xid)
          if (it.committed) break
          if (!held) {
            // Prepared before this process read the binlog: its rows are not known here.
            this.stats.countError('xa_unknown')
            this.log.warn("XA ROLLBACK of a transaction prepared before chsync's last start: its changes stay in the copy; resync the tables it wrote", { xid: it.xid, gtid: this.gtid, position: this.txStart })
            break
          }
          for (let e = held.length - 1; e >= 0; e--) {
            const h = held[e]
            for (const c of undoCascade(h.cascaded ?? [], () => ++this.version)) if (!this.ctx.isSetAside(c.table.database, c.table.table)) this.sink.write(c)
            if (!h.parentOnly && !this.ctx.isSetAside(h.table.database, h.table.table)) await this.writeRows(h.table, h.event, true)
          }
          break
        }
        case 'ddl':
          this.stats.events++
          await this.ddl(it.database, it.statement, it.event.status)
          break
        case 'commit': {
          const p = it.position
          const cp = checkpointAt(p, this.version, it.timestampMs)
          this.last = cp
          this.sink.lifeCycle?.transactionEnded({ position: `${p.file}:${p.offset}`, gtid: it.gtid, gtidSet: cp.gtid, timestampMs: it.timestampMs, version: this.version })
          this.flusher.transactionWritten(cp, this.ctx.history.takeStaged())
          this.txStart = `${p.file}:${p.offset}`
          this.stats.lastAppliedCommitMs = it.timestampMs
          this.gtid = null
          // DDL is a commit point: its position and the schema it made are durable before anything after it.
          if (this.txDdl) await this.flusher.flush()
          this.txDdl = false
          if (this.resyncs.length) await this.startResyncs()
          onCommit?.()
          break
        }
        case 'keepalive':
          if (this.resyncs.length) await this.startResyncs()
          onCommit?.()
          break
      }
    }
  }

  /** The event's changes, or with `undo` the changes that take them back (in reverse order). */
  private async writeRows(table: SourceTable, ev: RowsEvent, undo = false): Promise<RowChange[]> {
    const n = (ev.before ?? ev.after)?.length ?? 0
    const kind: ChangeKind = undo ? UNDO[ev.op] : ev.op
    const before = undo ? ev.after : ev.before
    const after = undo ? ev.before : ev.after
    // The changes of a parent table are kept: their foreign-key actions are worked out after them.
    const actions = !undo && this.ctx.foreignKeys?.isParent(table.database, table.table) ? this.ctx.foreignKeys : null
    const written: RowChange[] = []
    for (let k = 0; k < n; k++) {
      const i = undo ? n - 1 - k : k
      const change: RowChange = {
        kind,
        table,
        before: before ? before[i] : null,
        after: after ? after[i] : null,
        version: ++this.version,
        gtid: this.gtid,
        position: this.txStart,
        timestampMs: this.txMs,
      }
      this.sink.write(change)
      if (actions) written.push(change)
    }
    this.stats.countRows(table.database, table.table, n)
    const cascaded = actions?.needed(ev.flags, written) ? await this.writeCascades(actions, written) : []
    const wait = this.flusher.afterWrite()
    if (wait) await wait
    return cascaded
  }

  /**
   * The child rows the source's foreign keys changed without logging them: read from the target
   * once everything before is flushed, written with the parent changes' versions.
   */
  private async writeCascades(actions: ForeignKeyActions, parents: RowChange[]): Promise<RowChange[]> {
    await this.flusher.flush()
    const children = await actions.changes(parents)
    for (const c of children) if (!this.ctx.isSetAside(c.table.database, c.table.table)) this.sink.write(c)
    return children
  }

  /** A table that is not replicated (or set aside) but referenced by replicated ones: its deletes and key updates only set off actions. */
  private async parentOnly(ev: RowsEvent): Promise<HeldRows[]> {
    const actions = this.ctx.foreignKeys
    if (ev.op === 'insert' || !actions?.isParent(ev.table.database, ev.table.table)) return []
    const table: SourceTable = { database: ev.table.database, table: ev.table.table, columns: ev.table.columns, primaryKey: ev.table.primaryKey }
    const n = (ev.before ?? ev.after)?.length ?? 0
    const parents = Array.from({ length: n }, (_, i): RowChange => ({
      kind: ev.op, table, before: ev.before?.[i] ?? null, after: ev.after?.[i] ?? null,
      version: ++this.version, gtid: this.gtid, position: this.txStart, timestampMs: this.txMs,
    }))
    if (!actions.needed(ev.flags, parents)) return []
    return [{ table, event: ev, cascaded: await this.writeCascades(actions, parents), parentOnly: true }]
  }

  /**
   * True when the open transaction came before the point `t` entered the history (its copy
   * covers it). Once the stream is past that point, the table's entry point is dropped.
   */
  private beforeEntry(t: HistoryTable): boolean {
    if (!t.since) return false
    const [file, offset] = splitPosition(this.txStart)
    if (beforeEntry(t.since, { gtid: this.gtid, file, offset }, this.ctx.flavor)) return true
    const { since: _, ...rest } = t
    this.ctx.history.set(rest)
    return false
  }

  /** The replicated table a TABLE_MAP describes (null when its rows are not written). */
  private async tableFor(tm: TableMapEvent): Promise<SourceTable | null> {
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
      this.log.warn('changes to this table cannot be decoded and are skipped; the other tables replicate', { table: name, reason: tm.unsupported })
      this.stats.countError('table_unsupported')
      return skip()
    }
    const history = this.ctx.history
    const tracked = history.get(tm.database, tm.table)
    if (!tracked || isPlaceholder(tracked)) {
      // Not in the history (created by a statement chsync could not follow, or never readable), or
      // its columns not known yet: it enters now and is copied; these rows are in the copy.
      if (tracked) await this.takeFromTableMap(tm)
      else await this.enter(tm.database, tm.table, tm)
      return skip()
    }
    if (this.beforeEntry(tracked)) return skip()
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
        if (!aside && (await this.prepare(fresh)) === 'rebuilt') this.ctx.onCopyNeeded(fresh, ++this.version)
      } finally {
        this.ctx.releaseCopies()
      }
    }
    if (this.ctx.isSetAside(tm.database, tm.table)) return skip()
    const table = history.get(tm.database, tm.table)!
    // Whatever left the sink without it (a rename it refused, a set-aside table back): prepared now.
    if (!this.sink.isPrepared(table) && (await this.prepare(table)) === 'refused') return skip()
    this.fromTableMap.set(tm, table)
    return table
  }

  /**
   * A table entering the replicated set: described, prepared in the target, copied. Gone from the
   * source under this name since, it is taken from its TABLE_MAP (`tm`, exact at this point), or
   * kept as a placeholder until a TABLE_MAP or a rename tells its columns.
   */
  private async enter(database: string, table: string, tm?: TableMapEvent): Promise<void> {
    const t = await this.ctx.enter(database, table)
    if (t === null) return
    if (t !== 'gone') return this.copyFresh(t)
    if (tm) return this.takeFromTableMap(tm)
    this.log.info('table enters the replicated set; its columns come with its next TABLE_MAP (gone from the source under this name since)', { table: tableName(database, table) })
    this.ctx.history.set(placeholder(database, table))
  }

  /** A table whose columns the TABLE_MAP tells (exact at this point of the stream): tracked, prepared, copied. */
  private async takeFromTableMap(tm: TableMapEvent): Promise<void> {
    const t: HistoryTable = { database: tm.database, table: tm.table, columns: tm.columns, primaryKey: tm.primaryKey, targetId: crypto.randomUUID() }
    if (!this.ctx.admit(t)) return
    this.log.info('table enters the replicated set from its TABLE_MAP; it is copied', { table: tableName(tm.database, tm.table) })
    await this.copyFresh(t)
  }

  /** A table new to the history: tracked, its target prepared, copied. */
  private async copyFresh(t: HistoryTable): Promise<void> {
    this.ctx.history.set(t)
    if ((await this.prepare(t)) !== 'refused') this.ctx.onCopyNeeded(t, ++this.version)
  }

  /** The sink's preparation of a table; a refusal sets the table aside. */
  private async prepare(t: SourceTable): Promise<'ready' | 'rebuilt' | 'refused'> {
    try {
      return await this.retrying(`prepare ${tableName(t.database, t.table)}`, () => this.sink.prepareTable(t))
    } catch (err) {
      if (!(err instanceof TargetRefusedError)) throw err
      this.ctx.setAside(t, err.message)
      return 'refused'
    }
  }

  /**
   * Runs a target change, trying again with growing waits while it fails in passing (the target
   * down or busy); what the target refuses for a table is thrown at once.
   */
  private async retrying<T>(what: string, fn: () => Promise<T>): Promise<T> {
    let failed = false
    const out = await retry(fn, {
      what,
      signal: this.ctx.stopSignal,
      capMs: RETRY_CAP_MS,
      transient: (err) => !(err instanceof TargetRefusedError),
      onRetry: (err, attempt, delay) => {
        failed = true
        this.stats.countError('sink')
        this.stats.sinkFailingSince ??= Date.now()
        this.stats.waitingFor = `${this.sink.name}: ${err.message} (${what}; retry ${attempt} in ${Math.round(delay / 1000)}s)`
        this.log.warn('target change failed, retrying', { what, error: err.message, attempt })
      },
    })
    if (failed) {
      this.stats.waitingFor = null
      this.stats.sinkFailingSince = null
    }
    return out
  }

  private async ddl(database: string, statement: string, status: QueryStatus): Promise<void> {
    const sqlMode = status.sqlMode
    const history = this.ctx.history
    let changes: SchemaChange[]
    try {
      const ast = parseDdl(statement, {
        flavor: this.ctx.flavor,
        serverVersion: serverVersionNumber(this.ctx.serverVersion) ?? undefined,
        ...(sqlMode !== undefined ? sqlModeOptions(sqlMode) : {}),
      })
      if (ast.kind === 'other') return
      changes = schemaChanges(ast, {
        currentDatabase: database,
        tables: (db, t) => {
          const h = history.get(db, t)
          return h && !this.beforeEntry(h) ? h : undefined
        },
        flavor: this.ctx.flavor,
        collations: this.ctx.collations,
        serverCollation: status.charset?.server,
        utf8mb4Collation: status.defaultCollationForUtf8mb4,
        serverVersion: serverVersionNumber(this.ctx.serverVersion) ?? undefined,
        trackedTables: () => [...history.values()].filter((h) => !this.beforeEntry(h)),
      })
    } catch (err) {
      // Never stops the stream: counted, logged, and the next TABLE_MAP reconciles the table.
      this.stats.countError(err instanceof DdlParseError ? 'ddl_parse' : 'ddl_translate')
      this.log.warn('DDL not understood; the target follows the next TABLE_MAP', { database, error: (err as Error).message })
      return
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
    if (relevant.length === 0 && entering.length === 0) return
    this.txDdl = true
    await this.ctx.holdCopies(before)
    try {
      await this.flusher.flush()
      await this.applyDdl(database, statement, relevant, before, entering)
    } finally {
      this.ctx.releaseCopies()
    }
  }

  /** The target's part of a DDL event, with the rows before it flushed and the tables' copies held. */
  private async applyDdl(database: string, statement: string, relevant: SchemaChange[], before: SourceTable[], entering: TableName[]): Promise<void> {
    const history = this.ctx.history
    // Nothing of a placeholder's is in the target; a set-aside table's copy is only dropped.
    const forSink = relevant.filter((c) => !onPlaceholder(c, history) && (c.kind === 'drop_table' || !this.setAsideSubject(c)))
    const change: DdlChange = { database, statement, changes: forSink, before, gtid: this.gtid, position: this.txStart, timestampMs: this.txMs }
    const result = forSink.length ? await this.retrying('apply DDL', () => this.sink.applyDdl(change)) : { rebuilt: [], refused: [] }
    const entered = entering.length ? { tables_entering: entering.map((t) => tableName(t.database, t.table)) } : {}
    this.log.info('DDL applied', { database, changes: relevant.map((c) => c.kind), ...entered })
    for (const c of relevant) {
      this.track(c)
      if (c.kind === 'untranslatable') {
        this.stats.countError('ddl_untranslatable')
        this.log.warn('DDL cannot be followed from its text', { database: c.database, table: c.table, reason: c.reason, resync: c.resync })
        const t = c.resync && c.database && c.table ? history.get(c.database, c.table) : undefined
        if (t) this.ctx.onCopyNeeded(t, ++this.version)
      }
    }
    for (const r of result.rebuilt) {
      const t = history.get(r.database, r.table)
      if (t) this.ctx.onCopyNeeded(t, ++this.version)
    }
    for (const r of result.refused) this.ctx.setAside(history.get(r.table.database, r.table.table) ?? r.table, r.reason)
    // A placeholder renamed (or one made LIKE it) onto a name the source has now: its columns are known from there.
    const resolvable = relevant.flatMap((c) =>
      c.kind === 'rename_table' && c.after && isPlaceholder(c.after) ? [c.to] : c.kind === 'create_table' && isPlaceholder(c.table) ? [c.table] : [],
    )
    for (const to of [...entering, ...resolvable]) await this.enter(to.database, to.table)
  }

  private tracked(database: string, table: string): boolean {
    return this.ctx.history.has(database, table)
  }

  /** A change to a table whose events before its entry point are covered by its copy. */
  private coveredByEntry(c: SchemaChange): boolean {
    const t = subjectName(c)
    const h = t && this.ctx.history.get(t.database, t.table)
    return h !== undefined && h !== null && this.beforeEntry(h)
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

function splitPosition(text: string): [string, number] {
  const at = text.lastIndexOf(':')
  return [text.slice(0, at), Number(text.slice(at + 1))]
}

/**
 * The checkpoint after a transaction. Its GTID text is made when first read — at a commit of the
 * position, not for every transaction (printing a GTID set of several sources costs more than
 * applying a small transaction). An own getter, so `{ ...cp }` and JSON copy the text.
 */
function checkpointAt(p: BinlogPosition, version: bigint, timestampMs: number): Checkpoint {
  const set = p.gtidSet
  let text: string | null | undefined
  return {
    file: p.file,
    offset: p.offset,
    version,
    timestampMs,
    get gtid() {
      return (text ??= set ? set.toString() : null)
    },
  }
}
