// The main job: from the committed position (or a fresh start with a copy), keep the sink an exact
// copy of the replicated source tables. Owns the order of things: state, sink, tables, copy and
// stream, reconnects, and the way out.

import { BinlogClient, type BinlogPosition, type BinlogStream, CharsetRegistry, ReplicationError, parseGtidSet } from '../binlog/index.ts'
import type { ChsyncConfig } from '../config/index.ts'
import { tableFilter } from '../config/index.ts'
import type { Stats } from '../health/stats.ts'
import type { Logger } from '../log/index.ts'
import { type SourceTable, tableKey } from '../schema/model.ts'
import { CollationCatalog, type CollationRow, collationsQuery } from '../schema/changes/index.ts'
import { describeSourceTable } from '../schema/source/index.ts'
import type { Sink } from '../sink/sink.ts'
import { Snapshotter } from '../snapshot/snapshotter.ts'
import { CopyStopped } from '../snapshot/table-copy.ts'
import { sourceOptions } from '../source/source-options.ts'
import type { Checkpoint, SourceIdentity, StateStore } from '../state/index.ts'
import { BinlogApplier } from './binlog-apply.ts'
import { Flusher } from './flusher.ts'
import { SourceMonitor } from './source-monitor.ts'

/** The source no longer has the binlog chsync needs (purged, or another server). */
export class PositionLostError extends Error {
  readonly code = 'position_lost'
}

export interface ReplicatorDeps {
  config: ChsyncConfig
  state: StateStore
  sink: Sink & { maxVersion?(tables: SourceTable[]): Promise<bigint> }
  stats: Stats
  log: Logger
}

/** ER_MASTER_FATAL_ERROR_READING_BINLOG: the requested position or GTIDs are gone. */
const ERR_BINLOG_GONE = 1236

export class Replicator {
  private client!: BinlogClient
  private stream: BinlogStream | null = null
  private flusher!: Flusher
  private snapshotter: Snapshotter | null = null
  private monitor: SourceMonitor | null = null
  private stopping = false
  private applier: BinlogApplier | null = null
  private readonly tables = new Map<string, SourceTable>()
  private collations: CollationCatalog | null = null
  private readonly replicated: (db: string, table: string) => boolean
  /** Tables the sink cannot hold, with the reason: left out until a restart finds them changed. */
  private readonly leftOut = new Map<string, string>()

  constructor(private readonly d: ReplicatorDeps) {
    const chosen = tableFilter(d.config)
    this.replicated = (db, t) => chosen(db, t) && !this.leftOut.has(tableKey(db, t))
  }

  /** False (with a warning naming the table, once) when the sink cannot hold it: it is left out. */
  private readonly admit = (t: SourceTable): boolean => {
    const why = this.d.sink.cannotHold?.(t) ?? null
    if (why === null) return true
    const key = tableKey(t.database, t.table)
    if (!this.leftOut.has(key)) {
      this.d.log.warn('table left out: the target cannot hold it; the other tables replicate', { table: key, reason: why })
      this.d.stats.countError('table_unsupported')
    }
    this.leftOut.set(key, why)
    this.tables.delete(key)
    return false
  }

  /** Runs until stop() (resolves) or a failure it cannot ride out (rejects). */
  async run(): Promise<void> {
    const { config, stats, log } = this.d
    this.client = await this.connectWithRetry()
    const info = this.client.info
    log.info('connected to the source', { flavor: info.flavor, version: info.version, gtid: info.gtidMode })
    await this.d.sink.start()
    this.collations = CollationCatalog.of(await this.client.sql.query<CollationRow>(collationsQuery(info.flavor)))
    await this.loadTables()
    const checkpoint = await this.startingPoint()
    this.flusher = new Flusher(this.d.sink, this.d.state, stats, log, flushPolicy(config), checkpoint)
    // Nothing can be committed any more: end the stream, so the failure surfaces even when idle.
    this.flusher.onFailure = () => {
      this.snapshotter?.stop()
      this.stream?.close()
    }
    for (const t of this.tables.values()) {
      if ((await this.d.sink.prepareTable(t)) === 'rebuilt') this.requestCopy(t, checkpoint.version)
    }
    this.flusher.startTimer()
    this.monitor = new SourceMonitor(this.client, stats, () => this.stream, () => this.flusher.lastCommitted)
    this.monitor.start()

    try {
      if (config.snapshot.mode === 'initial_only') {
        await this.copyPending()
        log.info('initial copy finished; snapshot.mode = "initial_only", stopping')
        return
      }
      await Promise.all([this.streamLoop(), this.copyPending()])
    } finally {
      await this.shutdown()
    }
  }

  private async connectWithRetry(): Promise<BinlogClient> {
    let delay = 500
    for (let attempt = 1; ; attempt++) {
      try {
        return await BinlogClient.connect(sourceOptions(this.d.config))
      } catch (err) {
        if (attempt >= 10 || this.stopping) throw err
        this.d.stats.waitingFor = `source: ${(err as Error).message}`
        this.d.log.warn('cannot reach the source, retrying', { error: (err as Error).message, attempt })
        await Bun.sleep(delay)
        delay = Math.min(delay * 2, 30_000)
      }
    }
  }

