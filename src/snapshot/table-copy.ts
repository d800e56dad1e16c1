// Copies one table in primary-key chunks (keyset pagination: WHERE (pk) > (last) ORDER BY pk
// LIMIT n), streaming each chunk's rows into the sink and recording the last key as the resume
// point. Nothing holds more than one row at a time; no lock is taken on the source. A big table
// with an integer key is read in key ranges by several connections at once (key-ranges.ts).
// The progress is known row by row (`live`), not only per chunk: a flush in the middle of a chunk
// commits exactly the rows it sends, and a chunk read again (the source went away) goes on after
// the last row written, so no row reaches the sink twice.

import mysql from 'mysql2'
import { type Cell, type ColumnDef, ShapeChangedError, type SourceTable } from '../model/index.ts'
import { type CharsetRegistry, type SourceOptions, isConnectionLost } from '../binlog/index.ts'
import { RetryStopped, pause, retry } from '../retry/index.ts'
import type { TableState } from '../state/index.ts'
import { type CursorValue, type KeyRange, type SplitCursor, integerLiteral, parseCursor, splitColumn, splitRanges } from './key-ranges.ts'
import { ChunkTrail } from './chunk-trail.ts'
import { type TextRow, queryTextRows } from './text-result.ts'
import { decodesAsText, parseSnapshotCell, snapshotSelectList } from '../source/index.ts'

export interface CopySink {
  /** Called per row with the shape it was read in. */
  row(table: SourceTable, after: Cell[]): void
  /**
   * Optional, used instead of `row` when present: the row as the server sent it (text protocol,
   * the select list of snapshotSelectList), valid during the call. Saves making Cells.
   */
  textRow?(table: SourceTable, row: TextRow): void
  /** After each row written and counted in the progress: may wait (back-pressure). */
  afterRow?(): void | Promise<void>
  /** A chunk is written: `state` is the table's progress up to and including it. */
  chunkDone(state: TableState): void | Promise<void>
  /** At the start: `live()` is the table's progress up to the last row written, whenever asked. */
  live?(live: () => TableState): void
}

export interface CopyOptions {
  source: SourceOptions
  /** The source's collations: which text columns arrive as text and which as bytes. */
  charsets: CharsetRegistry
  chunkRows: number
  signal?: AbortSignal
  /** SELECTs that may read this table at the same time (key ranges of an integer key; default 1). */
  readers?: number
}

