// WRITE/UPDATE/DELETE_ROWS events (v1, v2, MariaDB compressed) and PARTIAL_UPDATE_ROWS: the rows
// a statement changed, each as a full image decoded against the table's TABLE_MAP.

import { inflateSync } from 'node:zlib'
import { ColumnType, type Row } from '../../model/index.ts'
import { Cursor } from '../cursor.ts'
import { DecodeError } from '../errors.ts'
import { EventType } from '../event-type.ts'
import { type ColumnCodec, type JsonTextDecoder, compileCodecs, readRow } from '../rows/row-reader.ts'
import type { CharsetRegistry } from '../values/charsets.ts'
import type { JsonCodec, JsonDocument } from '../values/json-codec.ts'
import { UnchangedJson } from '../rows/unchanged-json.ts'
import type { TableMapEvent } from './table-map.ts'

export type RowsOp = 'insert' | 'update' | 'delete'

export interface RowsEvent {
  kind: 'rows'
  op: RowsOp
  table: TableMapEvent
  flags: number
  /** Images before the change (update, delete); null for inserts. */
  before: Row[] | null
  /** Images after the change (insert, update); null for deletes. Same order as `before`. */
  after: Row[] | null
}

/** Rows flag: the last rows event of its statement (STMT_END_F). */
export const STMT_END_F = 0x0001

/** value_options bit of PARTIAL_UPDATE_ROWS after-images: JSON columns may hold diffs. */
const PARTIAL_JSON_UPDATES = 1

export interface RowsDecodeContext {
  tables: Map<number, TableMapEvent>
  charsets: CharsetRegistry
  codecs: WeakMap<TableMapEvent, ColumnCodec[]>
  json: JsonCodec
}

interface RowsEventShape {
  op: RowsOp
  v2: boolean
  compressed: boolean
  partial: boolean
}

const SHAPES = new Map<number, RowsEventShape>([
  [EventType.WRITE_ROWS_V1, { op: 'insert', v2: false, compressed: false, partial: false }],
  [EventType.UPDATE_ROWS_V1, { op: 'update', v2: false, compressed: false, partial: false }],
  [EventType.DELETE_ROWS_V1, { op: 'delete', v2: false, compressed: false, partial: false }],
  [EventType.WRITE_ROWS, { op: 'insert', v2: true, compressed: false, partial: false }],
  [EventType.UPDATE_ROWS, { op: 'update', v2: true, compressed: false, partial: false }],
  [EventType.DELETE_ROWS, { op: 'delete', v2: true, compressed: false, partial: false }],
  [EventType.PARTIAL_UPDATE_ROWS, { op: 'update', v2: true, compressed: false, partial: true }],
  [EventType.MARIADB_WRITE_ROWS_COMPRESSED_V1, { op: 'insert', v2: false, compressed: true, partial: false }],
  [EventType.MARIADB_UPDATE_ROWS_COMPRESSED_V1, { op: 'update', v2: false, compressed: true, partial: false }],
  [EventType.MARIADB_DELETE_ROWS_COMPRESSED_V1, { op: 'delete', v2: false, compressed: true, partial: false }],
  [EventType.MARIADB_WRITE_ROWS_COMPRESSED, { op: 'insert', v2: true, compressed: true, partial: false }],
  [EventType.MARIADB_UPDATE_ROWS_COMPRESSED, { op: 'update', v2: true, compressed: true, partial: false }],
  [EventType.MARIADB_DELETE_ROWS_COMPRESSED, { op: 'delete', v2: true, compressed: true, partial: false }],
])

export function isRowsEvent(type: number): boolean {
  return SHAPES.has(type)
}

