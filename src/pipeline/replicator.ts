// The main job: from the committed position (or a fresh start with a copy), keep the sink an exact
// copy of the replicated source tables. Owns the order of things: state and schema history, sink,
// tables, copy and stream, reconnects, tables set aside and left out, and the way out. Where to
// start, what a failed stream means and what a lost position leads to are decided in start-point.ts;
// the binlog is applied by binlog-apply.ts.

import { BinlogClient, type BinlogPosition, type BinlogStream, ReplicationError, parseGtidSet } from '../binlog/index.ts'
import { type ChsyncConfig, type MaskKind, tableFilter } from '../config/index.ts'
import type { Stats } from '../health/stats.ts'
import type { Logger } from '../log/index.ts'
import { type CollationCatalog, type CollationRow, readCollationCatalog } from '../schema/changes/index.ts'
import { PermanentError, RetryStopped, isPermanent, isTransient, pause, retry } from '../retry/index.ts'
import { type SourceTable, parseTableName, splitTableKey, tableKey, tableName } from '../model/index.ts'
import { SourceTableError, describeSourceTable } from '../schema/source/index.ts'
import { ColumnShaping } from '../sink/shaping/index.ts'
import { type PrepareResult, type Sink, TargetRefusedError } from '../sink/sink.ts'
import { Snapshotter } from '../snapshot/snapshotter.ts'
import { CopyStopped } from '../snapshot/table-copy.ts'
import { sourceOptions } from '../source/index.ts'
import { type Checkpoint, type SourceIdentity, StateError, type StateStore, type TableState } from '../state/index.ts'
import { BinlogApplier } from './binlog-apply.ts'
import { type CascadeSkip, ForeignKeyActions } from './cascade/index.ts'
import { targetRows } from '../sink/create-sink.ts'
import { Flusher } from './flusher.ts'
import { memoryBudget } from './memory-budget.ts'
import { type HistoryTable, SchemaHistory, isPlaceholder } from './schema-history.ts'
import { SetAsideTables } from './set-aside.ts'
import { SourceMonitor } from './source-monitor.ts'
import { onPositionLost, positionText, restartPoint, startPoint, startVersion, streamFailure } from './start-point.ts'

export interface ReplicatorDeps {
  config: ChsyncConfig
  state: StateStore
  sink: Sink
  stats: Stats
  log: Logger
}

export class Replicator {
  private client!: BinlogClient
  private stream: BinlogStream | null = null
  private flusher!: Flusher
  private snapshotter: Snapshotter | null = null
  private monitor: SourceMonitor | null = null
  private stopping = false
  /** Aborted by stop(): every wait between attempts ends at once. */
  private readonly stopped = new AbortController()
  private applier: BinlogApplier | null = null
  private history = new SchemaHistory()
  private collations: CollationCatalog | null = null
  private readonly chosen: (db: string, table: string) => boolean
  private readonly replicated: (db: string, table: string) => boolean
  /** Tables left out, by tableKey, with why: chsync cannot read them, or the sink cannot hold them. */
  private readonly leftOut = new Map<string, string>()
  private readonly aside: SetAsideTables
  /** The version of the last copy asked for, by tableKey: a copy running with an older one stops. */
  private readonly copyVersions = new Map<string, bigint>()
  /** Tables whose target is being changed: their copies wait (holdCopies / releaseCopies). */
  private readonly held = new Set<string>()
  private retryTimer: ReturnType<typeof setInterval> | null = null

  constructor(private readonly d: ReplicatorDeps) {
    this.aside = new SetAsideTables(d.stats, d.log)
    this.chosen = tableFilter(d.config)
    this.replicated = (db, t) => this.chosen(db, t) && !this.leftOut.has(tableKey(db, t))
  }

  /**
   * Leaves a table out (with a warning naming it, once): it is never written to the target.
   * `kind` counts it: table_unsupported (the target cannot hold it), table_unreadable.
   */
  private leaveOut(database: string, table: string, reason: string, kind: 'table_unsupported' | 'table_unreadable'): void {
    const key = tableKey(database, table)
    if (!this.leftOut.has(key)) {
      this.d.log.warn('table left out; the other tables replicate', { table: tableName(database, table), reason })
      this.d.stats.countError(kind)
    }
    this.leftOut.set(key, reason)
    this.d.stats.tablesLeftOut.set(key, reason)
    this.history.delete(database, table)
  }

  /** False (and the table is left out) when the sink cannot hold it. */
  private readonly admit = (t: SourceTable): boolean => {
    const why = this.d.sink.cannotHold(t)
    if (why === null) return true
    this.leaveOut(t.database, t.table, `the target cannot hold it: ${why}`, 'table_unsupported')
    return false
  }