const q = (name: string) => '`' + name.replace(/`/g, '``') + '`'

/** The copy was stopped (chsync is shutting down); what was copied is committed and resumes. */
export class CopyStopped extends Error {
  constructor() {
    super('copy stopped')
  }
}

/** ER_BAD_FIELD_ERROR: a column of the select list is gone (DDL ran on the source meanwhile). */
const UNKNOWN_COLUMN = 1054
/** ER_NO_SUCH_TABLE: the table was dropped or renamed on the source, and the stream has not got there yet. */
const NO_SUCH_TABLE = 1146
/** How long a copy keeps trying to reach a source that went away. */
const RECONNECT_MS = 600_000
/** How long a chunk waits for the stream to catch up with DDL before the copy gives up. */
const SHAPE_WAIT_MS = 300_000
/**
 * How long a chunk whose values do not fit the tracked shape (a column's type changed on the source
 * before the stream got there) waits before the copy gives up: a value that never fits fails sooner.
 */
const VALUE_WAIT_MS = 60_000

/**
 * Copies the table from `state.cursor` on; returns the final state (all rows copied). `current`
 * gives the table's shape as the stream knows it; a chunk read with a shape the source or the
 * target no longer has is read again once the stream has caught up with the DDL.
 */
export async function copyTable(
  current: () => SourceTable | undefined,
  state: TableState,
  sink: CopySink,
  opts: CopyOptions,
): Promise<TableState> {
  const cursor = parseCursor(state.cursor)
  if ('split' in cursor) return copyRanges(current, state, cursor.split.parts, sink, opts)
  const table = current()
  const readers = opts.readers ?? 1
  if (cursor.after === null && readers > 1 && table && splitColumn(table) && state.rowsEstimate >= 2 * opts.chunkRows) {
    const ranges = await planRanges(table, readers, opts)
    if (ranges.length > 1) return copyRanges(current, state, ranges, sink, opts)
  }
  const reader = await ChunkReader.open(opts)
  try {
    let progress = { ...state }
    let trail = new ChunkTrail(opts.charsets)
    sink.live?.(() => {
      if (trail.count === 0) return progress
      // A keyless scan counts from its start; a keyed chunk adds to the chunks before it.
      if (trail.keyless) return { ...progress, rowsCopied: trail.count, cursor: null }
      return { ...progress, cursor: JSON.stringify(trail.last()), rowsCopied: progress.rowsCopied + trail.count }
    })
    let after = cursor.after
    for (;;) {
      const chunk = await reader.read(current, state, after, null, sink, trail)
      trail = new ChunkTrail(opts.charsets)
      if (chunk.table.primaryKey.length === 0) {
        // No key to page by: one streaming scan. It restarts from the beginning after a crash;
        // the rows collapse in the target by their row hash.
        progress = { ...progress, rowsCopied: chunk.count, cursor: null }
        await sink.chunkDone(progress)
        return progress
      }
      if (chunk.count === 0) return progress
      after = chunk.last
      progress = { ...progress, cursor: JSON.stringify(chunk.last), rowsCopied: progress.rowsCopied + chunk.count }
      await sink.chunkDone(progress)
      if (chunk.count < opts.chunkRows) return progress
    }
  } finally {
    reader.close()
  }
}

/** Key ranges of about equal width over the table's integer key, one per reader. */
async function planRanges(table: SourceTable, readers: number, opts: CopyOptions): Promise<KeyRange[]> {
  const key = q(splitColumn(table)!.name)
  const conn = await connectPatiently(opts.source, opts.signal)
  try {
    const [rows] = await conn.promise().query(`SELECT MIN(${key}), MAX(${key}) FROM ${q(table.database)}.${q(table.table)}`)
    const [min, max] = (rows as (Buffer | null)[][])[0]
    return min === null || max === null ? [] : splitRanges(min.toString('latin1'), max.toString('latin1'), readers)
  } finally {
    conn.destroy()
  }
}

/**
 * Copies the key ranges at the same time, one connection each; every finished chunk records the
 * progress of all of them. A failure in one stops the others before it is thrown.
 */
async function copyRanges(
  current: () => SourceTable | undefined,
  state: TableState,
  ranges: KeyRange[],
  sink: CopySink,
  opts: CopyOptions,
): Promise<TableState> {
  const open = ranges.map((r) => ({ ...r, trail: new ChunkTrail(opts.charsets) }))
  let rowsCopied = state.rowsCopied
  const progress = (): TableState => ({
    ...state,
    rowsCopied,
    cursor: JSON.stringify({ parts: open.map(({ after, upTo }) => ({ after, upTo })) } satisfies SplitCursor),
  })
  sink.live?.(() => ({
    ...state,
    rowsCopied: open.reduce((n, r) => n + r.trail.count, rowsCopied),
    cursor: JSON.stringify({
      parts: open.map(({ after, upTo, trail }) => ({ after: trail.count ? trail.last() : after, upTo })),
    } satisfies SplitCursor),
  }))
  const failed = new AbortController()
  const signal = opts.signal ? AbortSignal.any([opts.signal, failed.signal]) : failed.signal
  const copyRange = async (range: (typeof open)[number]) => {
    const reader = await ChunkReader.open({ ...opts, signal })
    try {
      for (;;) {
        const chunk = await reader.read(current, state, range.after, range.upTo, sink, range.trail)
        range.trail = new ChunkTrail(opts.charsets)
        if (chunk.count > 0) range.after = chunk.last
        rowsCopied += chunk.count
        const finished = chunk.count < opts.chunkRows
        if (finished) open.splice(open.indexOf(range), 1)
        await sink.chunkDone(progress())
        if (finished) return
      }
    } finally {
      reader.close()
    }
  }
  const results = await Promise.allSettled(
    open.slice().map((r) =>
      copyRange(r).catch((err: unknown) => {
        failed.abort()
        throw err
      }),
    ),
  )
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))
  if (errors.length) throw errors.find((e) => !(e instanceof CopyStopped)) ?? errors[0]
  return progress()
}