/**
 * Body: table_id (6 bytes, 4 with a 6-byte post-header), flags u16; v2 adds extra_data_len u16
 * (counting itself) and that extra data. Then the column count (packed), the bitmap of columns in
 * the before-image (or the only image), for updates the bitmap of the after-image, then the rows
 * to the end: for each, null bitmap + values; an update has before then after. MariaDB's
 * compressed events hold everything after the bitmaps zlib-compressed (see `uncompressMariadb`).
 * A PARTIAL_UPDATE_ROWS after-image starts with value_options (packed) and, when its bit 0 is set,
 * a bitmap over the table's JSON columns telling which carry diffs instead of documents.
 */
export function decodeRows(c: Cursor, type: number, tableIdSize: number, ctx: RowsDecodeContext): RowsEvent | null {
  const shape = SHAPES.get(type)
  if (!shape) throw new DecodeError(`event type ${type} is not a rows event`)
  const tableId = tableIdSize === 4 ? c.u32() : c.u48()
  const flags = c.u16()
  if (shape.v2) {
    const extra = c.u16()
    if (extra < 2) throw new DecodeError(`rows event extra data length ${extra} < 2`)
    c.skip(extra - 2, 'rows event extra data')
  }
  const table = ctx.tables.get(tableId)
  if (!table) {
    // The server ends some statements with an empty "dummy" event for table id 0xFFFFFF/~0.
    if (c.remaining === 0 || tableId === 0xffffff || tableId === 0xffffffffffff) return null
    throw new DecodeError(`rows event for table id ${tableId} without a TABLE_MAP before it`)
  }
  // Rows of a table whose columns chsync cannot read: handed on empty, the table says why.
  if (table.unsupported) return { kind: 'rows', op: shape.op, table, flags, before: null, after: null }
  const count = c.lenenc('column count')
  if (count !== table.columns.length)
    throw new DecodeError(`rows event has ${count} columns, TABLE_MAP has ${table.columns.length}`, {
      table: `${table.database}.${table.table}`,
    })
  const bitmapLen = (count + 7) >> 3
  const presentBefore = c.bytes(bitmapLen, 'column bitmap')
  const presentAfter = shape.op === 'update' ? c.bytes(bitmapLen, 'after-image column bitmap') : presentBefore

  let buf = c.buf
  let pos = c.pos
  let end = c.end
  if (shape.compressed) {
    buf = uncompressMariadb(c.buf.subarray(c.pos, c.end))
    pos = 0
    end = buf.length
  }

  let compiled = ctx.codecs.get(table)
  if (!compiled) {
    compiled = compileCodecs(table, ctx.charsets, ctx.json)
    ctx.codecs.set(table, compiled)
  }
  const codecs = compiled
  const nBefore = popcount(presentBefore, count)
  const nAfter = popcount(presentAfter, count)
  const before: Row[] | null = shape.op === 'insert' ? null : []
  const after: Row[] | null = shape.op === 'delete' ? null : []
  const out = { pos }
  const where = { table: `${table.database}.${table.table}` }
  const json = ctx.json
  const jsonText: JsonTextDecoder = (b, start, stop, i) => json.textOf(b, start, stop, codecs[i].json)
  // A partial update's diffs apply to the before-image's document: keep those as trees.
  const beforeDocs: (JsonDocument | undefined)[] = []
  const unchanged = shape.op === 'update' && !shape.partial ? new UnchangedJson(count, jsonText) : null
  const jsonTextKeepingTree: JsonTextDecoder = (b, start, stop, i) => json.text((beforeDocs[i] = json.decode(b.subarray(start, stop))))
  if (nBefore === 0 || nAfter === 0) throw new DecodeError('rows event whose image has no columns', where)
  try {
    while (out.pos < end) {
      if (shape.op === 'insert') {
        after!.push(readRow(buf, out.pos, end, codecs, presentBefore, nBefore, jsonText, out))
        continue
      }
      if (shape.partial) beforeDocs.length = 0
      unchanged?.nextRow()
      const beforeText = shape.partial ? jsonTextKeepingTree : (unchanged?.before ?? jsonText)
      const b = readRow(buf, out.pos, end, codecs, presentBefore, nBefore, beforeText, out)
      before!.push(b)
      if (shape.op === 'delete') continue
      if (shape.partial) after!.push(readPartialAfterImage(buf, out, end, codecs, presentAfter, nAfter, beforeDocs, json, jsonText))
      else after!.push(readRow(buf, out.pos, end, codecs, presentAfter, nAfter, unchanged!.after, out))
    }
  } catch (err) {
    if (err instanceof DecodeError) throw new DecodeError(err.message.replace(/ \(at [^)]*\)$/, ''), { ...where, ...err.place })
    throw err
  }
  return { kind: 'rows', op: shape.op, table, flags, before, after }
}