  /** Runs until stop() (resolves) or a failure it cannot ride out (rejects). */
  async run(): Promise<void> {
    const { config, stats, log, state } = this.d
    // A sink that fails on its own (a plugin's stray error) ends the run as a failed flush would.
    let sinkFailure: Error | null = null
    this.d.sink.onFailure = (err) => {
      sinkFailure ??= err
      this.flusher?.fail(err)
    }
    try {
      await this.connectSource()
      await this.startSink()
      if (sinkFailure) throw sinkFailure
    } catch (err) {
      this.client?.close()
      await this.d.sink.close().catch(() => {})
      // Stopped while waiting for the source or the target: nothing was read, nothing to commit.
      if (err instanceof RetryStopped) return
      throw err
    }
    const info = this.client.info
    let checkpoint: Checkpoint
    try {
      this.collations = await readCollationCatalog((sql) => this.client.sql.query<CollationRow>(sql), info.flavor)
      checkpoint = await this.startingPoint()
    } catch (err) {
      // stop() closed the client under a query waiting for the source: what was committed
      // stays, the rest is done again at the next start, as after a crash.
      if (!this.stopping) throw err
      this.client.close()
      await this.d.sink.close().catch(() => {})
      return
    }
    this.flusher = new Flusher(this.d.sink, state, stats, log, flushPolicy(config, this.d.sink), checkpoint)
    // Nothing can be committed any more: end the stream, so the failure surfaces even when idle.
    this.flusher.onFailure = () => {
      this.snapshotter?.stop()
      this.stream?.close()
    }
    this.flusher.onTableRefused = (t, reason) => this.setAside(t, reason)
    // Nothing received waits to be decoded; while a copy (or a resync's) is pending, running or
    // held, flushes go by size and time as before.
    if (config.apply.flushWhenIdle)
      this.flusher.sourceIdle = () =>
        this.copying === null && this.held.size === 0 && this.stream !== null && this.stream.stats.bufferedBytes === 0
    this.flusher.startTimer()
    this.monitor = new SourceMonitor(
      this.client,
      stats,
      () => this.stream,
      () => this.flusher.lastCommitted,
      () => this.flusher.settled,
    )
    this.monitor.start()
    this.retryTimer = setInterval(() => this.retrySetAside(), 1000)

    try {
      if (config.snapshot.mode === 'initial_only') {
        await this.copyPending()
        if (this.flusher.failed) throw this.flusher.failed
        log.info('initial copy finished; snapshot.mode = "initial_only", stopping')
        return
      }
      await Promise.all([this.streamLoop(), this.copyPending()])
    } finally {
      await this.shutdown()
    }
  }

  /**
   * The source, tried until it answers (it may be starting too), unless it refuses the account:
   * that is a configuration mistake no wait can cure.
   */
  private async connectSource(): Promise<void> {
    const { config, stats, log } = this.d
    try {
      this.client = await retry(() => BinlogClient.connect(sourceOptions(config)), {
        what: 'the source',
        signal: this.stopped.signal,
        onRetry: (err, attempt, delay) => {
          stats.waitingFor = `source: ${err.message} (retry ${attempt} in ${Math.round(delay / 1000)}s)`
          log.warn('cannot reach the source, retrying', { error: err.message, attempt, delay_ms: delay })
        },
      })
    } catch (err) {
      if (!isPermanent(err)) throw err
      throw new PermanentError(
        `the source refused chsync: ${(err as Error).message}; check the user in source.url, its password (source.password_file or CHSYNC_SOURCE_PASSWORD) and its privileges (chsync check lists them)`,
        { cause: err },
      )
    }
    stats.waitingFor = null
    const info = this.client.info
    log.info('connected to the source', { flavor: info.flavor, version: info.version, gtid: info.gtidMode })
  }

  /** The sink's start (ClickHouse: it answers, as ClickHouse), tried like the source. */
  private async startSink(): Promise<void> {
    const { stats, log, state, sink } = this.d
    try {
      await retry(() => sink.start({ owner: state.instanceId }), {
        what: sink.name,
        signal: this.stopped.signal,
        // Only a target that does not answer (yet); a plugin that cannot load, a file that cannot be written, do not pass.
        transient: isTransient,
        onRetry: (err, attempt, delay) => {
          stats.waitingFor = `${sink.name}: ${err.message} (retry ${attempt} in ${Math.round(delay / 1000)}s)`
          log.warn('cannot reach the target, retrying', { sink: sink.name, error: err.message, attempt, delay_ms: delay })
        },
      })
    } catch (err) {
      if (!isPermanent(err) || err instanceof PermanentError) throw err
      const check =
        this.d.config.sink.kind === 'clickhouse'
          ? 'the user in target.url and its password (target.password_file or CHSYNC_TARGET_PASSWORD)'
          : 'the sink settings'
      throw new PermanentError(`${sink.name} refused chsync: ${(err as Error).message}; check ${check}`, { cause: err })
    }
    stats.waitingFor = null
  }