/**
 * One copy connection reading chunks: a source that went away (restart, network) is connected to
 * again and the chunk read again; a chunk read in a shape that changed is read again once the
 * stream has caught up with the DDL.
 */
class ChunkReader {
  private constructor(
    private conn: mysql.Connection,
    private readonly opts: CopyOptions,
  ) {}

  static async open(opts: CopyOptions): Promise<ChunkReader> {
    return new ChunkReader(await connectPatiently(opts.source, opts.signal), opts)
  }

  /**
   * Reads one chunk (after `after`, up to `upTo`) into the sink, each row noted in `trail`. Read
   * again after a failure, it goes on after the last row written (a keyless scan starts over).
   */
  async read(
    current: () => SourceTable | undefined,
    state: TableState,
    after: CursorValue[] | null,
    upTo: string | null,
    sink: CopySink,
    trail: ChunkTrail,
  ): Promise<{ table: SourceTable; count: number; last: CursorValue[] }> {
    let waitingSince = 0
    let lostSince = 0
    for (;;) {
      if (this.opts.signal?.aborted) throw new CopyStopped()
      const table = current()
      if (!table) throw new Error(`${state.database}.${state.table} is no longer replicated`)
      if (trail.keyless) trail.clear()
      try {
        const from = trail.count > 0 ? trail.last() : after
        await readChunk(this.conn, table, from, upTo, this.opts.chunkRows - trail.count, sink, trail, this.opts)
        return { table, count: trail.count, last: trail.count > 0 ? trail.last() : [] }
      } catch (err) {
        if (err instanceof CopyStopped) throw err
        if (isConnectionLost(err)) {
          // The source went away (restart, network): read the chunk again on a new connection.
          lostSince ||= Date.now()
          if (Date.now() - lostSince > RECONNECT_MS) throw err
          this.conn.destroy()
          if (!(await pause(500, this.opts.signal))) throw new CopyStopped()
          this.conn = await connectPatiently(this.opts.source, this.opts.signal)
          continue
        }
        const errno = (err as { errno?: number }).errno
        const shapeChanged = err instanceof ShapeChangedError || errno === UNKNOWN_COLUMN || errno === NO_SUCH_TABLE
        // A value the sink cannot encode in the tracked shape (EncodeError): read again once the stream has the DDL.
        const valueMisfit = (err as { code?: string }).code === 'encode'
        if (!shapeChanged && !valueMisfit) throw err
        waitingSince ||= Date.now()
        const limit = shapeChanged ? SHAPE_WAIT_MS : VALUE_WAIT_MS
        if (Date.now() - waitingSince > limit)
          throw new Error(
            `${state.database}.${state.table} changed on the source and the stream did not catch up within ${limit / 1000}s (${(err as Error).message})`,
          )
        await Bun.sleep(100)
      }
    }
  }

  close(): void {
    this.conn.destroy()
  }
}

/** A copy connection, retried while the source is unreachable (restarting), up to RECONNECT_MS. */
async function connectPatiently(source: SourceOptions, signal?: AbortSignal): Promise<mysql.Connection> {
  const since = Date.now()
  try {
    return await retry(() => openCopyConnection(source), {
      what: 'a copy connection to the source',
      signal,
      firstDelayMs: 500,
      capMs: 5_000,
      transient: (err) => isConnectionLost(err) && Date.now() - since <= RECONNECT_MS,
    })
  } catch (err) {
    if (err instanceof RetryStopped) throw new CopyStopped()
    throw err
  }
}

