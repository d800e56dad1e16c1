// The ClickHouse sink: one RowBinary batch per target table (batches.ts), inserted on flush a few
// at a time (insert-pool.ts). Tables follow the source's shape and DDL through TargetSchema
// (target-ddl.ts); a table whose batches ClickHouse refuses is reported (TablesRefusedError) so the
// pipeline can set it aside. Of the contract's capabilities it has the versions in its tables, the
// copy's text rows and the ownership of the tables it made.

import type { ClickHouseClient } from '@clickhouse/client'
import type { CharsetRegistry } from '../../binlog/index.ts'
import type { Stats } from '../../health/stats.ts'
import type { Logger } from '../../log/index.ts'
import { type DdlChange, type RowChange, ShapeChangedError, type SourceTable, sameShape, tableKey, tableName } from '../../model/index.ts'
import type { TimeType } from '../../schema/types/index.ts'
import {
  BaseSink,
  type DdlResult,
  type PrepareResult,
  type SinkStart,
  type SinkVersions,
  type SnapshotTextWriter,
  TablesRefusedError,
  type TargetOwnership,
  TargetRefusedError,
} from '../sink.ts'
import { PendingBatches, type PreparedTable } from './batches.ts'
import { TargetCatalog } from './catalog.ts'
import { ClampCounter, RowEncoder } from './encode/index.ts'
import { isTableRefusal } from './errors.ts'
import { insertBatches } from './insert-pool.ts'
import { ClickHouseServer } from './server.ts'
import { applyDdl } from './target-ddl.ts'
import { TargetSchema } from './target-schema.ts'
import { type TargetNaming, historyMode, ident, qualified, systemColumnClash, systemColumns } from './target-table.ts'
import { closeOrDropOlderRows, maxVersionIn } from './version-rows.ts'

export interface ClickHouseSinkOptions {
  url: string
  username: string
  password: string
  naming: TargetNaming
  /** target.time_type: what TIME columns of new tables become (resolved against the server at start). */
  timeType: 'auto' | TimeType
  /** PEM of the CA that signs the server's certificate (https). */
  caCert?: Buffer
  /** Inserts sent at the same time (default 4). */
  concurrency?: number
  /** apply.ignore_deletes: no tombstones, and a copy again removes nothing. */
  ignoreDeletes?: boolean
  log: Logger
  stats: Stats
}

export class ClickHouseSink extends BaseSink {
  readonly name = 'ClickHouse'
  private readonly clamps: ClampCounter
  private readonly server: ClickHouseServer
  private readonly schema: TargetSchema
  private readonly pending: PendingBatches
  private readonly prepared = new Map<string, PreparedTable>()
  /** The table of the last write and its preparation (looked up and checked once per table object). */
  private lastTable: SourceTable | null = null
  private lastPrepared: PreparedTable | null = null

  override readonly versions: SinkVersions = {
    maxVersion: (tables, committed) => maxVersionIn(this.server, this.schema, this.opts, tables, committed),
  }
  override readonly snapshotText: SnapshotTextWriter = {
    writeSnapshotText: (table, buf, at, version, charsets?: CharsetRegistry) =>
      this.pending.writeText(this.preparedCached(table), buf, at, version, charsets),
  }
  override readonly ownership: TargetOwnership = {
    adopt: (table) => this.schema.adopt(table),
    release: (table) => this.schema.release(table),
    dropUnclaimed: () => this.schema.dropUnclaimed(),
  }

  constructor(private readonly opts: ClickHouseSinkOptions) {
    super()
    this.server = new ClickHouseServer(opts)
    this.schema = new TargetSchema(
      new TargetCatalog((sql, params) => this.server.query(sql, params)),
      (sql, settings) => this.server.command(sql, settings),
      opts.naming,
      opts.log,
    )
    this.clamps = new ClampCounter((n) => {
      opts.stats.countError('value_clamped')
      opts.log.debug('value out of the target range, clamped', { column: n.column, value: n.value, written: n.clampedTo })
    })
    this.pending = new PendingBatches(this.clamps, opts.ignoreDeletes ?? false)
  }

  /** The HTTP client, for reading the target's rows back (ClickHouseTargetRows). */
  get client(): ClickHouseClient {
    return this.server.client
  }

  get pendingBytes(): number {
    return this.pending.bytes
  }

  get pendingRows(): number {
    return this.pending.changes
  }

  async start(ctx: SinkStart): Promise<void> {
    this.opts.naming.timeType = await this.server.connect({ timeType: this.opts.timeType, jsonType: this.opts.naming.jsonType })
    this.schema.setOwner(ctx.owner)
  }

