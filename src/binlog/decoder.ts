// Event framing and dispatch: checks the header and the CRC32 of one event, then hands its body to
// the decoder for its type. Keeps what later events depend on: the format description and the
// table maps.

import { Cursor } from './cursor.ts'
import { BinlogError, ChecksumError, DecodeError, UnknownEventError, locate } from './errors.ts'
import { EventType, LOG_EVENT_ARTIFICIAL_F, LOG_EVENT_BINLOG_IN_USE_F, LOG_EVENT_IGNORABLE_F } from './event-type.ts'
import {
  type BinlogCheckpointEvent,
  type RowsQueryEvent,
  decodeAnnotateRows,
  decodeBinlogCheckpoint,
  decodeRowsQuery,
} from './events/annotations.ts'
import { type FormatDescriptionEvent, decodeFormatDescription, tableIdSize } from './events/format-description.ts'
import { type HeartbeatEvent, decodeHeartbeat, decodeHeartbeatV2 } from './events/heartbeat.ts'
import { type QueryEvent, decodeQuery } from './events/query.ts'
import { type RotateEvent, decodeRotate } from './events/rotate.ts'
import { type RowsEvent, decodeRows, isRowsEvent } from './events/rows.ts'
import { type TableMapEvent, decodeTableMap } from './events/table-map.ts'
import { decodeTransactionPayload } from './events/transaction-payload.ts'
import { type XidEvent, decodeXid } from './events/xid.ts'
import {
  type GtidEvent,
  type MariadbGtidEvent,
  type MariadbGtidList,
  type MysqlGtidSet,
  decodeGtidEvent,
  decodeGtidTaggedEvent,
  decodeMariadbGtidEvent,
  decodeMariadbGtidListEvent,
  decodePreviousGtidsEvent,
} from './gtid/index.ts'
import type { ColumnCodec } from './rows/row-reader.ts'
import type { CharsetRegistry } from './values/charsets.ts'
import { type JsonCodec, mysqlJsonCodec } from './values/json-codec.ts'

export const EVENT_HEADER_LENGTH = 19

export interface EventHeader {
  /** Seconds since the epoch when the statement started on the source. */
  timestamp: number
  type: number
  serverId: number
  eventSize: number
  /** Position of the next event in the binlog file; 0 for events not in the file. */
  logPos: number
  flags: number
}

export type EventBody =
  | FormatDescriptionEvent
  | RotateEvent
  | QueryEvent
  | XidEvent
  | TableMapEvent
  | RowsEvent
  | RowsQueryEvent
  | HeartbeatEvent
  | BinlogCheckpointEvent
  | { kind: 'gtid'; gtid: GtidEvent }
  | { kind: 'mariadb_gtid'; gtid: MariadbGtidEvent }
  | { kind: 'previous_gtids'; set: MysqlGtidSet }
  | { kind: 'gtid_list'; list: MariadbGtidList }
  | { kind: 'transaction_payload'; events: DecodedEvent[] }
  /** `xid` as the server prints it in XA statements: X'gtrid',X'bqual',formatID (hex in lower case). */
  | { kind: 'xa_prepare'; onePhase: boolean; xid: string }
  | { kind: 'incident'; incident: number; message: string }
  | { kind: 'stop' }
  /** Known events with nothing for a row replicator (statement-based extras, encryption start, ...). */
  | { kind: 'ignored'; type: number }
  /** Unknown to chsync and marked ignorable by the server. */
  | { kind: 'skipped'; type: number }

export interface DecodedEvent {
  header: EventHeader
  body: EventBody
}

export interface DecoderOptions {
  charsets: CharsetRegistry
  /** Checksum expected before the first FORMAT_DESCRIPTION says it (what was negotiated). */
  checksum: 'none' | 'crc32'
  json?: JsonCodec
  /** Decides details where the servers differ (charset metadata of GEOMETRY columns). */
  flavor?: 'mysql' | 'mariadb'
}

export class EventDecoder {
  fde: FormatDescriptionEvent | null = null
  checksum: 'none' | 'crc32'
  readonly tables = new Map<number, TableMapEvent>()
  private codecs = new WeakMap<TableMapEvent, ColumnCodec[]>()
  private readonly json: JsonCodec
  /** Counts of events skipped because they were unknown but ignorable, by type. */
  readonly skipped = new Map<number, number>()

  constructor(private readonly opts: DecoderOptions) {
    this.checksum = opts.checksum
    this.json = opts.json ?? mysqlJsonCodec
  }

