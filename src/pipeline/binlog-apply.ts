// Applies the binlog in order: gives every row change its version, keeps the target's tables in
// step with the source (TABLE_MAP and DDL), writes into the sink and marks transaction ends for
// the flusher. An XA transaction is applied when it is prepared, like any other, and its rows are
// kept until its outcome: an XA ROLLBACK writes its changes back, in reverse and as new versions
// (an insert deleted, a delete inserted, an update undone). The committed position never waits.

import type { BinlogPosition, Flavor, QueryStatus, RowsEvent, RowsOp, TableMapEvent, TxItem } from '../binlog/index.ts'
import type { Stats } from '../health/stats.ts'
import type { Logger } from '../log/index.ts'
import { type CollationCatalog, type SchemaChange, schemaChanges } from '../schema/changes/index.ts'
import { DdlParseError, parseDdl, serverVersionNumber, sqlModeOptions } from '../schema/ddl/index.ts'
import { type SourceTable, tableKey } from '../schema/model.ts'
import type { Sink } from '../sink/sink.ts'
import type { Checkpoint } from '../state/index.ts'
import type { ChangeKind, DdlChange } from './change.ts'
import type { Flusher } from './flusher.ts'
import { sameShape, withCatalogTypes } from './table-shape.ts'

export interface ApplyContext {
  flavor: Flavor
  serverVersion: string
  /** Which source tables are replicated. */
  replicated: (database: string, table: string) => boolean
  /** False when the sink cannot hold a table of this shape: it is left out from now on. */
  admit: (table: SourceTable) => boolean
  /** The tables as chsync knows them (from the target's last schema or the source). */
  tables: Map<string, SourceTable>
  collations: CollationCatalog
  /** The table as the source has it now (for one renamed into the replicated set); null if gone. */
  describe: (database: string, table: string) => Promise<SourceTable | null>
  /**
   * The table must be copied again, its rows with `version`: a version of its own, taken from the
   * counter at this point of the stream, so old rows are all below it and later changes above.
   */
  onCopyNeeded: (table: SourceTable, version: bigint) => void
}

/** Row changes held back with the table they were decoded for (the schema at event time). */
interface HeldRows {
  table: SourceTable
  event: RowsEvent
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
   * Copies a table again (chsync resync). Taken at the next transaction boundary: the copy gets a
   * version from the counter there, committed together with that position before it starts.
   */
  requestResync(table: SourceTable): void {
    this.resyncs.push(table)
  }

