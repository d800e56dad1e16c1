// Copies one table in primary-key chunks (keyset pagination: WHERE (pk) > (last) ORDER BY pk
// LIMIT n), streaming each chunk's rows into the sink and recording the last key as the resume
// point. Nothing holds more than one row at a time; no lock is taken on the source.

import mysql from 'mysql2'
import type { Cell, CharsetRegistry, ColumnDef, SourceOptions } from '../binlog/index.ts'
import type { SourceTable } from '../schema/model.ts'
import type { TableState } from '../state/index.ts'
import { ShapeChangedError } from '../sink/sink.ts'
import { decodesAsText, parseSnapshotCell, snapshotSelectList } from './values/index.ts'

/** One key value of the resume cursor: text for character and numeric columns, hex for bytes. */
type CursorValue = { s: string } | { x: string }

export interface CopySink {
  /** Called per row with the shape it was read in; may wait (back-pressure). */
  row(table: SourceTable, after: Cell[]): void | Promise<void>
  /** A chunk is written: `state` is the table's progress up to and including it. */
  chunkDone(state: TableState): void | Promise<void>
}

export interface CopyOptions {
  source: SourceOptions
  /** The source's collations: which text columns arrive as text and which as bytes. */
  charsets: CharsetRegistry
  chunkRows: number
  signal?: AbortSignal
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
/** How long a chunk waits for the stream to catch up with DDL before the copy gives up. */
const SHAPE_WAIT_MS = 300_000

/**
 * Copies the table from `state.cursor` on; returns the final state (all rows copied). `current`
 * gives the table's shape as the stream knows it; a chunk read with a shape the source or the
 * target no longer has is read again once the stream has caught up with the DDL.
 */
export async function copyTable(current: () => SourceTable | undefined, state: TableState, sink: CopySink, opts: CopyOptions): Promise<TableState> {
  const conn = mysql.createConnection({
    host: opts.source.host,
    port: opts.source.port,
    user: opts.source.user,
    password: opts.source.password ?? '',
    charset: 'utf8mb4_general_ci',
    rowsAsArray: true,
    typeCast: (field) => field.buffer(),
    ssl: opts.source.tls ? { ca: opts.source.tls.ca, cert: opts.source.tls.cert, key: opts.source.tls.key, rejectUnauthorized: opts.source.tls.verify ?? true } : undefined,
  })
  conn.on('error', () => {})
  const sql = conn.promise()
  try {
    await sql.query("SET time_zone = '+00:00'")
    await sql.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED')
    let progress = { ...state }
    let waitingSince = 0
    for (;;) {
      if (opts.signal?.aborted) throw new CopyStopped()
      const table = current()
      if (!table) throw new Error(`${state.database}.${state.table} is no longer replicated`)
      let chunk: { count: number; last: CursorValue[] }
      try {
        chunk = await readChunk(conn, table, progress.cursor, sink, opts)
        waitingSince = 0
      } catch (err) {
        const shapeChanged = err instanceof ShapeChangedError || (err as { errno?: number }).errno === UNKNOWN_COLUMN
        if (!shapeChanged) throw err
        waitingSince ||= Date.now()
        if (Date.now() - waitingSince > SHAPE_WAIT_MS)
          throw new Error(`${state.database}.${state.table} changed on the source and the stream did not catch up within ${SHAPE_WAIT_MS / 1000}s`)
        await Bun.sleep(100)
        continue
      }
      if (table.primaryKey.length === 0) {
        // No key to page by: one streaming scan. It restarts from the beginning after a crash;
        // the rows collapse in the target by their row hash.
        progress = { ...progress, rowsCopied: chunk.count, cursor: null }
        await sink.chunkDone(progress)
        return progress
      }
      if (chunk.count === 0) return progress
      progress = { ...progress, cursor: JSON.stringify(chunk.last), rowsCopied: progress.rowsCopied + chunk.count }
      await sink.chunkDone(progress)
      if (chunk.count < opts.chunkRows) return progress
    }
  } finally {
    conn.destroy()
  }
}

/** One chunk after `cursor` in key order (the whole table when it has no key). */
function readChunk(conn: mysql.Connection, table: SourceTable, cursor: string | null, sink: CopySink, opts: CopyOptions) {
  const cols = table.columns
  const from = `${q(table.database)}.${q(table.table)}`
  const select = snapshotSelectList(cols, opts.charsets)
  const pk = table.primaryKey
  const write = (row: Cell[]) => sink.row(table, row)
  if (pk.length === 0) return stream(conn, `SELECT ${select} FROM ${from}`, [], cols, opts.charsets, write, opts.signal)
  const keyList = pk.map((i) => q(cols[i].name)).join(', ')
  const after = cursor ? (JSON.parse(cursor) as CursorValue[]) : null
  const where = after ? `WHERE (${keyList}) > (${pk.map((i) => keyPlaceholder(cols[i], opts.charsets)).join(', ')})` : ''
  const params = after ? after.map((v) => ('s' in v ? v.s : Buffer.from(v.x, 'hex'))) : []
  const text = `SELECT ${select} FROM ${from} ${where} ORDER BY ${keyList} LIMIT ${opts.chunkRows}`
  return stream(conn, text, params, cols, opts.charsets, write, opts.signal, pk)
}

/** Streams one SELECT into the sink; returns the number of rows and the key of the last one. */
function stream(
  conn: mysql.Connection,
  sql: string,
  params: (string | Buffer)[],
  cols: ColumnDef[],
  charsets: CharsetRegistry,
  write: (row: Cell[]) => void | Promise<void>,
  signal: AbortSignal | undefined,
  pk: number[] = [],
): Promise<{ count: number; last: CursorValue[] }> {
  return new Promise((resolve, reject) => {
    let count = 0
    let lastRaw: (Buffer | null)[] = []
    const query = conn.query({ sql, values: params })
    const rows = query.stream({ highWaterMark: 256 })
    const fail = (err: unknown) => {
      rows.destroy()
      reject(err)
    }
    rows.on('data', (raw: (Buffer | null)[]) => {
      count++
      lastRaw = raw
      const row: Cell[] = new Array(cols.length)
      try {
        for (let i = 0; i < cols.length; i++) row[i] = parseSnapshotCell(raw[i], cols[i], charsets)
      } catch (err) {
        return fail(err)
      }
      let waiting: void | Promise<void>
      try {
        waiting = write(row)
      } catch (err) {
        return fail(err)
      }
      if (waiting instanceof Promise) {
        rows.pause()
        waiting.then(() => rows.resume(), fail)
      }
      if (signal?.aborted) fail(new CopyStopped())
    })
    rows.on('error', reject)
    rows.on('end', () => {
      try {
        resolve({ count, last: count ? pk.map((i) => cursorValue(lastRaw[i], cols[i], charsets)) : [] })
      } catch (err) {
        reject(err)
      }
    })
  })
}

function cursorValue(raw: Buffer | null, col: ColumnDef, charsets: CharsetRegistry): CursorValue {
  if (raw === null) throw new Error(`primary key column ${col.name} is NULL`)
  return col.collation === undefined || decodesAsText(col, charsets) ? { s: raw.toString('utf8') } : { x: raw.toString('hex') }
}

/**
 * The placeholder a key column's resume value is compared through: text as text (the column's
 * collation orders it), bytes of a charset chsync cannot decode converted back into that charset.
 */
function keyPlaceholder(col: ColumnDef, charsets: CharsetRegistry): string {
  if (col.collation === undefined || col.collation === 63 || decodesAsText(col, charsets)) return '?'
  return `CONVERT(? USING ${charsets.get(col.collation).name})`
}