/**
 * After-image of a PARTIAL_UPDATE_ROWS row: value_options, then (if partial) one bit per JSON
 * column of the table, set when that column's value is a diff list. Diff columns
 * are read as raw bytes by the row reader (their length prefix is the column's), then applied to
 * the before-image's document.
 */
function readPartialAfterImage(
  buf: Buffer,
  out: { pos: number },
  end: number,
  codecs: ColumnCodec[],
  present: Uint8Array,
  presentCount: number,
  beforeDocs: (JsonDocument | undefined)[],
  json: JsonCodec,
  jsonText: JsonTextDecoder,
): Row {
  const c = new Cursor(buf, out.pos, end)
  const options = c.lenenc('value_options')
  if (options > PARTIAL_JSON_UPDATES) throw new DecodeError(`unknown value_options ${options} in a partial update`)
  const diffColumns: number[] = []
  if (options & PARTIAL_JSON_UPDATES) {
    // One bit per JSON column of the table (present in this image or not), least significant first.
    const json = codecs.filter((k) => k.col.type === ColumnType.JSON)
    const bits = c.bytes((json.length + 7) >> 3, 'partial JSON bitmap')
    json.forEach((k, i) => {
      if (bits[i >> 3] & (1 << (i & 7))) diffColumns.push(k.col.index)
    })
  }
  const afterText: JsonTextDecoder = (b, start, stop, i) => {
    if (!diffColumns.includes(i)) return jsonText(b, start, stop, i)
    const doc = beforeDocs[i]
    if (doc === undefined) throw new DecodeError('JSON diff for a column whose before-image is NULL or absent')
    return json.text(json.applyDiffs(doc, b.subarray(start, stop)))
  }
  return readRow(buf, c.pos, end, codecs, present, presentCount, afterText, out)
}

function popcount(bitmap: Uint8Array, count: number): number {
  let n = 0
  for (let i = 0; i < count; i++) if (bitmap[i >> 3] & (1 << (i & 7))) n++
  return n
}

/**
 * MariaDB compressed payload: 1 header byte (bit 7 set, bits 4-6 algorithm: 0 = zlib, bits 0-2 the
 * size of the uncompressed length), the uncompressed length big-endian, then zlib data.
 */
export function uncompressMariadb(data: Buffer): Buffer {
  if (data.length < 1 || (data[0] & 0x80) === 0) throw new DecodeError('compressed event without its header byte')
  const lenlen = data[0] & 0x07
  const alg = (data[0] & 0x70) >> 4
  if (alg !== 0) throw new DecodeError(`compressed event uses unknown algorithm ${alg}`)
  if (lenlen < 1 || lenlen > 4 || data.length < 1 + lenlen) throw new DecodeError(`compressed event length of ${lenlen} bytes`)
  const expected = data.readUIntBE(1, lenlen)
  let out: Buffer
  try {
    out = inflateSync(data.subarray(1 + lenlen), { maxOutputLength: Math.max(expected, 1) })
  } catch (err) {
    throw new DecodeError('compressed event does not inflate', {}, { cause: err })
  }
  if (out.length !== expected) throw new DecodeError(`compressed event inflates to ${out.length} bytes, header says ${expected}`)
  return out
}
