// Applies the binlog in order: gives every row change its version, writes it into the sink and
// marks transaction ends for the flusher, with the schema changes each one made. The parts it
// drives live in apply/: the table each TABLE_MAP stands for (table-map.ts), DDL (ddl-follow.ts),
// tables entering the set (table-entry.ts), XA transactions held until their outcome (xa.ts).
// A transaction with DDL is a commit point: its position and schema are committed as soon as it
// ends. A table the target refuses is set aside: its schema is still followed, its rows wait for
// its next copy.

import type { RowsEvent, TxItem } from '../binlog/index.ts'
import type { Stats } from '../health/stats.ts'
import type { Logger } from '../log/index.ts'
import type { ChangeKind, RowChange, SourceTable } from '../model/index.ts'
import type { Sink } from '../sink/sink.ts'
import type { Checkpoint } from '../state/index.ts'
import { checkpointAt } from './apply/checkpoint.ts'
import { type ApplyContext, type OpenTransaction, VersionCounter } from './apply/context.ts'
import { DdlFollower } from './apply/ddl-follow.ts'
import { TableEntry } from './apply/table-entry.ts'
import { TableMapFollower } from './apply/table-map.ts'
import { TargetChanges } from './apply/target-changes.ts'
import { type HeldRows, UNDO, XaTransactions } from './apply/xa.ts'
import { type ForeignKeyActions, undoCascade } from './cascade/index.ts'
import type { Flusher } from './flusher.ts'

export type { ApplyContext } from './apply/context.ts'

/** Where a new stream takes over from the previous one in the same process. */
export interface ApplyResume {
  /** The checkpoint after the last transaction applied. */
  last: Checkpoint
  /** Rows of the XA transactions prepared and not yet ended, by xid, for an XA ROLLBACK to undo. */
  prepared: Map<string, HeldRows[]>
}

export class BinlogApplier {
  private readonly versions: VersionCounter
  /** The checkpoint after the last transaction. */
  private last: Checkpoint
  private readonly xa: XaTransactions
  /** The open transaction (between two commits: its start is the end of the one before). */
  private readonly tx: OpenTransaction
  /** The open transaction changed the schema: it is committed as soon as it ends. */
  private txDdl = false
  private readonly resyncs: SourceTable[] = []
  private readonly target: TargetChanges
  private readonly tables: TableMapFollower
  private readonly ddl: DdlFollower

  constructor(
    private readonly sink: Sink,
    private readonly flusher: Flusher,
    private readonly stats: Stats,
    private readonly log: Logger,
    private readonly ctx: ApplyContext,
    resume: ApplyResume = { last: flusher.lastCommitted, prepared: new Map() },
  ) {
    this.last = resume.last
    this.xa = new XaTransactions(resume.prepared)
    this.versions = new VersionCounter(this.last.version)
    this.tx = { gtid: null, start: `${this.last.file}:${this.last.offset}`, timestampMs: 0 }
    const tx = () => this.tx
    this.target = new TargetChanges(sink, stats, log, ctx)
    const entry = new TableEntry(ctx, this.target, this.versions, log, tx)
    this.tables = new TableMapFollower(ctx, sink, flusher, stats, log, this.target, entry, this.versions)
    this.ddl = new DdlFollower(ctx, sink, flusher, stats, log, this.target, entry, this.versions, tx)
  }