  /**
   * Decodes one event at buf[start..end) (header, body, and the CRC32 when checksums are on).
   * `file` and `offset` only name the place in errors.
   */
  decode(buf: Buffer, start: number, end: number, file?: string, offset?: number, hasChecksum = this.checksum === 'crc32'): DecodedEvent {
    let header: EventHeader | undefined
    try {
      if (end - start < EVENT_HEADER_LENGTH) throw new DecodeError(`event of ${end - start} bytes is shorter than its header`)
      header = {
        timestamp: buf.readUInt32LE(start),
        type: buf[start + 4],
        serverId: buf.readUInt32LE(start + 5),
        eventSize: buf.readUInt32LE(start + 9),
        logPos: buf.readUInt32LE(start + 13),
        flags: buf.readUInt16LE(start + 17),
      }
      if (header.eventSize !== end - start)
        throw new DecodeError(`event header says ${header.eventSize} bytes, the packet has ${end - start}`)
      const offsetInFile = offset ?? (header.logPos > 0 ? header.logPos - header.eventSize : undefined)
      let bodyEnd = end
      // The FDE is read whole first: its checksum algorithm is inside it.
      const isFde = header.type === EventType.FORMAT_DESCRIPTION
      if (hasChecksum && !isFde) {
        bodyEnd = end - 4
        verifyCrc(buf, start, end, file, offsetInFile, header.type)
      }
      const c = new Cursor(buf, start + EVENT_HEADER_LENGTH, bodyEnd)
      const body = this.decodeBody(c, header, file, offsetInFile)
      if (isFde) {
        const fde = body as FormatDescriptionEvent
        if (fde.checksum === 'crc32') verifyCrc(buf, start, end, file, offsetInFile, header.type)
        this.fde = fde
        this.checksum = fde.checksum
        // A new file (or a restarted source) numbers its tables anew.
        this.tables.clear()
      }
      return { header, body }
    } catch (err) {
      if (err instanceof BinlogError && !(err instanceof DecodeError)) throw err
      throw locate(err, {
        file,
        offset: offset ?? (header && header.logPos > 0 ? header.logPos - header.eventSize : undefined),
        eventType: header?.type,
      })
    }
  }

  private decodeBody(c: Cursor, h: EventHeader, file: string | undefined, offset: number | undefined): EventBody {
    const type = h.type
    switch (type) {
      case EventType.FORMAT_DESCRIPTION:
        return decodeFormatDescription(c)
      case EventType.ROTATE:
        return decodeRotate(c, (h.flags & LOG_EVENT_ARTIFICIAL_F) !== 0 || h.logPos === 0)
      case EventType.QUERY:
        return decodeQuery(c, false)
      case EventType.MARIADB_QUERY_COMPRESSED:
        return decodeQuery(c, true)
      case EventType.XID:
        return decodeXid(c)
      case EventType.TABLE_MAP:
        return this.tableMap(c)
      case EventType.ROWS_QUERY:
        return decodeRowsQuery(c)
      case EventType.MARIADB_ANNOTATE_ROWS:
        return decodeAnnotateRows(c)
      case EventType.MARIADB_BINLOG_CHECKPOINT:
        return decodeBinlogCheckpoint(c)
      case EventType.HEARTBEAT:
        return decodeHeartbeat(c, h.logPos)
      case EventType.HEARTBEAT_V2:
        return decodeHeartbeatV2(c)
      case EventType.GTID:
      case EventType.ANONYMOUS_GTID:
        return { kind: 'gtid', gtid: decodeGtidEvent(c.rest(), type) }
      case EventType.GTID_TAGGED:
        return { kind: 'gtid', gtid: decodeGtidTaggedEvent(c.rest()) }
      case EventType.PREVIOUS_GTIDS:
        return { kind: 'previous_gtids', set: decodePreviousGtidsEvent(c.rest()) }
      case EventType.MARIADB_GTID:
        return { kind: 'mariadb_gtid', gtid: decodeMariadbGtidEvent(c.rest(), h.serverId) }
      case EventType.MARIADB_GTID_LIST:
        return { kind: 'gtid_list', list: decodeMariadbGtidListEvent(c.rest()) }
      case EventType.TRANSACTION_PAYLOAD:
        return { kind: 'transaction_payload', events: this.payloadEvents(c, file, offset) }
      case EventType.XA_PREPARE: {
        // one_phase u8, format_id u32, gtrid_length u32, bqual_length u32, data.
        const onePhase = c.u8() !== 0
        const formatId = c.u32() | 0
        const gtridLength = c.u32()
        const bqualLength = c.u32()
        const gtrid = c.bytes(gtridLength, 'XA gtrid').toString('hex')
        const bqual = c.bytes(bqualLength, 'XA bqual').toString('hex')
        return { kind: 'xa_prepare', onePhase, xid: `x'${gtrid}',x'${bqual}',${formatId}` }
      }
      case EventType.INCIDENT: {
        // incident type u16, message length u8, message.
        const incident = c.u16()
        const message = c.remaining > 0 ? c.string(c.u8(), 'incident message') : ''
        return { kind: 'incident', incident, message }
      }
      case EventType.STOP:
        return { kind: 'stop' }
      case EventType.INTVAR:
      case EventType.RAND:
      case EventType.USER_VAR:
      case EventType.IGNORABLE:
      case EventType.TRANSACTION_CONTEXT:
      case EventType.VIEW_CHANGE:
      case EventType.BEGIN_LOAD_QUERY:
      case EventType.EXECUTE_LOAD_QUERY:
      case EventType.APPEND_BLOCK:
      case EventType.DELETE_FILE:
      case EventType.MARIADB_START_ENCRYPTION:
        return { kind: 'ignored', type }
    }
    if (isRowsEvent(type)) {
      const rows = decodeRows(c, type, tableIdSize(this.fde, type), {
        tables: this.tables,
        charsets: this.opts.charsets,
        codecs: this.codecs,
        json: this.json,
      })
      return rows ?? { kind: 'ignored', type }
    }
    if (h.flags & LOG_EVENT_IGNORABLE_F) {
      this.skipped.set(type, (this.skipped.get(type) ?? 0) + 1)
      return { kind: 'skipped', type }
    }
    throw new UnknownEventError(type, { file, offset, eventType: type })
  }

