// Reads one text-protocol result set (COM_QUERY) row by row without making a Buffer or a string per
// value: each row is handed over as its packet and the offsets of its values, valid during the call.
// A command in mysql2's queue (mysql2 still does the framing, TLS and authentication).
//
// The answer to COM_QUERY (MySQL protocol, CLIENT_DEPRECATE_EOF not negotiated, as mysql2 does):
//   [column count: lenenc int] [column definition] x count [EOF] [row] x N [EOF]
// or an ERR packet (0xff) in place of the header or of any row. A row is one length-encoded string
// per column: 0xfb is NULL; a first byte below 0xfb is the length itself; 0xfc, 0xfd, 0xfe
// precede a 2-, 3- or 8-byte little-endian length. EOF is 0xfe in a packet shorter than 9 bytes.

import { EventEmitter } from 'node:events'
import type mysql from 'mysql2'
import { DecodeError } from '../binlog/index.ts'

/** The values of one row: `buf[at[2i] .. at[2i+1])` is value i as the server sent it; at[2i] = -1 for NULL. */
export class TextRow {
  buf: Buffer = Buffer.alloc(0)
  readonly at: Int32Array

  constructor(readonly width: number) {
    this.at = new Int32Array(width * 2)
  }

  /** Value i as a view into the packet (valid during the row's call), null for NULL. */
  value(i: number): Buffer | null {
    const s = this.at[2 * i]
    return s < 0 ? null : this.buf.subarray(s, this.at[2 * i + 1])
  }
}

/** An error packet of the server, shaped like mysql2's query errors (errno, sqlState). */
export class ServerQueryError extends Error {
  constructor(
    readonly errno: number,
    readonly sqlState: string,
    readonly sqlMessage: string,
  ) {
    super(sqlMessage)
    this.name = 'ServerQueryError'
  }
}

/** Called per row; a returned promise pauses reading until it settles (a rejection ends the query). */
export type TextRowHandler = (row: TextRow) => void | Promise<void>

/** What mysql2 hands a command: a packet whose payload is buffer[offset..end). */
interface Mysql2Packet {
  buffer: Buffer
  offset: number
  end: number
}

/** The parts of mysql2's Connection this command uses. */
interface Mysql2Core {
  writePacket(packet: { buffer: Buffer; length(): number; writeHeader(seq: number): void }): void
  _resetSequenceId(): void
  addCommand(cmd: object): object
  pause(): void
  resume(): void
  destroy(): void
  config: { clientFlags: number }
  serverCapabilityFlags?: number
}

const COM_QUERY = 0x03
/** Query attributes in COM_QUERY: with it, the statement follows a parameter count and set count. */
const CLIENT_QUERY_ATTRIBUTES = 0x08000000

type State = 'start' | 'header' | 'columns' | 'columnsEof' | 'rows' | 'done'

class TextQueryCommand extends EventEmitter {
  private state: State = 'start'
  private columnsLeft = 0
  private rows = 0
  private readonly row: TextRow

  constructor(
    private readonly sql: string,
    width: number,
    private readonly onRow: TextRowHandler,
    private readonly settle: (err: Error | null, rows: number) => void,
  ) {
    super()
    this.row = new TextRow(width)
  }

  /** mysql2 calls this with no packet when the command starts, then once per answer packet. */
  execute(packet: Mysql2Packet | undefined, connection: Mysql2Core): boolean {
    if (this.state === 'start') {
      this.state = 'header'
      connection._resetSequenceId()
      connection.writePacket(
        queryPacket(this.sql, (connection.config.clientFlags & (connection.serverCapabilityFlags ?? 0) & CLIENT_QUERY_ATTRIBUTES) !== 0),
      )
      return false
    }
    if (!packet) return false
    const buf = packet.buffer
    const p = packet.offset
    const end = packet.end
    const marker = buf[p]
    const eof = marker === 0xfe && end - p < 9
    // Failed while rows were coming: the rest is read and dropped, up to the end of the result.
    if (this.state === 'done') return eof || marker === 0xff ? this.ended() : false
    if (marker === 0xff) {
      this.fail(errorOf(buf, p, end))
      return this.ended()
    }
    try {
      switch (this.state) {
        case 'header': {
          const count = marker === 0x00 ? 0 : lenencInt(buf, p, end)
          if (count !== this.row.width) return this.broken(connection, `the result has ${count} columns, expected ${this.row.width}`)
          this.columnsLeft = count
          this.state = 'columns'
          return false
        }
        case 'columns':
          if (--this.columnsLeft === 0) this.state = 'columnsEof'
          return false
        case 'columnsEof':
          if (!eof) return this.broken(connection, 'expected EOF after the column definitions')
          this.state = 'rows'
          return false
        case 'rows': {
          if (eof) {
            this.state = 'done'
            this.settle(null, this.rows)
            return this.ended()
          }
          splitRow(buf, p, end, this.row)
          this.rows++
          const wait = this.onRow(this.row)
          if (wait !== undefined) {
            connection.pause()
            wait.then(
              () => connection.resume(),
              (err: unknown) => {
                this.fail(err as Error)
                connection.resume()
              },
            )
          }
          return false
        }
      }
    } catch (err) {
      this.fail(err as Error)
    }
    return false
  }