  private query = (sql: string, params: unknown[]) => this.client.sql.query(sql, params as never) as Promise<Record<string, unknown>[]>

  /**
   * A table as the source has it now, with a new target id; null (and left out) when it cannot be
   * read or held; 'gone' when the source has no such table now.
   */
  private async describe(db: string, t: string): Promise<HistoryTable | null | 'gone'> {
    try {
      const shape = await describeSourceTable(this.query, db, t)
      const table: HistoryTable = {
        database: db,
        table: t,
        columns: shape.columns,
        primaryKey: shape.primaryKey,
        keys: shape.keys,
        foreignKeys: shape.foreignKeys,
        ...(shape.collation === undefined ? {} : { collation: shape.collation }),
        targetId: crypto.randomUUID(),
      }
      return this.admit(table) ? table : null
    } catch (err) {
      // Gone since (the stream is behind the source): nothing to leave out.
      if (err instanceof SourceTableError && err.gone) return 'gone'
      this.leaveOut(
        db,
        t,
        `chsync cannot read it on the source: ${(err as Error).message}; GRANT SELECT ON ${sqlName(db)}.${sqlName(t)} TO the replication user`,
        'table_unreadable',
      )
      return null
    }
  }

  /** The replicated tables the source lists now (the ones the account can see). */
  private async sourceTables(): Promise<[string, string][]> {
    const rows = await this.client.sql.query<{ db: string; t: string }>(
      "SELECT TABLE_SCHEMA AS db, TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY 1, 2",
    )
    return rows.filter((r) => this.replicated(r.db, r.t)).map((r) => [r.db, r.t])
  }

  /**
   * The committed position and the schema history as of it; on first start, the source's current
   * end with every table described and marked for a copy. Then the target is brought in line with
   * the history (a crash may have left it ahead), and tables new to the replicated set enter.
   */
  private async startingPoint(): Promise<Checkpoint> {
    const { state, config, log } = this.d
    const saved = this.checkSourceIdentity()
    const copies = new Map<string, HistoryTable>()
    const copy = (t: HistoryTable) => copies.set(tableKey(t.database, t.table), t)
    let cp: Checkpoint
    if (!saved) {
      cp = await this.firstStart()
      if (config.snapshot.mode !== 'never') [...this.history.values()].forEach(copy)
    } else {
      cp = saved
      if (state.hasSchemaHistory) await this.loadHistory()
      else await this.takeOverEarlierState()
    }
    for (const t of state.tables())
      if (t.stage === 'failed') this.aside.restore(tableKey(t.database, t.table), t.reason ?? null, t.failures ?? 1)
    // History tables keep every version: what the crashed run wrote past the committed counter
    // goes, the replay writes it again.
    const maxInTarget = (await this.d.sink.versions?.maxVersion([...this.history.values()], cp.version)) ?? 0n
    // A target found missing or started over is copied again (on first start the mode decides).
    const rebuilt = await this.prepareTargets()
    if (saved) {
      rebuilt.forEach(copy)
      ;(await this.entering()).forEach(copy)
      ;(await this.reshaped()).forEach(copy)
    }
    // What a crashed run made after the committed position and the replay may not come back to
    // (a first start's tables, a table that entered then): no tracked table claims it.
    await this.d.sink.ownership?.dropUnclaimed()
    state.setSelection(selectionText(config.replicate))
    const version = startVersion(cp.version, maxInTarget, copies.size > 0 && saved !== null)
    const estimates = await this.rowEstimates()
    const tables = [...copies.values()].map(
      (t): TableState => ({
        database: t.database,
        table: t.table,
        stage: state.table(t.database, t.table) ? 'resync' : 'snapshot',
        snapshotVersion: version,
        cursor: null,
        rowsCopied: 0,
        rowsEstimate: estimates.get(tableKey(t.database, t.table)) ?? 0,
      }),
    )
    cp = { ...cp, version }
    state.commit(cp, tables, this.history.takeStaged())
    for (const t of state.tables())
      if (t.stage === 'snapshot' || t.stage === 'resync') this.copyVersions.set(tableKey(t.database, t.table), t.snapshotVersion)
    // Each replicated table has its row counter from the start, at 0, so rates of it exist before its first change.
    for (const t of this.history.values()) this.d.stats.countRows(t.database, t.table, 0)
    log.info('replicated tables', { tables: this.history.size, to_copy: copies.size })
    return cp
  }