  /** Every replicated table of the source, described from information_schema. */
  private async loadTables(): Promise<void> {
    const rows = await this.client.sql.query<{ db: string; t: string }>(
      "SELECT TABLE_SCHEMA AS db, TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY 1, 2",
    )
    const query = (sql: string, params: unknown[]) => this.client.sql.query(sql, params as never)
    for (const { db, t } of rows) {
      if (!this.replicated(db, t)) continue
      const shape = await describeSourceTable(query, db, t)
      const table = { database: db, table: t, columns: shape.columns, primaryKey: shape.primaryKey }
      if (this.admit(table)) this.tables.set(tableKey(db, t), table)
    }
    this.d.log.info('replicated tables', { count: this.tables.size })
  }

  private async describe(db: string, t: string): Promise<SourceTable | null> {
    try {
      const shape = await describeSourceTable((sql, params) => this.client.sql.query(sql, params as never), db, t)
      const table = { database: db, table: t, columns: shape.columns, primaryKey: shape.primaryKey }
      return this.admit(table) ? table : null
    } catch (err) {
      this.d.log.warn('cannot describe a table that entered the replicated set', { table: tableKey(db, t), error: (err as Error).message })
      return null
    }
  }

  /** The committed position, or on first start the source's current end with a copy of everything. */
  private async startingPoint(): Promise<Checkpoint> {
    const { state, config, log } = this.d
    const info = this.client.info
    const identity: SourceIdentity = { flavor: info.flavor, id: info.serverUuid ?? `server_id:${info.serverId}` }
    const known = state.identity
    let cp = state.checkpoint
    if (cp && known && (known.flavor !== identity.flavor || known.id !== identity.id)) {
      if (!cp.gtid || known.flavor !== identity.flavor)
        throw new PositionLostError(
          `the source is another server (${identity.id}, the state file was made with ${known.id}) and the position ` +
            `${cp.file}:${cp.offset} has no GTID set to find the same place there; point chsync at the original source, or start over with a new state file`,
        )
      log.warn('the source server changed; resuming from the GTID set', { was: known.id, now: identity.id, gtid: cp.gtid })
    }
    state.setIdentity(identity)
    if (!cp) {
      const now = await this.client.currentPosition()
      const max = this.d.sink.maxVersion ? await this.d.sink.maxVersion([...this.tables.values()]) : 0n
      cp = { file: now.file, offset: now.offset, gtid: now.gtidSet ? now.gtidSet.toString() : null, version: max > 0n ? max + 1n : 0n }
      state.commit(cp)
      log.info('first start: streaming from the source\'s current position', { file: cp.file, offset: cp.offset, gtid: cp.gtid })
    }
    // Tables never seen before are copied (unless snapshot.mode = "never").
    const estimates = await this.rowEstimates()
    for (const t of this.tables.values()) {
      if (state.table(t.database, t.table)) continue
      state.saveTable({
        database: t.database,
        table: t.table,
        stage: config.snapshot.mode === 'never' ? 'streaming' : 'snapshot',
        snapshotVersion: cp.version,
        cursor: null,
        rowsCopied: 0,
        rowsEstimate: estimates.get(tableKey(t.database, t.table)) ?? 0,
      })
    }
    return cp
  }

  private async rowEstimates(): Promise<Map<string, number>> {
    const rows = await this.client.sql.query<{ db: string; t: string; n: string | number | null }>(
      "SELECT TABLE_SCHEMA AS db, TABLE_NAME AS t, TABLE_ROWS AS n FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'",
    )
    return new Map(rows.map((r) => [tableKey(r.db, r.t), Number(r.n ?? 0)]))
  }

  /** Marks a table to be copied (again) and makes sure a copy runs. */
  private requestCopy(t: SourceTable, version: bigint, start = true): void {
    this.d.log.info('table will be copied again', { table: tableKey(t.database, t.table) })
    this.d.state.saveTable({ database: t.database, table: t.table, stage: 'resync', snapshotVersion: version, cursor: null, rowsCopied: 0, rowsEstimate: 0 })
    if (start && this.flusher) void this.copyPending().catch((err) => this.d.log.error('copy failed', { error: (err as Error).message }))
  }

  private copying: Promise<void> | null = null

