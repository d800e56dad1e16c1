// The ClickHouse sink: one RowBinary batch per target table, inserted on flush. Inserts are
// idempotent by design — every row carries its `_version` — so a batch that failed half-way is
// simply sent again. Tables and DDL are kept in line by TargetSchema; a table whose batches
// ClickHouse refuses is reported (TablesRefusedError) so the pipeline can set it aside.

import { Readable } from 'node:stream'
import { type ClickHouseClient, ClickHouseError, createClient } from '@clickhouse/client'
import {
  type Cell,
  type DdlChange,
  type Row,
  type RowChange,
  sameShape,
  type SchemaChange,
  ShapeChangedError,
  type SourceTable,
  tableKey,
} from '../../model/index.ts'
import type { CharsetRegistry } from '../../binlog/index.ts'
import type { Stats } from '../../health/stats.ts'
import type { Logger } from '../../log/index.ts'
import { type DdlResult, type PrepareResult, type Sink, type SinkStart, TablesRefusedError, TargetRefusedError } from '../sink.ts'
import type { TargetColumn, TimeType } from '../../schema/types/index.ts'
import { PermanentError, TransientError, isTransient } from '../../retry/index.ts'
import { parseSnapshotCell } from '../../source/index.ts'
import { TargetCatalog } from './catalog.ts'
import { clientLog } from './client-log.ts'
import { CHUNK_BYTES, ClampCounter, RowBinaryWriter, RowEncoder, type TextValueEncoder, columnEncoder, encodeTextRow, keyHash, textValueEncoder } from './encode/index.ts'
import { isTableRefusal } from './errors.ts'
import { literal } from './ownership.ts'
import { ClickHouseVersionError, FEATURE_SETTINGS, checkJsonType, serverFeatures, timeTypeFor, typeSettings } from './server-features.ts'
import { TargetSchema } from './target-schema.ts'
import { closeMissingKeysSql, encodeHistory } from './history.ts'
import { type TargetNaming, type TargetTable, historyMode, ident, onCluster, qualified, systemColumnClash, systemColumns, targetColumn } from './target-table.ts'

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

interface Prepared {
  target: TargetTable
  encoder: RowEncoder
  insertSql: string
  /** Primary key column indexes; empty when keyless. */
  key: number[]
  /** Encoders of copied rows in the text protocol's form, made on first use (for these charsets). */
  text?: { charsets: CharsetRegistry | undefined; encoders: TextValueEncoder[] }
}

interface Batch {
  prepared: Prepared
  writer: RowBinaryWriter
  /** Rows encoded (an update that moves a key writes two). */
  rows: number
  /** Changes written into it. */
  changes: number
}

export class ClickHouseSink implements Sink {
  readonly name = 'ClickHouse'
  readonly client: ClickHouseClient
  readonly clamps: ClampCounter
  private readonly prepared = new Map<string, Prepared>()
  private batches = new Map<Prepared, Batch>()
  /** Batches a failed flush could not deliver; sent first next time. */
  private retry: Batch[] = []
  private bytes = 0
  private rows = 0
  /** The table of the last write and its preparation (looked up and checked once per table object). */
  private lastTable: SourceTable | null = null
  private lastPrepared: Prepared | null = null
  private readonly schema: TargetSchema
  /** What SELECT version() answered at start. */
  serverVersion = ''
  /** Settings each request carries so the types chsync uses can be made (server-features.ts). */
  private typeSettings: Record<string, string> = {}

  constructor(private readonly opts: ClickHouseSinkOptions) {
    this.client = createClient({
      url: opts.url,
      username: opts.username,
      password: opts.password,
      request_timeout: 300_000,
      compression: { request: false, response: false },
      clickhouse_settings: { async_insert: 0, wait_end_of_query: 1 },
      tls: opts.caCert ? { ca_cert: opts.caCert } : undefined,
      log: clientLog(opts.log),
    })
    this.schema = new TargetSchema(new TargetCatalog((sql, params) => this.query(sql, params)), (sql, settings) => this.command(sql, settings), opts.naming, opts.log)
    this.clamps = new ClampCounter((n) => {
      opts.stats.countError('value_clamped')
      opts.log.debug('value out of the target range, clamped', { column: n.column, value: n.value, written: n.clampedTo })
    })
  }