  /** The committed position, after checking the source is the server it was taken on (or one with its GTIDs). */
  private checkSourceIdentity(): Checkpoint | null {
    const { state, log } = this.d
    const info = this.client.info
    const identity: SourceIdentity = { flavor: info.flavor, id: info.serverUuid ?? `server_id:${info.serverId}` }
    const start = startPoint({ path: state.path, checkpoint: state.checkpoint, identity: state.identity }, identity)
    if (start.serverChanged)
      log.warn('the source server changed; resuming from the GTID set', { ...start.serverChanged, gtid: start.checkpoint?.gtid })
    state.setIdentity(identity)
    return start.checkpoint
  }

  /** First start: the source's current end as the position, then every replicated table described. */
  private async firstStart(): Promise<Checkpoint> {
    // The position first: DDL in between is applied again to tables that have it (followed, or
    // reconciled from the next TABLE_MAP), rather than missed (a table dropped in between would
    // stay in the history, waiting for its copy forever).
    const now = await this.client.currentPosition()
    for (const [db, t] of await this.sourceTables()) {
      const table = await this.describe(db, t)
      if (table && table !== 'gone') this.history.set(table)
    }
    // The source's end now: what is committed there is as of now (the measure of lag until the first commit).
    const cp = {
      file: now.file,
      offset: now.offset,
      gtid: now.gtidSet ? now.gtidSet.toString() : null,
      version: 0n,
      timestampMs: Date.now(),
    }
    this.d.log.info("first start: from the source's current position (the tables are copied, then the binlog from there is applied)", {
      file: cp.file,
      offset: cp.offset,
      gtid: cp.gtid,
    })
    return cp
  }

  /** The schema history of the state file, without the tables the config no longer selects. */
  private async loadHistory(): Promise<void> {
    try {
      this.history = SchemaHistory.load(this.d.state.schemas())
    } catch (err) {
      if (err instanceof StateError) throw err
      throw new StateError(`state file ${this.d.state.path}: ${(err as Error).message}`, { cause: err })
    }
    for (const t of [...this.history.values()]) {
      if (this.chosen(t.database, t.table)) continue
      this.d.log.info("table no longer selected by [replicate]; no longer replicated (its copy stays, no longer chsync's)", {
        table: tableName(t.database, t.table),
      })
      await this.d.sink.ownership?.release(t)
      this.history.delete(t.database, t.table)
    }
  }

  /**
   * A state file of an earlier chsync: a position without schema history. Its tables are taken
   * from the source once, and their copies in the target marked as this chsync's.
   */
  private async takeOverEarlierState(): Promise<void> {
    const { state, log } = this.d
    log.warn('the state file has no schema history (an earlier chsync made it): taking the tables from the source once', {
      state: state.path,
    })
    for (const [db, t] of await this.sourceTables()) {
      const table = await this.describe(db, t)
      if (!table || table === 'gone' || !state.table(db, t)) continue
      this.history.set(table)
      await this.d.sink.ownership?.adopt(table)
    }
  }

  /**
   * Brings every target in line with the schema history (found by its mark, renamed back,
   * created; its columns are left for the replay). Returns the tables whose target started over:
   * they are copied again.
   */
  private async prepareTargets(): Promise<HistoryTable[]> {
    // A placeholder has no target yet: nothing to claim or prepare.
    const tables = [...this.history.values()].filter((t) => !isPlaceholder(t))
    this.d.sink.claim(tables)
    const rebuilt: HistoryTable[] = []
    for (const t of tables) {
      if (this.aside.has(tableKey(t.database, t.table))) continue
      if ((await this.prepareAtStart(t, true)) === 'rebuilt') rebuilt.push(t)
    }
    return rebuilt
  }

  /** A target prepared before the stream starts; refused, the table is set aside. */
  private async prepareAtStart(t: HistoryTable, atStart: boolean): Promise<PrepareResult | 'refused'> {
    try {
      return await this.d.sink.prepareTable(t, { atStart })
    } catch (err) {
      if (!(err instanceof TargetRefusedError)) throw err
      this.d.state.saveTable(this.setAside(t, err.message))
      return 'refused'
    }
  }