  /** Connection-level failures (socket closed, fatal errors) arrive here from mysql2. */
  onResult(err: Error | null): void {
    this.fail(err ?? new DecodeError('the connection ended the query'))
  }

  private fail(err: Error): void {
    if (this.state === 'done') return
    this.state = 'done'
    this.settle(err, this.rows)
  }

  private ended(): true {
    this.emit('end')
    return true
  }

  /** The answer is not what COM_QUERY gives: the connection cannot be trusted any more. */
  private broken(connection: Mysql2Core, why: string): true {
    const err = Object.assign(new DecodeError(why), { fatal: true })
    this.fail(err)
    connection.destroy()
    return this.ended()
  }
}

/**
 * Runs `sql` (already formatted, no placeholders) and hands every row of its result to `onRow`;
 * resolves with the number of rows once the last one was handled. `width`: the columns expected.
 */
export function queryTextRows(conn: mysql.Connection, sql: string, width: number, onRow: TextRowHandler): Promise<number> {
  return new Promise((resolve, reject) => {
    const cmd = new TextQueryCommand(sql, width, onRow, (err, rows) => (err ? reject(err) : resolve(rows)))
    ;(conn as unknown as Mysql2Core).addCommand(cmd)
  })
}

/** Fills `row` with the offsets of the values in payload buf[p..end). */
function splitRow(buf: Buffer, p: number, end: number, row: TextRow): void {
  const at = row.at
  const n = row.width
  row.buf = buf
  for (let i = 0; i < n; i++) {
    if (p >= end) throw new DecodeError(`row packet ends after ${i} of ${n} values`)
    const b = buf[p]
    let len: number
    if (b < 0xfb) {
      len = b
      p += 1
    } else if (b === 0xfb) {
      at[2 * i] = -1
      at[2 * i + 1] = -1
      p += 1
      continue
    } else if (b === 0xfc) {
      len = buf[p + 1] | (buf[p + 2] << 8)
      p += 3
    } else if (b === 0xfd) {
      len = buf[p + 1] | (buf[p + 2] << 8) | (buf[p + 3] << 16)
      p += 4
    } else if (b === 0xfe) {
      if (buf[p + 5] | buf[p + 6] | buf[p + 7] | buf[p + 8]) throw new DecodeError('a value longer than 4 GiB')
      len = (buf[p + 1] | (buf[p + 2] << 8) | (buf[p + 3] << 16)) + buf[p + 4] * 0x1000000
      p += 9
    } else throw new DecodeError(`0x${b.toString(16)} cannot start a value`)
    if (p + len > end) throw new DecodeError(`value ${i} of ${len} bytes runs past the row packet`)
    at[2 * i] = p
    at[2 * i + 1] = p + len
    p += len
  }
  if (p !== end) throw new DecodeError(`row packet has ${end - p} bytes after its ${n} values`)
}

function lenencInt(buf: Buffer, p: number, end: number): number {
  const b = buf[p]
  if (b < 0xfb) return b
  if (b === 0xfc && p + 3 <= end) return buf[p + 1] | (buf[p + 2] << 8)
  if (b === 0xfd && p + 4 <= end) return buf[p + 1] | (buf[p + 2] << 8) | (buf[p + 3] << 16)
  throw new DecodeError(`unexpected column count 0x${b.toString(16)}`)
}

/** ERR packet: [0xff] errno u16, '#' + 5-byte SQL state, message (rest). */
function errorOf(buf: Buffer, p: number, end: number): ServerQueryError {
  const errno = end - p >= 3 ? buf.readUInt16LE(p + 1) : 0
  let m = p + 3
  let sqlState = 'HY000'
  if (buf[m] === 0x23 && end - m >= 6) {
    sqlState = buf.toString('latin1', m + 1, m + 6)
    m += 6
  }
  return new ServerQueryError(errno, sqlState, buf.toString('utf8', m, end))
}

/** COM_QUERY with the statement in UTF-8 (the connection's character set is utf8mb4). */
function queryPacket(sql: string, withAttributes: boolean) {
  const head = withAttributes ? 3 : 1
  const text = Buffer.from(sql, 'utf8')
  const buffer = Buffer.allocUnsafe(4 + head + text.length)
  buffer[4] = COM_QUERY
  // No query attributes: parameter_count 0, parameter_set_count 1.
  if (withAttributes) {
    buffer[5] = 0
    buffer[6] = 1
  }
  text.copy(buffer, 4 + head)
  return {
    buffer,
    length: () => buffer.length,
    writeHeader(seq: number) {
      buffer.writeUIntLE(buffer.length - 4, 0, 3)
      buffer[3] = seq
    },
  }
}