  get pendingBytes(): number {
    return this.bytes
  }

  get pendingRows(): number {
    return this.rows
  }

  async start(ctx: SinkStart): Promise<void> {
    const ok = await this.client.ping()
    if (!ok.success) {
      const cause = (ok as { error?: Error }).error
      throw new Error(`ClickHouse at ${this.opts.url} does not answer: ${cause?.message ?? 'ping failed'}`, { cause })
    }
    // Something answering HTTP is not enough: nothing may be "copied" into a server that is not ClickHouse.
    const [row] = await this.query<{ v: string }>('SELECT version() AS v').catch((err: Error) => {
      // ClickHouse's own answer: busy (tried again) or about the account or the statement (not).
      if (err instanceof ClickHouseError) throw isTableRefusal(err) ? err : new TransientError(`ClickHouse at ${this.opts.url}: ${err.message}`, { cause: err })
      if (isTransient(err)) throw err
      throw new PermanentError(`${this.opts.url} does not answer as ClickHouse does (SELECT version(): ${err.message}); check target.url`, { cause: err })
    })
    if (!row || !/^\d+\.\d+/.test(String(row.v)))
      throw new PermanentError(`${this.opts.url} does not answer as ClickHouse does (SELECT version() gave ${JSON.stringify(row)}); check target.url`)
    this.serverVersion = String(row.v)
    await this.readFeatures()
    this.schema.setOwner(ctx.owner)
  }

  /**
   * Which types the server has: TIME becomes Time64 where it exists (else the text as String, as
   * target.time_type allows), JSON only where ClickHouse has it; an older server than chsync works
   * with is refused.
   */
  private async readFeatures(): Promise<void> {
    const rows = await this.query<{ name: string; value: string }>('SELECT name, value FROM system.settings WHERE name IN {names:Array(String)}', { names: FEATURE_SETTINGS })
    const settings = new Map(rows.map((r) => [r.name, String(r.value)]))
    let timeType: TimeType
    try {
      const features = serverFeatures(this.serverVersion, settings)
      checkJsonType(features, this.opts.naming.jsonType)
      timeType = timeTypeFor(features, this.opts.timeType)
    } catch (err) {
      if (err instanceof ClickHouseVersionError) throw new PermanentError(`ClickHouse at ${this.opts.url}: ${err.message}`, { cause: err })
      throw err
    }
    this.opts.naming.timeType = timeType
    this.typeSettings = typeSettings(settings, { time64: timeType === 'Time64', json: this.opts.naming.jsonType === 'JSON' })
    // The settings chsync sends with its statements, named only when there are any.
    const sent = Object.keys(this.typeSettings).length ? { settings: this.typeSettings } : {}
    this.opts.log.info('ClickHouse server', { version: this.serverVersion, time_type: timeType, ...sent })
  }

  /** Why the target cannot hold this table (it is left out), or null. */
  cannotHold(source: SourceTable): string | null {
    return systemColumnClash(source.columns.map((c) => c.name), source.primaryKey.length > 0, historyMode(this.opts.naming, source)) ?? this.schema.cannotHold(source)
  }

  claim(tables: readonly SourceTable[]): void {
    for (const t of tables) this.schema.claim(t)
  }

  /** Drops the tables of this chsync no tracked table claims (TargetSchema.dropUnclaimed); after claim and the preparations. */
  dropUnclaimed(): Promise<void> {
    return this.schema.dropUnclaimed()
  }

  /** The copy of a table no longer replicated stays, no longer marked as this chsync's. */
  release(source: SourceTable): Promise<void> {
    return this.schema.release(source)
  }

  /** Marks the copy an older chsync made of `source` as this chsync's (a state file without schema history). */
  adopt(source: SourceTable): Promise<void> {
    return this.schema.adopt(source)
  }