  /** Copies every table whose stage asks for it; one run at a time, repeated while work appears. */
  private copyPending(): Promise<void> {
    if (this.copying) return this.copying
    this.copying = (async () => {
      const { config, stats, log } = this.d
      let copied = false
      while (!this.stopping && this.d.state.tables().some((t) => t.stage !== 'streaming')) {
        if (!copied) await this.d.sink.snapshotStarted?.()
        copied = true
        stats.stage = 'snapshot'
        this.snapshotter = new Snapshotter(this.d.sink, this.flusher, this.d.state, stats, log, {
          source: sourceOptions(config, config.source.snapshotUrl ?? config.source.url),
          charsets: new CharsetRegistry(this.client.info.collations),
          parallelism: config.snapshot.parallelism,
          chunkRows: config.snapshot.chunkRows,
        })
        try {
          await this.snapshotter.run((key) => this.tables.get(key))
        } catch (err) {
          // Stopped mid-copy: the chunks copied so far are committed by the shutdown's flush.
          if (err instanceof CopyStopped && (this.stopping || this.flusher.failed)) {
            if (this.flusher.failed) throw this.flusher.failed
            log.info('copy stopped; it resumes from the last committed chunk on the next start')
            return
          }
          throw err
        }
        if (stats.stage === 'snapshot') stats.stage = 'catchup'
        log.info('copy done')
      }
      if (copied && !this.stopping) await this.d.sink.snapshotFinished?.()
    })().finally(() => (this.copying = null))
    return this.copying
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
      const applier = (this.applier = new BinlogApplier(this.d.sink, this.flusher, stats, log, {
        flavor: this.client.info.flavor,
        serverVersion: this.client.info.version,
        replicated: this.replicated,
        admit: this.admit,
        tables: this.tables,
        collations: this.collations!,
        onCopyNeeded: (t, version) => this.requestCopy(t, version),
        describe: (db, t) => this.describe(db, t),
      }, resume))
      try {
        const { stream, items } = await this.client.transactions(from, {
          serverId: config.source.serverId,
          heartbeatSeconds: config.source.heartbeatSeconds,
        })
        this.stream = stream
        // A stop that came while connecting: do not start reading.
        if (this.stopping) {
          stream.close()
          return
        }
        await this.d.sink.streamStarted?.()
        stats.waitingFor = null
        if (stats.stage === 'starting') stats.stage = 'catchup'
        log.info('streaming', { file: from.file, offset: from.offset, gtid: cp.gtid })
        await applier.apply(items, () => (delay = 500))
        if (this.stopping) return
        throw new ReplicationError('the binlog stream ended')
      } catch (err) {
        if (this.stopping) return
        if (this.flusher.failed) throw this.flusher.failed
        if (err instanceof ReplicationError && err.serverErrno === ERR_BINLOG_GONE) await this.positionLost(err)
        else {
          stats.countError('source')
          stats.waitingFor = `source: ${(err as Error).message}`
          log.warn('replication stream interrupted; resuming from the last committed position', { error: (err as Error).message })
        }
        this.stream?.close()
        this.stream = null
        // What was written but not committed is written again, with the same versions.
        await this.flusher.flush()
        await Bun.sleep(delay)
        delay = Math.min(delay * 2, 30_000)
      }
    }
  }

  private async positionLost(err: ReplicationError): Promise<void> {
    const { config, state, log } = this.d
    const cp = this.flusher.lastCommitted
    const where = cp.gtid ? `GTID set ${cp.gtid}` : `${cp.file}:${cp.offset}`
    if (config.snapshot.onPositionLost !== 'resnapshot')
      throw new PositionLostError(
        `the source no longer has the binlog at ${where} (${err.message}); set snapshot.on_position_lost = "resnapshot" to copy everything again`,
      )
    log.warn('the source no longer has the binlog chsync needs; copying every table again', { position: where })
    await this.flusher.flush()
    const now = await this.client.currentPosition()
    // Above every version written so far: the new copy wins over all old rows, which it then removes.
    const fresh: Checkpoint = { file: now.file, offset: now.offset, gtid: now.gtidSet ? now.gtidSet.toString() : null, version: this.flusher.lastWritten.version + 1n }
    state.transaction(() => {
      state.commit(fresh)
      for (const t of this.tables.values()) this.requestCopy(t, fresh.version, false)
    })
    this.flusher.restartAt(fresh)
    // Prepared XA transactions went with the lost binlog; the copy brings their outcome.
    this.applier = null
    void this.copyPending().catch((e) => log.error('copy failed', { error: (e as Error).message }))
  }

  /**
   * Copies tables again while the rest keeps streaming ("db.table" names). Returns the names
   * accepted; throws naming the ones that are not replicated.
   */
  resync(names: string[]): string[] {
    const unknown = names.filter((n) => !this.tables.has(n))
    if (unknown.length) throw new Error(`not a replicated table: ${unknown.join(', ')}`)
    if (!this.applier) throw new Error('not streaming yet; try again in a moment')
    for (const n of names) this.applier.requestResync(this.tables.get(n)!)
    this.d.log.info('resync requested', { tables: names })
    return names
  }

  /** Stops reading, flushes, commits. `now`: skip the final flush (second signal). */
  async stop(now = false): Promise<void> {
    if (this.stopping && !now) return
    this.stopping = true
    this.d.stats.stage = 'stopping'
    this.snapshotter?.stop()
    this.stream?.close()
    if (now) await this.flusher?.stop(true)
  }

  private async shutdown(): Promise<void> {
    this.stopping = true
    this.monitor?.stop()
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

/** The flush policy: the change feed's batching keys when it is the sink, [apply] otherwise. */
function flushPolicy(config: ChsyncConfig): ChsyncConfig['apply'] {
  if (config.sink.kind !== 'ndjson') return config.apply
  return { ...config.apply, batchRows: config.sink.ndjson.batchRows, flushIntervalMs: config.sink.ndjson.flushIntervalMs }
}