  private async startResyncs(): Promise<void> {
    const tables = this.resyncs.splice(0)
    const versions = tables.map(() => ++this.version)
    this.last = { ...this.last, version: this.version }
    this.flusher.transactionWritten(this.last)
    tables.forEach((t, i) =>
      this.flusher.tableWritten({ database: t.database, table: t.table, stage: 'resync', snapshotVersion: versions[i], cursor: null, rowsCopied: 0, rowsEstimate: 0 }),
    )
    await this.flusher.flush()
    tables.forEach((t, i) => this.ctx.onCopyNeeded(t, versions[i]))
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
          if (!table) break
          await this.writeRows(table, ev)
          this.xaRows?.push({ table, event: ev })
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
          for (let e = held.length - 1; e >= 0; e--) await this.writeRows(held[e].table, held[e].event, true)
          break
        }
        case 'ddl':
          this.stats.events++
          await this.ddl(it.database, it.statement, it.event.status)
          break
        case 'commit': {
          const p = it.position
          const cp = checkpointAt(p, this.version)
          this.last = cp
          if (this.sink.transactionEnded)
            this.sink.transactionEnded({ position: `${p.file}:${p.offset}`, gtid: it.gtid, gtidSet: cp.gtid, timestampMs: it.timestampMs, version: this.version })
          this.flusher.transactionWritten(cp)
          this.txStart = `${p.file}:${p.offset}`
          this.stats.lastAppliedCommitMs = it.timestampMs
          this.gtid = null
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
  private async writeRows(table: SourceTable, ev: RowsEvent, undo = false): Promise<void> {
    const n = (ev.before ?? ev.after)?.length ?? 0
    const kind: ChangeKind = undo ? UNDO[ev.op] : ev.op
    const before = undo ? ev.after : ev.before
    const after = undo ? ev.before : ev.after
    for (let k = 0; k < n; k++) {
      const i = undo ? n - 1 - k : k
      this.sink.write({
        kind,
        table,
        before: before ? before[i] : null,
        after: after ? after[i] : null,
        version: ++this.version,
        gtid: this.gtid,
        position: this.txStart,
        timestampMs: this.txMs,
      })
    }
    this.stats.countRows(table.database, table.table, n)
    const wait = this.flusher.afterWrite()
    if (wait) await wait
  }

  /** The replicated table a TABLE_MAP describes (null when it is not replicated). */
  private async tableFor(tm: TableMapEvent): Promise<SourceTable | null> {
    const known = this.fromTableMap.get(tm)
    if (known !== undefined) {
      if (known === null && tm.unsupported && this.ctx.replicated(tm.database, tm.table)) this.stats.countError('table_unsupported')
      return known
    }
    if (!this.ctx.replicated(tm.database, tm.table)) {
      this.fromTableMap.set(tm, null)
      return null
    }
    if (tm.unsupported) {
      this.log.warn('changes to this table cannot be decoded and are skipped; the other tables replicate', { table: tableKey(tm.database, tm.table), reason: tm.unsupported })
      this.stats.countError('table_unsupported')
      this.fromTableMap.set(tm, null)
      return null
    }
    const key = tableKey(tm.database, tm.table)
    const current = this.ctx.tables.get(key)
    const fresh: SourceTable = {
      database: tm.database,
      table: tm.table,
      columns: withCatalogTypes(tm.columns, current?.columns),
      primaryKey: tm.primaryKey.length ? tm.primaryKey : current && sameShape(current.columns, tm.columns) ? current.primaryKey : [],
    }
    if (!this.ctx.admit(fresh)) {
      this.fromTableMap.set(tm, null)
      return null
    }
    if (!current || !sameShape(current.columns, tm.columns) || current.primaryKey.join() !== fresh.primaryKey.join()) {
      // The source changed shape (or DDL was missed): rows of the old shape land first.
      if (current) this.log.info('table shape changed; reconciling the target from TABLE_MAP', { table: key })
      await this.flusher.flush()
      this.ctx.tables.set(key, fresh)
      if ((await this.sink.prepareTable(fresh)) === 'rebuilt') this.ctx.onCopyNeeded(fresh, ++this.version)
    }
    const table = this.ctx.tables.get(key)!
    this.fromTableMap.set(tm, table)
    return table
  }

  private async ddl(database: string, statement: string, status: QueryStatus): Promise<void> {
    const sqlMode = status.sqlMode
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
        tables: (db, t) => this.ctx.tables.get(tableKey(db, t)),
        flavor: this.ctx.flavor,
        collations: this.ctx.collations,
        serverCollation: status.charset?.server,
        utf8mb4Collation: status.defaultCollationForUtf8mb4,
      })
    } catch (err) {
      // Never stops the stream: counted, logged, and the next TABLE_MAP reconciles the table.
      this.stats.countError(err instanceof DdlParseError ? 'ddl_parse' : 'ddl_translate')
      this.log.warn('DDL not understood; the target follows the next TABLE_MAP', {
        database,
        error: (err as Error).message,
      })
      return
    }
    const touching = changes.filter((c) => this.touchesReplicated(c))
    // Renamed into the replicated set from outside: nothing to rename in the target, rows to copy.
    const entering = touching.flatMap((c) => (c.kind === 'rename_table' && !this.ctx.replicated(c.from.database, c.from.table) ? [c.to] : []))
    const relevant = touching
      .filter((c) => !(c.kind === 'rename_table' && !this.ctx.replicated(c.from.database, c.from.table)))
      .map((c) => this.heldOrDropped(c))
      .filter((c): c is SchemaChange => c !== null)
      .map((c) => this.leaving(c))
    if (relevant.length === 0 && entering.length === 0) return
    await this.flusher.flush()
    const change: DdlChange = { database, statement, changes: relevant, gtid: this.gtid, position: this.txStart, timestampMs: this.txMs }
    const rebuilt = relevant.length ? await this.sink.applyDdl(change) : []
    this.log.info('DDL applied', { database, changes: relevant.map((c) => c.kind), entering: entering.map((t) => tableKey(t.database, t.table)) })
    for (const c of relevant) {
      this.track(c)
      if (c.kind === 'untranslatable') {
        this.stats.countError('ddl_untranslatable')
        this.log.warn('DDL cannot be followed from its text', { database: c.database, table: c.table, reason: c.reason, resync: c.resync })
        const t = c.resync && c.database && c.table ? this.ctx.tables.get(tableKey(c.database, c.table)) : undefined
        if (t) this.ctx.onCopyNeeded(t, ++this.version)
      }
    }
    for (const t of rebuilt) this.ctx.onCopyNeeded(t, ++this.version)
    for (const to of entering) {
      const t = await this.ctx.describe(to.database, to.table)
      if (!t) continue
      this.ctx.tables.set(tableKey(t.database, t.table), t)
      await this.sink.prepareTable(t)
      this.ctx.onCopyNeeded(t, ++this.version)
    }
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
        return this.ctx.replicated(c.table.database, c.table.table)
      case 'no_effect':
      case 'untranslatable':
        return c.database !== undefined && c.table !== undefined && this.ctx.replicated(c.database, c.table)
      default:
        return this.ctx.replicated(c.database, c.table)
    }
  }

  /** Keeps the known tables in step with what DDL did. */
  private track(c: SchemaChange): void {
    const t = this.ctx.tables
    switch (c.kind) {
      case 'create_table':
        t.set(tableKey(c.table.database, c.table.table), c.table)
        break
      case 'drop_table':
        t.delete(tableKey(c.database, c.table))
        break
      case 'rename_table': {
        t.delete(tableKey(c.from.database, c.from.table))
        if (c.after && this.ctx.replicated(c.to.database, c.to.table)) t.set(tableKey(c.to.database, c.to.table), c.after)
        break
      }
      default:
        if ('after' in c && c.after) t.set(tableKey(c.after.database, c.after.table), c.after)
    }
  }
}

/**
 * The checkpoint after a transaction. Its GTID text is made when first read — at a commit of the
 * position, not for every transaction (printing a GTID set of several sources costs more than
 * applying a small transaction). An own getter, so `{ ...cp }` and JSON copy the text.
 */
function checkpointAt(p: BinlogPosition, version: bigint): Checkpoint {
  const set = p.gtidSet
  let text: string | null | undefined
  return {
    file: p.file,
    offset: p.offset,
    version,
    get gtid() {
      return (text ??= set ? set.toString() : null)
    },
  }
}