  async prepareTable(source: SourceTable, opts: { atStart?: boolean } = {}): Promise<PrepareResult> {
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
    if (old) this.moveBatch(old)
    this.lastTable = null
    this.prepared.set(key, {
      target,
      encoder: new RowEncoder(target.columns, this.clamps),
      insertSql: `INSERT INTO ${qualified(target)} (${cols.map(ident).join(', ')}) FORMAT RowBinary`,
      key: source.primaryKey,
    })
    return rebuilt ? 'rebuilt' : 'ready'
  }

  isPrepared(table: SourceTable): boolean {
    return this.prepared.has(tableKey(table.database, table.table))
  }

  /** Drops the pending rows of a table that was set aside. */
  discard(table: SourceTable): void {
    // Every batch of the table, also those of an earlier preparation of it (moved aside when it was prepared again).
    const key = tableKey(table.database, table.table)
    const ofTable = (b: Batch) => tableKey(b.prepared.target.source.database, b.prepared.target.source.table) === key
    const dropped = [...this.retry.filter(ofTable), ...[...this.batches.values()].filter(ofTable)]
    this.retry = this.retry.filter((b) => !ofTable(b))
    for (const b of dropped) this.batches.delete(b.prepared)
    for (const b of dropped) {
      this.bytes -= b.writer.length
      this.rows -= b.changes
    }
  }

  write(change: RowChange): void {
    const p = this.preparedCached(change.table)
    const b = this.batchOf(p)
    const w = b.writer
    const before = w.length
    const keyless = p.target.keyless
    const enc = p.encoder
    const v = change.version
    // A history table keeps every delete (apply.ignore_deletes is for replacing tables), and each
    // of its rows ends with `_op` and `_ts`.
    const history = p.target.history
    const deletes = history || !this.opts.ignoreDeletes
    const ts = change.timestampMs
    switch (change.kind) {
      case 'insert':
      case 'snapshot':
        enc.encode(w, change.after!, v, false, keyless ? keyHash(change.after!) : undefined)
        if (history) encodeHistory(w, 'insert', ts)
        b.rows++
        break
      case 'delete':
        if (!deletes) break
        enc.encode(w, change.before!, v, true, keyless ? keyHash(change.before!) : undefined)
        if (history) encodeHistory(w, 'delete', ts)
        b.rows++
        break
      case 'update': {
        const bk = keyless ? keyHash(change.before!) : undefined
        const ak = keyless ? keyHash(change.after!) : undefined
        // A new key leaves the old one behind: it gets a tombstone (a delete in the history).
        if (deletes && (keyless ? bk !== ak : !sameKey(change.before!, change.after!, p.key))) {
          enc.encode(w, change.before!, v, true, bk)
          if (history) encodeHistory(w, 'delete', ts)
          b.rows++
        }
        enc.encode(w, change.after!, v, false, ak)
        if (history) encodeHistory(w, 'update', ts)
        b.rows++
        break
      }
    }
    b.changes++
    this.bytes += w.length - before
    this.rows++
  }

  /**
   * A copied row (kind "snapshot") straight from the text protocol: value i of the table's select
   * list is buf[at[2i]..at[2i+1]) (-1: NULL). Writes exactly what write() writes for the row's Cells
   * (parseSnapshotCell with `charsets`). false: not done, give write() the Cells (keyless tables,
   * whose `_key` hashes the Cells).
   */
  writeSnapshotText(table: SourceTable, buf: Buffer, at: Int32Array, version: bigint, charsets?: CharsetRegistry): boolean {
    const p = this.preparedCached(table)
    if (p.target.keyless) return false
    if (!p.text || p.text.charsets !== charsets) p.text = { charsets, encoders: p.target.columns.map((c) => textValueEncoder(c, this.clamps, charsets)) }
    const b = this.batchOf(p)
    const w = b.writer
    const before = w.length
    encodeTextRow(w, p.text.encoders, buf, at, version)
    if (p.target.history) encodeHistory(w, 'insert', Date.now())
    b.rows++
    b.changes++
    this.bytes += w.length - before
    this.rows++
    return true
  }

  /** preparedFor, remembered for the last table object written (rows come in runs of one table). */
  private preparedCached(table: SourceTable): Prepared {
    if (this.lastTable === table && this.lastPrepared) return this.lastPrepared
    const p = this.preparedFor(table)
    this.lastTable = table
    this.lastPrepared = p
    return p
  }