  /**
   * Tables whose columns left out or masked (replicate.exclude_columns, replicate.mask) changed
   * since the last run: their targets take the new shape now (a column newly left out goes, with
   * its values) and they are copied again (the values of a column treated otherwise now are only
   * on the source).
   */
  private async reshaped(): Promise<HistoryTable[]> {
    const saved = this.d.state.selection
    if (saved === null || saved === selectionText(this.d.config.replicate)) return []
    const was = JSON.parse(saved) as { excludeColumns?: string[]; mask?: Record<string, MaskKind> }
    const before = new ColumnShaping({
      excludeColumns: was.excludeColumns ?? [],
      mask: new Map(Object.entries(was.mask ?? {})),
      maskSalt: '',
    })
    const now = new ColumnShaping({ ...this.d.config.replicate, maskSalt: '' })
    const treatments = (s: ColumnShaping, t: SourceTable) => t.columns.map((c) => s.treatment(t.database, t.table, c.name)).join(',')
    const out: HistoryTable[] = []
    for (const t of this.history.values()) {
      if (isPlaceholder(t) || this.aside.has(tableKey(t.database, t.table)) || treatments(before, t) === treatments(now, t)) continue
      this.d.log.info(
        'replicate.exclude_columns or replicate.mask changed for this table: its copy takes the new columns and is copied again',
        { table: tableName(t.database, t.table) },
      )
      if ((await this.prepareAtStart(t, false)) !== 'refused') out.push(t)
    }
    return out
  }

  /**
   * Tables [replicate] selects now and did not select at the last run (the config changed): they
   * enter and are copied. (A table merely missing from the history was made after the committed
   * position: the replayed CREATE brings it.)
   */
  private async entering(): Promise<HistoryTable[]> {
    const saved = this.d.state.selection
    if (saved === null || saved === selectionText(this.d.config.replicate)) return []
    const before = tableFilter({ replicate: JSON.parse(saved) as ChsyncConfig['replicate'] })
    const out: HistoryTable[] = []
    for (const [db, t] of await this.sourceTables()) {
      if (this.history.has(db, t) || before(db, t)) continue
      const table = await this.enter(db, t)
      if (!table || table === 'gone') continue
      this.history.set(table)
      if ((await this.prepareAtStart(table, false)) !== 'refused') out.push(table)
    }
    return out
  }

  /**
   * A table entering the replicated set: described now, with the point of the source it was
   * described at; null when it is not replicated (or left out), 'gone' when the source has it no
   * more under that name.
   */
  private readonly enter = async (db: string, t: string): Promise<HistoryTable | null | 'gone'> => {
    if (!this.chosen(db, t)) return null
    // The point before the description (see firstStart): what the stream does after it is applied.
    const now = await this.client.currentPosition()
    const table = await this.describe(db, t)
    if (!table || table === 'gone') return table
    this.d.log.info('table enters the replicated set; it is copied', { table: tableName(db, t) })
    return { ...table, since: { file: now.file, offset: now.offset, gtid: now.gtidSet ? now.gtidSet.toString() : null } }
  }

  private async rowEstimates(): Promise<Map<string, number>> {
    const rows = await this.client.sql.query<{ db: string; t: string; n: string | number | null }>(
      "SELECT TABLE_SCHEMA AS db, TABLE_NAME AS t, TABLE_ROWS AS n FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'",
    )
    return new Map(rows.map((r) => [tableKey(r.db, r.t), Number(r.n ?? 0)]))
  }

  /** Marks a table to be copied (again), committed with the position of this point; the copy starts after. */
  private requestCopy(t: SourceTable, version: bigint): void {
    const key = tableKey(t.database, t.table)
    this.d.log.info('table will be copied again', { table: tableName(t.database, t.table) })
    this.copyVersions.set(key, version)
    const failures = this.d.state.table(t.database, t.table)?.failures ?? 0
    this.flusher.tableWritten({
      database: t.database,
      table: t.table,
      stage: 'resync',
      snapshotVersion: version,
      cursor: null,
      rowsCopied: 0,
      rowsEstimate: 0,
      reason: null,
      failures,
    })
    void this.flusher
      .flush()
      .then(() => this.copyPending())
      .catch((err) => this.d.log.error('copy failed', { error: (err as Error).message }))
  }

  /**
   * Sets a table aside: its rows are skipped from now on, and it is tried again (a copy) after a
   * wait that doubles with each failure in a row. Returns its state, to commit.
   */
  private setAside(t: SourceTable, reason: string): TableState {
    const key = tableKey(t.database, t.table)
    const saved = this.d.state.table(t.database, t.table)
    const failures = this.aside.add(key, reason, saved?.failures ?? 0)
    this.copyVersions.delete(key)
    const state: TableState = {
      database: t.database,
      table: t.table,
      stage: 'failed',
      snapshotVersion: saved?.snapshotVersion ?? 0n,
      cursor: null,
      rowsCopied: 0,
      rowsEstimate: saved?.rowsEstimate ?? 0,
      reason,
      failures,
    }
    return state
  }

  /** Set-aside tables whose wait is over are copied again (the copy syncs their target first). */
  private retrySetAside(): void {
    if (!this.applier || this.stopping) return
    for (const key of this.aside.due()) {
      const t = this.history.byKey(key)
      if (!t) {
        this.forget(...splitTableKey(key))
        continue
      }
      this.d.log.info('trying a set-aside table again', { table: tableName(t.database, t.table), failures: this.aside.failuresOf(key) })
      this.applier.requestResync(t)
    }
  }