/** A connection that reads rows as raw text, in UTC, without locking. */
async function openCopyConnection(source: SourceOptions): Promise<mysql.Connection> {
  const conn = mysql.createConnection({
    host: source.host,
    port: source.port,
    user: source.user,
    password: source.password ?? '',
    charset: 'utf8mb4_general_ci',
    rowsAsArray: true,
    typeCast: (field) => field.buffer(),
    ssl: source.tls
      ? { ca: source.tls.ca, cert: source.tls.cert, key: source.tls.key, rejectUnauthorized: source.tls.verify ?? true }
      : undefined,
  })
  conn.on('error', () => {})
  try {
    await conn.promise().query("SET time_zone = '+00:00'")
    await conn.promise().query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED')
  } catch (err) {
    conn.destroy()
    throw err
  }
  return conn
}

/**
 * Up to `limit` rows after `after` in key order, up to the integer key `upTo` if given (the whole
 * table when it has no key), into the sink and the trail.
 */
function readChunk(
  conn: mysql.Connection,
  table: SourceTable,
  after: CursorValue[] | null,
  upTo: string | null,
  limit: number,
  sink: CopySink,
  trail: ChunkTrail,
  opts: CopyOptions,
): Promise<void> {
  const cols = table.columns
  const from = `${q(table.database)}.${q(table.table)}`
  const select = snapshotSelectList(cols, opts.charsets)
  const pk = table.primaryKey
  if (pk.length === 0) return stream(conn, `SELECT ${select} FROM ${from}`, table, sink, trail, opts)
  const keyList = pk.map((i) => q(cols[i].name)).join(', ')
  const conditions: string[] = []
  if (after) conditions.push(`(${keyList}) > (${pk.map((i) => keyPlaceholder(cols[i], opts.charsets)).join(', ')})`)
  if (upTo !== null) conditions.push(`${keyList} <= ${integerLiteral(upTo)}`)
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''
  const params = after ? after.map((v) => ('s' in v ? v.s : Buffer.from(v.x, 'hex'))) : []
  const text = conn.format(`SELECT ${select} FROM ${from} ${where} ORDER BY ${keyList} LIMIT ${limit}`, params)
  return stream(conn, text, table, sink, trail, opts)
}

/**
 * Streams one SELECT into the sink. Each row is noted in the trail once the sink has it and before
 * the sink may wait: a flush that starts then commits the progress up to and including that row.
 */
async function stream(conn: mysql.Connection, sql: string, table: SourceTable, sink: CopySink, trail: ChunkTrail, opts: CopyOptions) {
  const cols = table.columns
  const { charsets, signal } = opts
  const toCells = (row: TextRow): Cell[] => {
    const cells: Cell[] = new Array(cols.length)
    for (let i = 0; i < cols.length; i++) cells[i] = parseSnapshotCell(row.value(i), cols[i], charsets)
    return cells
  }
  const textRow = sink.textRow?.bind(sink)
  const afterRow = sink.afterRow?.bind(sink)
  await queryTextRows(conn, sql, cols.length, (row) => {
    if (signal?.aborted) throw new CopyStopped()
    if (textRow) textRow(table, row)
    else sink.row(table, toCells(row))
    trail.note(table, row)
    return afterRow?.()
  })
}

/**
 * The placeholder a key column's resume value is compared through: text as text (the column's
 * collation orders it), bytes of a charset chsync cannot decode converted back into that charset.
 */
function keyPlaceholder(col: ColumnDef, charsets: CharsetRegistry): string {
  if (col.collation === undefined || col.collation === 63 || decodesAsText(col, charsets)) return '?'
  return `CONVERT(? USING ${charsets.get(col.collation).name})`
}