  /** The preparation of the table's target; throws when the row's shape is not the target's. */
  private preparedFor(table: SourceTable): Prepared {
    const p = this.prepared.get(tableKey(table.database, table.table))
    if (!p) throw new Error(`table ${table.database}.${table.table} was not prepared`)
    if (p.target.source !== table && !sameShape(p.target.source.columns, table.columns))
      throw new ShapeChangedError(`${table.database}.${table.table} changed shape`)
    return p
  }

  private batchOf(p: Prepared): Batch {
    let b = this.batches.get(p)
    if (!b) {
      b = { prepared: p, writer: new RowBinaryWriter(), rows: 0, changes: 0 }
      this.batches.set(p, b)
    }
    return b
  }

  async applyDdl(ddl: DdlChange): Promise<DdlResult> {
    const result: DdlResult = { rebuilt: [], refused: [] }
    const copy = (t: SourceTable) => {
      if (!result.rebuilt.some((r) => r.database === t.database && r.table === t.table)) result.rebuilt.push(t)
    }
    for (const c of ddl.changes) {
      const subject = subjectOf(c, ddl)
      try {
        await this.applyChange(c, ddl, copy)
      } catch (err) {
        // The target will not follow this table: it is set aside, the others go on.
        if (subject && (err instanceof TargetRefusedError || isTableRefusal(err))) result.refused.push({ table: subject, reason: (err as Error).message })
        else throw err
      }
    }
    return result
  }

  /** One change, each step checked against the target's real state (applied again after a crash, it does nothing more). */
  private async applyChange(c: SchemaChange, ddl: DdlChange, copy: (t: SourceTable) => void): Promise<void> {
    const naming = this.opts.naming
    const before = (database: string, table: string) => ddl.before.find((t) => t.database === database && t.table === table)
    switch (c.kind) {
      case 'create_table':
        // A new table starts empty; its rows follow as row events.
        await this.prepareTable(c.table)
        return
      case 'drop_table': {
        const t = before(c.database, c.table)
        if (t) await this.schema.drop(t)
        this.forget(c.database, c.table)
        return
      }
      case 'truncate_table': {
        const t = before(c.database, c.table)
        // A history table keeps its rows: the copy that follows closes every key it no longer has
        // with a delete (snapshotDone), at a version of the truncate's own.
        if (t && this.prepared.get(tableKey(t.database, t.table))?.target.history) copy(t)
        else if (t) await this.schema.truncate(t)
        return
      }
      case 'rename_table':
        this.forget(c.from.database, c.from.table)
        break
      case 'add_column': {
        const col = targetColumn(c.database, c.table, c.column, naming, this.schema.timeTypeOf(c.after))
        // The rows already there get what the source filled in, as the column's DEFAULT.
        let fill: string | null = null
        if (c.fill.kind === 'value') {
          fill = await this.literal(col, c.fill.raw)
          if (fill === null) copy(c.after)
        } else if (c.fill.kind === 'unknown') copy(c.after)
        const i = c.after.columns.findIndex((x) => x.name === c.column.name)
        const place = i > 0 ? `AFTER ${ident(c.after.columns[i - 1].name)}` : 'FIRST'
        await this.schema.addColumn(c.after, col.name, col.type, fill, place)
        break
      }
      case 'modify_column': {
        const p = this.prepared.get(tableKey(c.database, c.table))
        const old = p?.target.columns.find((x) => x.name === c.oldName)
        const col = targetColumn(c.database, c.table, c.column, naming, this.schema.timeTypeOf(c.after))
        const isKey = p?.target.source.primaryKey.some((k) => p.target.columns[k].name === c.oldName) ?? false
        if (c.oldName !== c.column.name && !isKey) await this.schema.renameColumn(c.after, c.oldName, c.column.name)
        if (old && old.type !== col.type) {
          // The source converted every row without a row event: the column is filled again by a copy
          // (a key column: the table starts over when prepared below).
          if (!isKey) await this.schema.dropColumnUnless(c.after, col.name, col.type)
          copy(c.after)
        }
        break
      }
      case 'rename_column': {
        const p = this.prepared.get(tableKey(c.database, c.table))
        const isKey = p?.target.source.primaryKey.some((k) => p.target.columns[k].name === c.from) ?? false
        // A key column cannot be renamed in ClickHouse: the table starts over when prepared below.
        if (!isKey) await this.schema.renameColumn(c.after, c.from, c.to)
        break
      }
      default:
        break
    }
    if ('after' in c && c.after) {
      if ((await this.prepareTable(c.after)) === 'rebuilt') copy(c.after)
      // Rows of a keyless table are keyed by a hash of all their values: a column change gives
      // every row a new key, so the table is copied again (the old keys go with the copy's cleanup).
      const columnChange = c.kind === 'add_column' || c.kind === 'drop_column' || c.kind === 'modify_column' || c.kind === 'rename_column'
      if (columnChange && c.after.primaryKey.length === 0) copy(c.after)
    }
  }