  /** A copy is asked for at a transaction boundary: a set-aside table takes rows again from there. */
  private readonly onCopyNeeded = (t: SourceTable, version: bigint): void => {
    this.aside.takeRowsAgain(tableKey(t.database, t.table))
    this.requestCopy(t, version)
  }

  /**
   * A table dropped on the source: its progress and any set-aside state go (in the state file
   * with the position of the drop). A table left out stays left out: the drop may be chsync's own,
   * of a copy the target can no longer hold (see notLeftOut for the source's drops).
   */
  private readonly forget = (database: string, table: string): void => {
    const key = tableKey(database, table)
    this.aside.forget(key)
    this.copyVersions.delete(key)
    this.flusher.tableForgotten(database, table)
  }

  /** A table renamed on the source: its copy progress and set-aside state follow it. */
  private readonly moved = (from: SourceTable, to: SourceTable): void => {
    const fromKey = tableKey(from.database, from.table)
    const toKey = tableKey(to.database, to.table)
    const saved = this.flusher.pendingTable(from.database, from.table) ?? this.d.state.table(from.database, from.table)
    const version = this.copyVersions.get(fromKey)
    this.aside.move(fromKey, toKey)
    this.forget(from.database, from.table)
    if (saved) this.flusher.tableWritten({ ...saved, database: to.database, table: to.table })
    if (version !== undefined) this.copyVersions.set(toKey, version)
  }

  private copying: Promise<void> | null = null
  /** True while copyPending copies tables (set and cleared with no await in between). */
  private copyRunning = false
  /** The "streaming" line of a stream that connected during the copy: said once the copy is done, so the log tells the start in order. */
  private streamingLine: Record<string, unknown> | null = null
  private streamingSaid = false

  /** Copies every table whose stage asks for it; one run at a time, repeated while work appears. */
  private copyPending(): Promise<void> {
    if (this.copying) return this.copying
    this.copying = (async () => {
      const { config, stats, log } = this.d
      this.copyRunning = true
      let copied = false
      const asked = (t: TableState) => needsCopy(t) && this.copyAsked(t)
      while (!this.stopping) {
        if (!this.d.state.tables().some(asked)) {
          // A copy asked for while this one ran and not committed yet: a table renamed under its
          // copy (the copy of the old name ends, its progress moves to the new name with the next
          // flush). It would otherwise wait for the next start.
          if (!this.flusher.pendingTables.some(asked)) break
          await this.flusher.flush()
          continue
        }
        if (!copied) await this.d.sink.lifeCycle?.snapshotStarted()
        copied = true
        stats.stage = 'snapshot'
        this.snapshotter = new Snapshotter(this.d.sink, this.flusher, this.d.state, stats, log, {
          source: sourceOptions(config, config.source.snapshotUrl ?? config.source.url),
          charsets: this.client.charsets,
          parallelism: config.snapshot.parallelism,
          chunkRows: config.snapshot.chunkRows,
          current: (t) => this.copyAsked(t),
          copied: (t) => this.copied(t),
          failed: (t, err) => this.flusher.tableWritten(this.setAside(t, `its copy failed: ${err.message}`)),
        })
        try {
          await this.snapshotter.run((key) => this.history.byKey(key))
        } catch (err) {
          // Stopped mid-copy: the chunks copied so far are committed by the shutdown's flush.
          if (err instanceof CopyStopped && (this.stopping || this.flusher.failed)) {
            if (this.flusher.failed) throw this.flusher.failed
            log.info('copy stopped; it resumes after the last committed row on the next start')
            return
          }
          throw err
        }
        if (stats.stage === 'snapshot') stats.stage = 'catchup'
        log.info('copy done')
      }
      if (stats.stage === 'snapshot') stats.stage = 'catchup'
      // Streaming as soon as the stream is caught up, not at the monitor's next look.
      void this.monitor?.look()
      if (copied && !this.stopping) await this.d.sink.lifeCycle?.snapshotFinished()
      this.announceStreaming()
    })().finally(() => {
      this.copyRunning = false
      this.streamingLine = null
      this.copying = null
    })
    return this.copying
  }

  /**
   * The copy this state stands for is the last one asked for (not set aside, renamed, dropped or
   * asked again since), and its target is not being changed right now.
   */
  private copyAsked(t: TableState): boolean {
    const key = tableKey(t.database, t.table)
    return this.copyVersions.get(key) === t.snapshotVersion && !this.held.has(key)
  }

