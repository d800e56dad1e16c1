// Test support: runs SQL on the real MySQL 9.7 and cuts the JSON column values out of the rows
// events it wrote, by reading the server's binlog file directly between two SHOW BINARY LOG
// STATUS positions. Deliberately small and independent of src/binlog (the code under test): it
// knows only what the capture tables use, INT and JSON columns.

import { readFileSync } from 'node:fs'
import mysql, { type Connection } from 'mysql2/promise'
import { Cursor } from '../../../../src/binlog/cursor.ts'

export const MYSQL_URL = { host: '127.0.0.1', port: 33307, user: 'chsync', password: 'chsync-test-pw' }
/** The MySQL test server's binlog directory, seen from outside its chroot. */
export const BINLOG_DIR = '/var/cache/chsync/sid-root/var/lib/t-mysql'

export interface BinlogPosition {
  file: string
  pos: number
}

/** A connection whose JSON columns come back as the exact text the server sent. */
export async function connectMysql(): Promise<Connection> {
  return mysql.createConnection({
    ...MYSQL_URL,
    charset: 'utf8mb4',
    typeCast: (field, next) => (field.type === 'JSON' ? (field.buffer()?.toString('utf8') ?? null) : next()),
  })
}

export async function binlogPosition(conn: Connection): Promise<BinlogPosition> {
  const [rows] = await conn.query('SHOW BINARY LOG STATUS')
  const row = (rows as { File: string; Position: number }[])[0]
  return { file: row.File, pos: Number(row.Position) }
}

/** One column's bytes in a row image: INT as its 4 bytes, JSON without its 4-byte length. */
export type ColumnBytes = Buffer | null

export interface AfterImage {
  /** PARTIAL_UPDATE_ROWS only: value_options and the partial bits (one per JSON column). */
  valueOptions?: number
  partialBits?: number
  columns: ColumnBytes[]
}

export interface RowsEventCapture {
  type: number
  /** Offset of the event in the binlog file. */
  pos: number
  rows: { before?: ColumnBytes[]; after?: AfterImage }[]
}

const TABLE_MAP = 19
const WRITE_ROWS = 30
const UPDATE_ROWS = 31
const PARTIAL_UPDATE_ROWS = 39
const TYPE_LONG = 3
const TYPE_JSON = 245
const HEADER = 19
const CHECKSUM = 4

/** The rows events for `db`.`table` between two positions (across a rotation, file by file). */
export function readRowsEvents(from: BinlogPosition, to: BinlogPosition, db: string, table: string): RowsEventCapture[] {
  if (from.file === to.file) return readRowsEventsIn(from.file, from.pos, to.pos, db, table)
  // The server rotated meanwhile: the rest of the first file, then the next files up to `to`.
  const number = (f: string) => Number(f.slice(f.lastIndexOf('.') + 1))
  const stem = from.file.slice(0, from.file.lastIndexOf('.') + 1)
  const events: RowsEventCapture[] = []
  for (let n = number(from.file); n <= number(to.file); n++) {
    const file = stem + String(n).padStart(6, '0')
    const start = n === number(from.file) ? from.pos : 4
    const end = n === number(to.file) ? to.pos : readFileSync(`${BINLOG_DIR}/${file}`).length
    events.push(...readRowsEventsIn(file, start, end, db, table))
  }
  return events
}

function readRowsEventsIn(file: string, start: number, end: number, db: string, table: string): RowsEventCapture[] {
  const buf = readFileSync(`${BINLOG_DIR}/${file}`)
  const events: RowsEventCapture[] = []
  let columnTypes: number[] | null = null
  let tableId = -1
  for (let pos = start; pos < end && pos + HEADER <= buf.length; ) {
    const type = buf[pos + 4]
    const size = buf.readUInt32LE(pos + 9)
    const c = new Cursor(buf, pos + HEADER, pos + size - CHECKSUM)
    if (type === TABLE_MAP) {
      const id = c.u48()
      c.skip(2)
      const dbName = c.string(c.u8())
      c.skip(1)
      const tableName = c.string(c.u8())
      c.skip(1)
      if (dbName === db && tableName === table) {
        tableId = id
        const n = c.lenenc()
        columnTypes = [...c.bytes(n)]
      }
    } else if ((type === WRITE_ROWS || type === UPDATE_ROWS || type === PARTIAL_UPDATE_ROWS) && columnTypes) {
      const id = c.u48()
      if (id === tableId) events.push(readRows(c, type, pos, columnTypes))
    }
    pos += size
  }
  return events
}

function readRows(c: Cursor, type: number, pos: number, types: number[]): RowsEventCapture {
  c.skip(2) // flags
  c.skip(c.u16() - 2) // extra data
  const n = c.lenenc()
  const bitmapBytes = (n + 7) >> 3
  c.skip(bitmapBytes)
  if (type !== WRITE_ROWS) c.skip(bitmapBytes)
  const jsonCount = types.filter((t) => t === TYPE_JSON).length
  const rows: RowsEventCapture['rows'] = []
  while (c.remaining > 0) {
    if (type === WRITE_ROWS) {
      rows.push({ after: { columns: readImage(c, types) } })
      continue
    }
    const before = readImage(c, types)
    if (type === UPDATE_ROWS) {
      rows.push({ before, after: { columns: readImage(c, types) } })
      continue
    }
    const valueOptions = c.lenenc()
    let partialBits: number | undefined
    if (valueOptions & 1) {
      const bits = c.bytes((jsonCount + 7) >> 3)
      partialBits = bits.readUIntLE(0, bits.length)
    }
    rows.push({ before, after: { valueOptions, partialBits, columns: readImage(c, types) } })
  }
  return { type, pos, rows }
}

/** A full row image (every column present): null bitmap, then the values. */
function readImage(c: Cursor, types: number[]): ColumnBytes[] {
  const nulls = c.bytes((types.length + 7) >> 3)
  return types.map((t, i) => {
    if (nulls[i >> 3] & (1 << (i & 7))) return null
    if (t === TYPE_LONG) return c.bytes(4)
    if (t === TYPE_JSON) return c.bytes(c.u32())
    throw new Error(`capture tables use INT and JSON columns only, found type ${t}`)
  })
}