  async flush(): Promise<void> {
    // Everything written before this call is this flush's; later writes start new batches.
    const work = [...this.retry, ...this.batches.values()].filter((b) => b.rows > 0)
    this.retry = []
    this.batches = new Map()
    const failed = new Map<Batch, unknown>()
    const queue = [...work]
    const worker = async () => {
      for (let b = queue.shift(); b; b = queue.shift()) {
        try {
          await this.insert(b)
          this.opts.stats.batches++
          this.opts.stats.batchRows.observe(b.rows)
        } catch (err) {
          failed.set(b, await this.refusalBehind(b, err))
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency ?? 4, queue.length) }, worker))
    let sentBytes = 0
    let sentRows = 0
    for (const b of work) {
      if (failed.has(b)) continue
      sentBytes += b.writer.length
      sentRows += b.changes
    }
    this.bytes -= sentBytes
    this.rows -= sentRows
    if (failed.size) {
      // Batches moved aside while the flush ran (a table prepared again) stay, after the failed ones.
      this.retry = [...failed.keys(), ...this.retry]
      // ClickHouse's own answer about a table (not a passing failure): the pipeline counts them.
      const refused = [...failed].filter(([, err]) => isTableRefusal(err)).map(([b, err]) => ({ table: b.prepared.target.source, error: err as Error }))
      if (refused.length) throw new TablesRefusedError(refused)
      throw failed.values().next().value
    }
  }

  /**
   * ClickHouse may refuse an INSERT (a column it does not have) and close the connection while the
   * body is still on its way: the client then sees a broken connection, not the server's answer.
   * The same INSERT without rows gets the answer; a failure it does not reproduce stays as it was.
   */
  private async refusalBehind(b: Batch, err: unknown): Promise<unknown> {
    if (isTableRefusal(err)) return err
    try {
      await this.command(b.prepared.insertSql.replace(/ FORMAT RowBinary$/, ' VALUES'))
    } catch (probe) {
      if (isTableRefusal(probe)) return probe
    }
    return err
  }

  private async insert(b: Batch): Promise<void> {
    const r = await this.client.exec({ query: b.prepared.insertSql, values: Readable.from(slices(b.writer)), clickhouse_settings: this.typeSettings })
    // Read the (empty) answer to its end: destroyed unread, the socket cannot be used again and
    // the client warns about it on every insert.
    for await (const _ of r.stream) void _
  }

  /**
   * A value as a ClickHouse expression of the column's type, exact: encoded like any row value,
   * read back as text through the format() table function and cast again. null when the value
   * does not encode (the caller copies the table instead).
   */
  private async literal(col: TargetColumn, raw: Buffer): Promise<string | null> {
    let bytes: Buffer
    try {
      const w = new RowBinaryWriter(256)
      columnEncoder(col, new ClampCounter())(w, parseSnapshotCell(raw, col.source))
      bytes = Buffer.from(w.bytes())
    } catch {
      return null
    }
    const data = [...bytes].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')
    const [row] = await this.query<{ h: string }>(`SELECT hex(toString(v)) AS h FROM format(RowBinary, ${literal(`v ${col.type}`)}, '${data}')`)
    return `CAST(unhex('${row.h}') AS ${col.type})`
  }

  /**
   * After a table's copy: rows older than the copy (left by an earlier copy or by a stream that
   * lost its position) are removed (closed with deletes in a history table).
   */
  async snapshotDone(table: SourceTable, version: bigint): Promise<void> {
    const p = this.prepared.get(tableKey(table.database, table.table))
    if (!p || version === 0n) return
    // A history table keeps every row: what the source no longer has is closed with a delete.
    if (p.target.history) return this.command(closeMissingKeysSql(p.target, version))
    // Rows the source no longer has stay when deletes are ignored.
    if (this.opts.ignoreDeletes) return
    await this.command(`ALTER TABLE ${qualified(p.target)}${onCluster(this.opts.naming)} DELETE WHERE _version < ${version}`, { mutations_sync: '2' })
  }

  /**
   * At start, before the replay: the highest `_version` in the copies of these tables (0 when
   * there are none), so that a counter above it makes every change written from now on win. A
   * history table holding versions above the committed counter (written by a run that crashed
   * before committing them) loses them, so the replay's rows are the only ones whatever versions
   * it numbers them with. One read of each table's versions: after a clean stop nothing is above.
   */
  async maxVersion(tables: SourceTable[], committed: bigint): Promise<bigint> {
    let max = 0n
    for (const t of tables) {
      const at = t.targetId === undefined ? null : await this.schema.locate(t)
      if (!at) continue
      const [row] = await this.query<{ v: string }>(`SELECT max(_version) AS v FROM ${qualified(at)}`)
      const v = BigInt(row?.v ?? '0')
      if (v > committed && (await this.schema.isHistory(at))) {
        this.opts.log.info('removing history rows past the committed position (the replay writes them again)', { table: qualified(at), above_version: committed.toString(), up_to_version: v.toString() })
        await this.command(`ALTER TABLE ${qualified(at)}${onCluster(this.opts.naming)} DELETE WHERE _version > ${committed}`, { mutations_sync: '2' })
        continue
      }
      if (v > max) max = v
    }
    return max
  }

  async close(): Promise<void> {
    await this.client.close()
  }

  private forget(database: string, table: string): void {
    this.lastTable = null
    const key = tableKey(database, table)
    const p = this.prepared.get(key)
    if (p) this.moveBatch(p)
    this.prepared.delete(key)
  }

  /** Keeps a table's pending rows when its preparation is replaced (they keep their own columns). */
  private moveBatch(p: Prepared): void {
    const b = this.batches.get(p)
    if (!b) return
    this.batches.delete(p)
    this.retry.push(b)
  }

  async command(query: string, settings: Record<string, string> = {}): Promise<void> {
    await this.client.command({ query, clickhouse_settings: { ...this.typeSettings, ...settings } })
  }

  async query<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const rs = await this.client.query({ query, query_params: params, format: 'JSONEachRow', clickhouse_settings: { ...this.typeSettings, output_format_json_quote_64bit_integers: 1 } })
    return (await rs.json()) as T[]
  }
}