  /** The copies of these tables stop writing, and none starts, until releaseCopies. */
  private readonly holdCopies = async (tables: readonly { database: string; table: string }[]): Promise<void> => {
    for (const t of tables) {
      this.held.add(tableKey(t.database, t.table))
      await this.snapshotter?.pause(t.database, t.table)
    }
  }

  /** The held copies go on (from their last committed row). */
  private readonly releaseCopies = (): void => {
    if (this.held.size === 0) return
    this.held.clear()
    void this.copyPending().catch((err) => this.d.log.error('copy failed', { error: (err as Error).message }))
  }

  /** A table's copy finished: if it had been set aside, it is back. */
  private copied(t: SourceTable): void {
    const key = tableKey(t.database, t.table)
    this.copyVersions.delete(key)
    if (this.aside.copied(key)) this.d.log.info('set-aside table copied again; it streams again', { table: tableName(t.database, t.table) })
  }

  /** The copy is done: the stream that connected during it is announced now (the story reads first start, copy, streaming). */
  private announceStreaming(): void {
    this.copyRunning = false
    if (this.streamingLine && !this.stopping) {
      this.d.log.info('streaming', this.streamingLine)
      this.streamingSaid = true
    }
    this.streamingLine = null
  }

  /** Streams the binlog; reconnects from the committed position when the connection drops. */
  private async streamLoop(): Promise<void> {
    const { config, stats, log } = this.d
    let delay = 500
    while (!this.stopping) {
      // Within the process a new stream goes on where the last one applied up to (past the
      // committed position while an XA transaction is prepared: its rows are still held here).
      const resume = this.applier?.resume
      const cp = resume?.last ?? this.flusher.lastCommitted
      const from: BinlogPosition = {
        file: cp.file,
        offset: cp.offset,
        gtidSet: cp.gtid !== null && this.client.info.gtidMode ? parseGtidSet(this.client.info.flavor, cp.gtid) : null,
      }
      const cascadeSkipped = (skip: CascadeSkip) => {
        stats.countError('cascade_skipped')
        log.warn('a foreign-key action the source did not log cannot be worked out; the child table may differ until resynced', { ...skip })
      }
      const applier = (this.applier = new BinlogApplier(
        this.d.sink,
        this.flusher,
        stats,
        log,
        {
          flavor: this.client.info.flavor,
          serverVersion: this.client.info.version,
          replicated: this.replicated,
          created: (db, t) => {
            if (!this.chosen(db, t)) return false
            const key = tableKey(db, t)
            if (this.leftOut.delete(key)) this.d.stats.tablesLeftOut.delete(key)
            return true
          },
          admit: this.admit,
          history: this.history,
          collations: this.collations!,
          stopSignal: this.stopped.signal,
          enter: this.enter,
          onCopyNeeded: this.onCopyNeeded,
          isSetAside: (db, t) => this.aside.has(tableKey(db, t)),
          setAside: (t, reason) => this.flusher.tableWritten(this.setAside(t, reason)),
          forget: this.forget,
          notLeftOut: (db, t) => {
            const key = tableKey(db, t)
            this.leftOut.delete(key)
            this.d.stats.tablesLeftOut.delete(key)
          },
          moved: this.moved,
          holdCopies: this.holdCopies,
          releaseCopies: this.releaseCopies,
          foreignKeys: new ForeignKeyActions({
            flavor: this.client.info.flavor,
            enabled: config.apply.emulateCascades,
            target: targetRows(this.d.sink, config, this.client.charsets, (t, reason) =>
              cascadeSkipped({ table: tableName(t.database, t.table), foreignKey: '', reason }),
            ),
            tables: () => this.history.values(),
            generation: () => this.history.generation,
            onSkip: cascadeSkipped,
          }),
        },
        resume,
      ))
      try {
        const budget = memoryBudget(config.apply.maxBufferBytes)
        const { stream, items } = await this.client.transactions(from, {
          serverId: config.source.serverId,
          heartbeatSeconds: config.source.heartbeatSeconds,
          maxBufferedBytes: budget.readAheadBytes,
          // Decoded rows are garbage once applied: collected often, the heap stays near the
          // buffers instead of growing by a multiple of them (memory-budget.ts).
          collectEveryBytes: budget.collectEveryBytes,
        })
        this.stream = stream
        // A stop that came while connecting: do not start reading.
        if (this.stopping) {
          stream.close()
          return
        }
        await this.d.sink.lifeCycle?.streamStarted()
        stats.waitingFor = null
        if (stats.stage === 'starting') stats.stage = 'catchup'
        const line = { file: from.file, offset: from.offset, gtid: cp.gtid }
        if (this.copyRunning && !this.streamingSaid) {
          log.debug('reading the binlog while tables are copied', line)
          this.streamingLine = line
        } else {
          log.info('streaming', line)
          this.streamingSaid = true
        }
        await applier.apply(items, () => (delay = 500))
        if (this.stopping) return
        throw new ReplicationError('the binlog stream ended')
      } catch (err) {
        if (this.stopping) return
        if (this.flusher.failed) throw this.flusher.failed
        const failure = streamFailure(err, config.source.serverId)
        if (failure instanceof Error) throw failure
        if (failure === 'position_lost') await this.positionLost(err as Error)
        else {
          stats.countError('source')
          stats.waitingFor = `source: ${(err as Error).message}`
          log.warn('replication stream interrupted; resuming from the last committed position', { error: (err as Error).message })
        }
        this.stream?.close()
        this.stream = null
        // What was written but not committed is written again, with the same versions.
        await this.flusher.flush()
        // Copies a DDL held until its commit, which this stream will not bring.
        this.releaseCopies()
        if (!(await pause(delay, this.stopped.signal))) return
        delay = Math.min(delay * 2, 30_000)
      }
    }
  }

