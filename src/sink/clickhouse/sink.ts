// The ClickHouse sink: one RowBinary batch per target table, inserted on flush. Inserts are
// idempotent by design — every row carries its `_version` — so a batch that failed half-way is
// simply sent again.

import { Readable } from 'node:stream'
import { type ClickHouseClient, ClickHouseLogLevel, createClient } from '@clickhouse/client'
import type { Cell, CharsetRegistry, Row } from '../../binlog/index.ts'
import type { Stats } from '../../health/stats.ts'
import type { Logger } from '../../log/index.ts'
import type { DdlChange, RowChange } from '../../pipeline/change.ts'
import { type SourceTable, tableKey } from '../../schema/model.ts'
import { type PrepareResult, ShapeChangedError, type Sink } from '../sink.ts'
import { sameShape } from '../../pipeline/table-shape.ts'
import { type TargetColumn, mapColumn } from '../../schema/types/index.ts'
import { parseSnapshotCell } from '../../snapshot/values/index.ts'
import { ClampCounter, RowBinaryWriter, RowEncoder, type TextValueEncoder, columnEncoder, encodeTextRow, keyHash, textValueEncoder } from './encode/index.ts'
import {
  type TargetNaming,
  type TargetTable,
  createDatabaseSql,
  createTableSql,
  ident,
  qualified,
  reconcileSql,
  systemColumnClash,
  systemColumns,
  targetTable,
} from './target-table.ts'

export interface ClickHouseSinkOptions {
  url: string
  username: string
  password: string
  naming: TargetNaming
  /** PEM of the CA that signs the server's certificate (https). */
  caCert?: Buffer
  /** Inserts sent at the same time (default 4). */
  concurrency?: number
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
  /** Bytes of the table's last batch: the next one starts that big instead of growing to it. */
  lastBatchBytes: number
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