/**
 * A batch as views of at most 1 MiB. Handed over whole, a batch of tens of MB is copied again by
 * the socket's write path (joined with the request head into one buffer); in slices, the stream's
 * back-pressure keeps what waits to be written small. Chunks are at most that big, except one
 * holding a bigger value.
 */
function* slices(writer: RowBinaryWriter): Generator<Buffer> {
  for (const chunk of writer.chunks()) {
    for (let at = 0; at < chunk.length; at += CHUNK_BYTES) yield chunk.subarray(at, Math.min(at + CHUNK_BYTES, chunk.length))
  }
}

function sameKey(a: Row, b: Row, key: number[]): boolean {
  for (const i of key) if (!sameCell(a[i], b[i])) return false
  return true
}

function sameCell(a: Cell, b: Cell): boolean {
  if (a === b) return true
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b)
  return false
}

/** The table a change is about, as the pipeline tracks it (set aside when the target refuses the change). */
function subjectOf(c: SchemaChange, ddl: DdlChange): SourceTable | undefined {
  if (c.kind === 'create_table') return c.table
  if ('after' in c && c.after) return c.after
  if (c.kind === 'drop_table' || c.kind === 'truncate_table') return ddl.before.find((t) => t.database === c.database && t.table === c.table)
  return undefined
}