  /** The source no longer has the binlog at the committed position: snapshot.on_position_lost decides. */
  private async positionLost(err: Error): Promise<void> {
    const { config, state, log } = this.d
    const cp = this.flusher.lastCommitted
    onPositionLost(config.snapshot.onPositionLost, cp, err)
    log.warn('the source no longer has the binlog chsync needs; copying every table again', { position: positionText(cp) })
    await this.flusher.flush()
    const fresh = restartPoint(await this.client.currentPosition(), this.flusher.lastWritten.version)
    const tables = [...this.history.values()].map((t): TableState => {
      this.copyVersions.set(tableKey(t.database, t.table), fresh.version)
      return {
        database: t.database,
        table: t.table,
        stage: 'resync',
        snapshotVersion: fresh.version,
        cursor: null,
        rowsCopied: 0,
        rowsEstimate: 0,
      }
    })
    state.commit(fresh, tables)
    this.flusher.restartAt(fresh)
    // Prepared XA transactions went with the lost binlog; the copy brings their outcome.
    this.applier = null
    void this.copyPending().catch((e) => log.error('copy failed', { error: (e as Error).message }))
  }

  /**
   * Copies tables again while the rest keeps streaming (names as db.table, a part in backquotes
   * when it holds a dot); a set-aside table is tried again at once. Returns the names accepted;
   * throws naming the ones that are not replicated.
   */
  resync(names: string[]): string[] {
    const tables = names.map((n) => {
      const pair = parseTableName(n)
      return pair ? this.history.get(...pair) : undefined
    })
    const unknown = names.filter((_, i) => !tables[i])
    if (unknown.length) throw new Error(`not a replicated table: ${unknown.join(', ')}`)
    if (!this.applier) throw new Error('not streaming yet; try again in a moment')
    for (const t of tables) {
      this.aside.tryNow(tableKey(t!.database, t!.table))
      this.applier.requestResync(t!)
    }
    this.d.log.info('resync requested', { tables: names })
    return names
  }

  /** Stops reading, flushes, commits. `now`: skip the final flush (second signal). */
  async stop(now = false): Promise<void> {
    if (this.stopping && !now) return
    this.stopping = true
    this.d.stats.stage = 'stopping'
    this.stopped.abort()
    // Still starting (no flusher yet, nothing read): a query waiting for the source to come back ends now.
    if (!this.flusher) this.client?.close()
    this.snapshotter?.stop()
    this.stream?.close()
    if (now) await this.flusher?.stop(true)
  }

  private async shutdown(): Promise<void> {
    this.stopping = true
    this.monitor?.stop()
    if (this.retryTimer) clearInterval(this.retryTimer)
    this.stream?.close()
    try {
      // After a failure nothing more may be committed: no final flush.
      if (this.flusher) await this.flusher.stop(Boolean(this.flusher.failed))
    } finally {
      await this.d.sink.close()
      this.client?.close()
    }
  }
}

function needsCopy(t: TableState): boolean {
  return t.stage === 'snapshot' || t.stage === 'resync'
}

/** A name quoted for MySQL. */
function sqlName(name: string): string {
  return '`' + name.replaceAll('`', '``') + '`'
}

/** The flush policy: [apply] with the batches' share of max_buffer_bytes, and the sink's own batching keys when it has them. */
function flushPolicy(config: ChsyncConfig, sink: Sink): ChsyncConfig['apply'] {
  return { ...config.apply, maxBufferBytes: memoryBudget(config.apply.maxBufferBytes).batchBytes, ...sink.batching }
}

/** [replicate] as the state file records it, to tell at the next start what changed (the masks as an object). */
function selectionText(replicate: ChsyncConfig['replicate']): string {
  return JSON.stringify({ ...replicate, mask: Object.fromEntries(replicate.mask) })
}