  override cannotHold(source: SourceTable): string | null {
    return (
      systemColumnClash(
        source.columns.map((c) => c.name),
        source.primaryKey.length > 0,
        historyMode(this.opts.naming, source),
      ) ?? this.schema.cannotHold(source)
    )
  }

  override claim(tables: readonly SourceTable[]): void {
    for (const t of tables) this.schema.claim(t)
  }

  override async prepareTable(source: SourceTable, opts: { atStart?: boolean } = {}): Promise<PrepareResult> {
    let synced: Awaited<ReturnType<typeof this.schema.sync>>
    try {
      synced = await this.schema.sync(source, !opts.atStart)
    } catch (err) {
      // ClickHouse's answer about this table (not a failure in passing): the table is refused.
      if (isTableRefusal(err)) throw new TargetRefusedError(source, (err as Error).message, { cause: err })
      throw err
    }
    const { target, rebuilt } = synced
    const cols = [...target.columns.map((c) => c.name), ...systemColumns(target).map(([n]) => n)]
    const key = tableKey(source.database, source.table)
    const old = this.prepared.get(key)
    if (old) this.pending.moveAside(old)
    this.lastTable = null
    this.prepared.set(key, {
      target,
      encoder: new RowEncoder(target.columns, this.clamps),
      insertSql: `INSERT INTO ${qualified(target)} (${cols.map(ident).join(', ')}) FORMAT RowBinary`,
      key: source.primaryKey,
    })
    return rebuilt ? 'rebuilt' : 'ready'
  }

  override isPrepared(table: SourceTable): boolean {
    return this.prepared.has(tableKey(table.database, table.table))
  }

  override discard(table: SourceTable): void {
    this.pending.discard(table)
  }

  write(change: RowChange): void {
    this.pending.write(this.preparedCached(change.table), change)
  }

  applyDdl(ddl: DdlChange): Promise<DdlResult> {
    return applyDdl(ddl, {
      server: this.server,
      schema: this.schema,
      naming: this.opts.naming,
      prepared: (database, table) => this.prepared.get(tableKey(database, table)),
      prepareTable: (table) => this.prepareTable(table),
      forget: (database, table) => this.forget(database, table),
    })
  }

  async flush(): Promise<void> {
    const work = this.pending.take()
    const failed = await insertBatches(this.server, work, this.opts.concurrency ?? 4, this.opts.stats)
    this.pending.settle(work, new Set(failed.keys()))
    if (failed.size === 0) return
    // ClickHouse's own answer about a table (not a passing failure): the pipeline counts them.
    const refused = [...failed]
      .filter(([, err]) => isTableRefusal(err))
      .map(([b, err]) => ({ table: b.prepared.target.source, error: err as Error }))
    if (refused.length) throw new TablesRefusedError(refused)
    throw failed.values().next().value
  }

  override async snapshotDone(table: SourceTable, version: bigint): Promise<void> {
    const p = this.prepared.get(tableKey(table.database, table.table))
    if (version === 0n) return
    // Not silently: rows older than the copy (a resync's reason to be) would stay.
    if (!p)
      return this.opts.log.warn('a copy ended on a table whose target is not prepared: rows older than the copy stay', {
        table: tableName(table.database, table.table),
        version: String(version),
      })
    await closeOrDropOlderRows(this.server, p.target, this.opts, version)
    this.opts.log.debug('rows older than the copy removed', { table: tableName(table.database, table.table), version: String(version) })
  }

  close(): Promise<void> {
    return this.server.close()
  }

  /** preparedFor, remembered for the last table object written (rows come in runs of one table). */
  private preparedCached(table: SourceTable): PreparedTable {
    if (this.lastTable === table && this.lastPrepared) return this.lastPrepared
    const p = this.preparedFor(table)
    this.lastTable = table
    this.lastPrepared = p
    return p
  }

  /** The preparation of the table's target; throws when the row's shape is not the target's. */
  private preparedFor(table: SourceTable): PreparedTable {
    const p = this.prepared.get(tableKey(table.database, table.table))
    if (!p) throw new Error(`table ${table.database}.${table.table} was not prepared`)
    if (p.target.source !== table && !sameShape(p.target.source.columns, table.columns))
      throw new ShapeChangedError(`${table.database}.${table.table} changed shape`)
    return p
  }

  private forget(database: string, table: string): void {
    this.lastTable = null
    const key = tableKey(database, table)
    const p = this.prepared.get(key)
    if (p) this.pending.moveAside(p)
    this.prepared.delete(key)
  }
}