  /** For the next stream of this process: it reads on from `last`, prepared XA transactions kept. */
  get resume(): ApplyResume {
    return { last: this.last, prepared: this.xa.prepared }
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
        if ((await this.target.prepare(t)) !== 'refused') this.ctx.onCopyNeeded(t, this.versions.next())
      }
    } finally {
      this.ctx.releaseCopies()
    }
    this.last = { ...this.last, version: this.versions.value }
    this.flusher.transactionWritten(this.last, this.ctx.history.takeStaged())
    await this.flusher.flush()
  }

  /** The last version handed out. */
  get currentVersion(): bigint {
    return this.versions.value
  }

  async apply(items: AsyncIterable<TxItem>, onCommit?: () => void): Promise<void> {
    for await (const it of items) {
      switch (it.kind) {
        case 'begin':
          this.tx.gtid = it.gtid
          this.tx.timestampMs = it.timestampMs
          break
        case 'rows': {
          const ev = it.event
          const table = await this.tables.tableFor(ev.table)
          this.stats.events++
          if (!table || this.ctx.isSetAside(table.database, table.table)) {
            // Not replicated (or set aside), but maybe a parent of tables that are.
            this.xa.hold(await this.parentOnly(ev))
            break
          }
          const cascaded = await this.writeRows(table, ev)
          this.xa.hold([{ table, event: ev, cascaded }])
          break
        }
        case 'xa_start':
          this.xa.start()
          break
        case 'xa_prepare':
          this.xa.prepare(it.xid, it.onePhase)
          break
        case 'xa_end': {
          const held = this.xa.end(it.xid)
          if (it.committed) break
          if (!held) {
            // Prepared before this process read the binlog: its rows are not known here.
            this.stats.countError('xa_unknown')
            this.log.warn(
              "XA ROLLBACK of a transaction prepared before chsync's last start: its changes stay in the copy; resync the tables it wrote",
              { xid: it.xid, gtid: this.tx.gtid, position: this.tx.start },
            )
            break
          }
          await this.undo(held)
          break
        }
        case 'ddl':
          this.stats.events++
          if (await this.ddl.follow(it.database, it.statement, it.event.status)) this.txDdl = true
          break
        case 'commit': {
          const p = it.position
          const version = this.versions.value
          const cp = checkpointAt(p, version, it.timestampMs)
          this.last = cp
          this.sink.lifeCycle?.transactionEnded({
            position: `${p.file}:${p.offset}`,
            gtid: it.gtid,
            gtidSet: cp.gtid,
            timestampMs: it.timestampMs,
            version,
          })
          this.flusher.transactionWritten(cp, this.ctx.history.takeStaged())
          this.tx.start = `${p.file}:${p.offset}`
          this.stats.lastAppliedCommitMs = it.timestampMs
          this.tx.gtid = null
          // DDL is a commit point: its position and the schema it made are durable before anything
          // after it, and before the copies its follower held go on.
          if (this.txDdl) {
            try {
              await this.flusher.flush()
            } finally {
              this.ctx.releaseCopies()
            }
          }
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

  /** An XA ROLLBACK: the held changes taken back, last first (child changes before their parent's). */
  private async undo(held: HeldRows[]): Promise<void> {
    for (let e = held.length - 1; e >= 0; e--) {
      const h = held[e]
      for (const c of undoCascade(h.cascaded ?? [], () => this.versions.next()))
        if (!this.ctx.isSetAside(c.table.database, c.table.table)) this.sink.write(c)
      if (!h.parentOnly && !this.ctx.isSetAside(h.table.database, h.table.table)) await this.writeRows(h.table, h.event, true)
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
        version: this.versions.next(),
        gtid: this.tx.gtid,
        position: this.tx.start,
        timestampMs: this.tx.timestampMs,
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
    const table: SourceTable = {
      database: ev.table.database,
      table: ev.table.table,
      columns: ev.table.columns,
      primaryKey: ev.table.primaryKey,
    }
    const n = (ev.before ?? ev.after)?.length ?? 0
    const parents = Array.from(
      { length: n },
      (_, i): RowChange => ({
        kind: ev.op,
        table,
        before: ev.before?.[i] ?? null,
        after: ev.after?.[i] ?? null,
        version: this.versions.next(),
        gtid: this.tx.gtid,
        position: this.tx.start,
        timestampMs: this.tx.timestampMs,
      }),
    )
    if (!actions.needed(ev.flags, parents)) return []
    return [{ table, event: ev, cascaded: await this.writeCascades(actions, parents), parentOnly: true }]
  }
}