  /**
   * TABLE_MAP events repeat before every transaction's rows; when one is byte-for-byte the one we
   * already have for that table id, reuse the decoded table (and its compiled row codecs).
   */
  private tableMap(c: Cursor): TableMapEvent {
    const size = tableIdSize(this.fde, EventType.TABLE_MAP)
    const id = size === 4 ? c.buf.readUInt32LE(c.pos) : c.buf.readUIntLE(c.pos, Math.min(6, c.remaining))
    const raw = c.buf.subarray(c.pos, c.end)
    const known = this.tables.get(id)
    if (known && this.rawTableMaps.get(known)?.equals(raw)) return known
    const table = decodeTableMap(c, size, (bytes, collation) => this.opts.charsets.decodeText(bytes, collation), this.opts.flavor)
    this.tables.set(id, table)
    this.rawTableMaps.set(table, Buffer.from(raw))
    return table
  }

  private rawTableMaps = new WeakMap<TableMapEvent, Buffer>()

  /** The charsets learned more collations: decode tables and rows again rather than reuse what was made without them. */
  charsetsChanged(): void {
    this.codecs = new WeakMap()
    this.rawTableMaps = new WeakMap()
  }

  /** The events inside a TRANSACTION_PAYLOAD; they carry no checksum of their own. */
  private payloadEvents(c: Cursor, file: string | undefined, offset: number | undefined): DecodedEvent[] {
    const payload = decodeTransactionPayload(c)
    const buf = payload.events
    const out: DecodedEvent[] = []
    let p = 0
    while (p < buf.length) {
      if (buf.length - p < EVENT_HEADER_LENGTH) throw new DecodeError('truncated event inside a transaction payload')
      const size = buf.readUInt32LE(p + 9)
      if (size < EVENT_HEADER_LENGTH || p + size > buf.length) throw new DecodeError(`event of ${size} bytes inside a transaction payload`)
      out.push(this.decode(buf, p, p + size, file, offset, false))
      p += size
    }
    return out
  }
}

function verifyCrc(buf: Buffer, start: number, end: number, file: string | undefined, offset: number | undefined, type: number): void {
  if (end - start < EVENT_HEADER_LENGTH + 4) throw new DecodeError('event too short for its checksum')
  const expected = buf.readUInt32LE(end - 4)
  let actual: number
  const flags = buf.readUInt16LE(start + 17)
  if (type === EventType.FORMAT_DESCRIPTION && flags & LOG_EVENT_BINLOG_IN_USE_F) {
    // The server sets "binlog in use" on the FDE of an open file after computing its checksum.
    const copy = Buffer.from(buf.subarray(start, end - 4))
    copy.writeUInt16LE(flags & ~LOG_EVENT_BINLOG_IN_USE_F, 17)
    actual = Bun.hash.crc32(copy)
  } else actual = Bun.hash.crc32(buf.subarray(start, end - 4))
  if (expected !== actual) throw new ChecksumError(expected, actual, { file, offset, eventType: type })
}