  constructor(private readonly opts: ClickHouseSinkOptions) {
    this.client = createClient({
      url: opts.url,
      username: opts.username,
      password: opts.password,
      request_timeout: 300_000,
      compression: { request: false, response: false },
      clickhouse_settings: { async_insert: 0, wait_end_of_query: 1 },
      tls: opts.caCert ? { ca_cert: opts.caCert } : undefined,
      log: { level: ClickHouseLogLevel.ERROR },
    })
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

  async start(): Promise<void> {
    const ok = await this.client.ping()
    if (!ok.success) throw new Error(`ClickHouse at ${this.opts.url} does not answer: ${(ok as { error?: Error }).error?.message ?? 'ping failed'}`)
  }

  /** Creates the target table or brings it in line with `source`. 'rebuilt': it had to be recreated empty. */
  cannotHold(source: SourceTable): string | null {
    return systemColumnClash(source.columns.map((c) => c.name), source.primaryKey.length > 0)
  }

  async prepareTable(source: SourceTable): Promise<PrepareResult> {
    const target = targetTable(source, this.opts.naming)
    const naming = this.opts.naming
    await this.command(createDatabaseSql(target.database, naming))
    const existing = await this.existingColumns(target)
    let result: PrepareResult = 'ready'
    if (existing.columns.size === 0) {
      await this.command(createTableSql(target, naming))
    } else if (normalizeKey(existing.sortingKey) !== normalizeKey(sortingKeyOf(target))) {
      // The key changed (or the table lost or got one): ClickHouse cannot re-sort in place.
      this.opts.log.warn('primary key changed on the source; recreating the target table, it will be copied again', {
        table: `${target.database}.${target.table}`,
        was: existing.sortingKey,
        now: sortingKeyOf(target),
      })
      await this.command(`DROP TABLE IF EXISTS ${qualified(target)}${naming.cluster ? ` ON CLUSTER ${ident(naming.cluster)} SYNC` : ' SYNC'}`)
      await this.command(createTableSql(target, naming))
      result = 'rebuilt'
    } else {
      for (const sql of reconcileSql(target, existing.columns, naming)) {
        this.opts.log.info('adapting target table', { table: `${target.database}.${target.table}`, statement: sql })
        await this.command(sql)
      }
    }
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
      lastBatchBytes: 0,
    })
    return result
  }

  write(change: RowChange): void {
    const p = this.preparedCached(change.table)
    const b = this.batchOf(p)
    const w = b.writer
    const before = w.pos
    const keyless = p.target.keyless
    const enc = p.encoder
    const v = change.version
    switch (change.kind) {
      case 'insert':
      case 'snapshot':
        enc.encode(w, change.after!, v, false, keyless ? keyHash(change.after!) : undefined)
        b.rows++
        break
      case 'delete':
        enc.encode(w, change.before!, v, true, keyless ? keyHash(change.before!) : undefined)
        b.rows++
        break
      case 'update': {
        const bk = keyless ? keyHash(change.before!) : undefined
        const ak = keyless ? keyHash(change.after!) : undefined
        // A new key leaves the old one behind: it gets a tombstone.
        if (keyless ? bk !== ak : !sameKey(change.before!, change.after!, p.key)) {
          enc.encode(w, change.before!, v, true, bk)
          b.rows++
        }
        enc.encode(w, change.after!, v, false, ak)
        b.rows++
        break
      }
    }
    b.changes++
    this.bytes += w.pos - before
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
    const before = w.pos
    encodeTextRow(w, p.text.encoders, buf, at, version)
    b.rows++
    b.changes++
    this.bytes += w.pos - before
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
      // Doubling from 64 KiB to a batch of tens of MB copies every byte about twice more. Room for
      // twice the last batch: pages never written cost no memory.
      const size = Math.min(2 * p.lastBatchBytes, 1 << 30)
      b = { prepared: p, writer: new RowBinaryWriter(Math.max(1 << 16, size)), rows: 0, changes: 0 }
      this.batches.set(p, b)
    }
    return b
  }

  async applyDdl(ddl: DdlChange): Promise<SourceTable[]> {
    const rebuilt: SourceTable[] = []
    const needsCopy = (t: SourceTable) => {
      if (!rebuilt.some((r) => r.database === t.database && r.table === t.table)) rebuilt.push(t)
    }
    const prepare = async (t: SourceTable) => {
      if ((await this.prepareTable(t)) === 'rebuilt') needsCopy(t)
    }
    const naming = this.opts.naming
    const cluster = naming.cluster ? ` ON CLUSTER ${ident(naming.cluster)}` : ''
    for (const c of ddl.changes) {
      switch (c.kind) {
        case 'drop_table':
          await this.command(`DROP TABLE IF EXISTS ${qualified({ database: naming.database(c.database), table: c.table })}${cluster}`)
          this.forget(c.database, c.table)
          break
        case 'truncate_table':
          await this.command(`TRUNCATE TABLE IF EXISTS ${qualified({ database: naming.database(c.database), table: c.table })}${cluster}`)
          break
        case 'rename_table': {
          const from = { database: naming.database(c.from.database), table: c.from.table }
          const to = { database: naming.database(c.to.database), table: c.to.table }
          await this.command(createDatabaseSql(to.database, naming))
          await this.command(`RENAME TABLE ${qualified(from)} TO ${qualified(to)}${cluster}`)
          this.forget(c.from.database, c.from.table)
          break
        }
        case 'add_column': {
          const t = { database: naming.database(c.database), table: c.table }
          const col = mapColumn(c.column, { jsonType: naming.jsonType, override: naming.override(c.database, c.table, c.column.name) })
          const existing = await this.existingColumns({ ...t } as TargetTable)
          if (existing.columns.has(col.name)) break
          // The rows already there get what the source filled in, as the column's DEFAULT.
          let fill = ''
          if (c.fill.kind === 'value') {
            const literal = await this.literal(t.database, col, c.fill.raw)
            if (literal) fill = ` DEFAULT ${literal}`
            else needsCopy(c.after)
          } else if (c.fill.kind === 'unknown') needsCopy(c.after)
          const i = c.after.columns.findIndex((x) => x.name === c.column.name)
          const place = i > 0 ? `AFTER ${ident(c.after.columns[i - 1].name)}` : 'FIRST'
          await this.command(`ALTER TABLE ${qualified(t)}${cluster} ADD COLUMN IF NOT EXISTS ${ident(col.name)} ${col.type}${fill} ${place}`)
          break
        }
        case 'modify_column': {
          const old = this.prepared.get(tableKey(c.database, c.table))?.target.columns.find((x) => x.name === c.oldName)
          const col = mapColumn(c.column, { jsonType: naming.jsonType, override: naming.override(c.database, c.table, c.column.name) })
          if (old && old.type !== col.type) {
            // The source converted every row without a row event: the column is filled again by a copy.
            const t = { database: naming.database(c.database), table: c.table }
            await this.command(`ALTER TABLE ${qualified(t)}${cluster} DROP COLUMN IF EXISTS ${ident(c.oldName)}`)
            needsCopy(c.after)
          }
          break
        }
        case 'rename_column': {
          const t = { database: naming.database(c.database), table: c.table }
          await this.command(`ALTER TABLE ${qualified(t)}${cluster} RENAME COLUMN IF EXISTS ${ident(c.from)} TO ${ident(c.to)}`)
          break
        }
        default:
          break
      }
      if ('after' in c && c.after) {
        await prepare(c.after)
        // Rows of a keyless table are keyed by a hash of all their values: a column change gives
        // every row a new key, so the table is copied again (the old keys go with the copy's cleanup).
        const columnChange = c.kind === 'add_column' || c.kind === 'drop_column' || c.kind === 'modify_column' || c.kind === 'rename_column'
        if (columnChange && c.after.primaryKey.length === 0) needsCopy(c.after)
      } else if (c.kind === 'create_table') await prepare(c.table)
    }
    return rebuilt
  }

  async flush(): Promise<void> {
    // Everything written before this call is this flush's; later writes start new batches.
    const work = [...this.retry, ...this.batches.values()].filter((b) => b.rows > 0)
    this.retry = []
    this.batches = new Map()
    for (const b of work) b.prepared.lastBatchBytes = b.writer.pos
    const failed: Batch[] = []
    let firstError: unknown
    const queue = [...work]
    const worker = async () => {
      for (let b = queue.shift(); b; b = queue.shift()) {
        try {
          await this.insert(b)
          this.opts.stats.batches++
        } catch (err) {
          failed.push(b)
          firstError ??= err
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency ?? 4, queue.length) }, worker))
    let sentBytes = 0
    let sentRows = 0
    for (const b of work) {
      if (failed.includes(b)) continue
      sentBytes += b.writer.pos
      sentRows += b.changes
    }
    this.bytes -= sentBytes
    this.rows -= sentRows
    if (failed.length) {
      this.retry = failed
      throw firstError
    }
  }

  private async insert(b: Batch): Promise<void> {
    const body = b.writer.buf.subarray(0, b.writer.pos)
    const r = await this.client.exec({ query: b.prepared.insertSql, values: Readable.from(slices(body)) })
    r.stream.destroy()
  }

  /**
   * A value as a ClickHouse expression of the column's type, exact: encoded like any row value,
   * passed through a one-row table, read back as text and cast again. null when the value does
   * not encode (the caller copies the table instead).
   */
  private async literal(database: string, col: TargetColumn, raw: Buffer): Promise<string | null> {
    let bytes: Buffer
    try {
      const w = new RowBinaryWriter(256)
      columnEncoder(col, new ClampCounter())(w, parseSnapshotCell(raw, col.source))
      bytes = Buffer.from(w.bytes())
    } catch {
      return null
    }
    const tmp = { database, table: `_chsync_fill_${process.pid}_${Date.now()}` }
    await this.command(`CREATE TABLE ${qualified(tmp)} (v ${col.type}) ENGINE = Memory`)
    try {
      const r = await this.client.exec({ query: `INSERT INTO ${qualified(tmp)} FORMAT RowBinary`, values: Readable.from([bytes]) })
      r.stream.destroy()
      const [row] = await this.query<{ h: string }>(`SELECT hex(toString(v)) AS h FROM ${qualified(tmp)}`)
      return `CAST(unhex('${row.h}') AS ${col.type})`
    } finally {
      await this.command(`DROP TABLE IF EXISTS ${qualified(tmp)}`)
    }
  }

  /**
   * After a table's copy: rows older than the copy (left by an earlier copy or by a stream that
   * lost its position) are removed.
   */
  async snapshotDone(table: SourceTable, version: bigint): Promise<void> {
    const p = this.prepared.get(tableKey(table.database, table.table))
    if (!p || version === 0n) return
    await this.command(`ALTER TABLE ${qualified(p.target)} DELETE WHERE _version < ${version}`, { mutations_sync: '2' })
  }

  /** Highest `_version` in any of the target tables (0 when empty): a fresh counter starts above it. */
  async maxVersion(tables: SourceTable[]): Promise<bigint> {
    let max = 0n
    for (const t of tables) {
      const target = targetTable(t, this.opts.naming)
      const exists = await this.query<{ n: string }>(
        'SELECT count() AS n FROM system.tables WHERE database = {db:String} AND name = {t:String}',
        { db: target.database, t: target.table },
      )
      if (exists[0]?.n === '0') continue
      const [row] = await this.query<{ v: string }>(`SELECT max(_version) AS v FROM ${qualified(target)}`)
      if (row && BigInt(row.v) > max) max = BigInt(row.v)
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

  private async existingColumns(t: TargetTable): Promise<{ columns: Map<string, string>; sortingKey: string }> {
    const cols = await this.query<{ name: string; type: string }>(
      'SELECT name, type FROM system.columns WHERE database = {db:String} AND table = {t:String} ORDER BY position',
      { db: t.database, t: t.table },
    )
    const [meta] = await this.query<{ sorting_key: string }>(
      'SELECT sorting_key FROM system.tables WHERE database = {db:String} AND name = {t:String}',
      { db: t.database, t: t.table },
    )
    return { columns: new Map(cols.map((c) => [c.name, c.type])), sortingKey: meta?.sorting_key ?? '' }
  }

  async command(query: string, settings: Record<string, string> = {}): Promise<void> {
    await this.client.command({ query, clickhouse_settings: settings })
  }

  async query<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const rs = await this.client.query({ query, query_params: params, format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 1 } })
    return (await rs.json()) as T[]
  }
}

/**
 * A batch as views of at most 1 MiB. Handed over whole, a batch of tens of MB is copied again by
 * the socket's write path (joined with the request head into one buffer); in slices, the stream's
 * back-pressure keeps what waits to be written small.
 */
function* slices(body: Buffer): Generator<Buffer> {
  const size = 1 << 20
  for (let at = 0; at < body.length; at += size) yield body.subarray(at, Math.min(at + size, body.length))
}

/** Sorting keys compared as column lists: "(a, b)", "a,b" and "a, b" are the same key. */
function normalizeKey(key: string): string {
  return key.replace(/^\((.*)\)$/, '$1').replace(/\s+/g, '').replace(/`/g, '')
}

/** As system.tables prints sorting_key: the key columns joined by ", ". */
function sortingKeyOf(t: TargetTable): string {
  return t.keyless ? '_key' : t.source.primaryKey.map((i) => t.columns[i].name).join(', ')
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
