// One change as one JSON line of the change feed (wal2json's field names plus chsync's own):
//
//   {"kind":"update","schema":"shop","table":"orders",
//    "columnnames":["id","total"],"columntypes":["INT","DECIMAL(12,2)"],"columnvalues":[7,"10.50"],
//    "oldkeys":{"keynames":["id"],"keyvalues":[7]},
//    "before":{"columnnames":[...],"columnvalues":[...]},          (updates, with include_before)
//    "gtid":"…:42","position":"binlog.000003:1234","version":1042,"ts":"2024-05-01T10:00:00.000Z"}
//
// A line is made of a body and its "ts", always the last field: the body alone identifies a change
// when it is replayed after a restart (a snapshot row's ts is the time of the copy, not of the row).
//
// Lines are written as bytes straight into the line buffer: what a table's lines share (the kind
// and table, the column names and types, the key's names) is made once per table as bytes, what a
// transaction's rows share (GTID, position, time) once per transaction, and each value by its
// column's writer (json-value.ts), so a row makes no string.

import type { Cell, DdlChange, Row, RowChange, SourceTable } from '../../model/index.ts'
import { sourceTypeName } from '../../schema/types/index.ts'
import { writeAscii, writeBigint, writeString } from './json-bytes.ts'
import { type JsonBytesWriter, jsonBytesWriter } from './json-value.ts'
import { LineBuffer } from './line-buffer.ts'

export type FeedKind = 'snapshot_insert' | 'insert' | 'update' | 'delete' | 'ddl'

/** Where the "ts" field starts in a line's text; the body is what comes before. */
export const TS_FIELD = ',"ts":'

interface TableBytes {
  /** `{"kind":…,"schema":…,"table":…,` (delete: without the last comma). */
  head: Record<Exclude<FeedKind, 'ddl'>, Uint8Array>
  /** Each column's name and SQL type, as JSON strings. */
  names: Uint8Array[]
  types: Uint8Array[]
  writers: JsonBytesWriter[]
  /** `"columnnames":[...],"columntypes":[...],"columnvalues":[` for a row image with every column. */
  allColumns: Uint8Array
  /** `"columnnames":[...],"columnvalues":[` (the before image has no types). */
  allNames: Uint8Array
  /** 0 .. columns - 1. */
  columns: number[]
  /** Key columns for "oldkeys": the primary key, or every column of a keyless table. */
  key: number[]
  /** `,"oldkeys":{"keynames":[...],"keyvalues":[` when the before image has every key column. */
  allKeys: Uint8Array
}

const encoder = new TextEncoder()
const utf8 = (s: string) => encoder.encode(s)
const str = (s: string) => JSON.stringify(s)
const list = (items: string[]) => `[${items.join(',')}]`

const COLUMN_NAMES = utf8('"columnnames":[')
const COLUMN_TYPES = utf8('],"columntypes":[')
const COLUMN_VALUES = utf8('],"columnvalues":[')
const OLD_KEYS = utf8(',"oldkeys":{"keynames":[')
const KEY_VALUES = utf8('],"keyvalues":[')
const BEFORE = utf8(',"before":{')
const END_LIST = utf8(']')
const END_LIST_OBJECT = utf8(']}')
const END_OBJECT = utf8('}')
const COMMA = 0x2c

export class FeedLineEncoder {
  private readonly tables = new WeakMap<SourceTable, TableBytes>()
  // The rows of one transaction share their GTID, position and time: their bytes are made once.
  private where = { gtid: null as string | null, position: null as string | null, bytes: utf8(',"gtid":null,"position":null,"version":') }
  private time = { ms: 0, bytes: utf8(`${TS_FIELD}null}\n`) }

  constructor(private readonly opts: { includeBefore: boolean }) {}

  /** Writes the change's line into `out`; returns where its body ends (the "ts" field follows). */
  row(change: RowChange, out: LineBuffer): number {
    const t = this.tableOf(change.table)
    switch (change.kind) {
      case 'insert':
      case 'snapshot':
        out.bytes(t.head[change.kind === 'insert' ? 'insert' : 'snapshot_insert'])
        image(t, change.after!, true, out)
        break
      case 'update':
        out.bytes(t.head.update)
        image(t, change.after!, true, out)
        oldKeys(t, change.before!, out)
        if (this.opts.includeBefore) {
          out.bytes(BEFORE)
          image(t, change.before!, false, out)
          out.bytes(END_OBJECT)
        }
        break
      case 'delete':
        out.bytes(t.head.delete)
        oldKeys(t, change.before!, out)
        break
    }
    out.bytes(this.whereBytes(change.gtid, change.position))
    writeBigint(out, change.version)
    const bodyEnd = out.pos
    out.bytes(this.tsBytes(change.timestampMs))
    return bodyEnd
  }

  /** A DDL line; `version` is the counter as it stands (every row change after it is higher). */
  ddl(ddl: DdlChange, version: bigint, out: LineBuffer): number {
    writeAscii(out, '{"kind":"ddl","schema":')
    writeString(out, ddl.database)
    writeAscii(out, ',"statement":')
    writeString(out, ddl.statement)
    out.bytes(this.whereBytes(ddl.gtid, ddl.position))
    writeBigint(out, version)
    const bodyEnd = out.pos
    out.bytes(this.tsBytes(ddl.timestampMs))
    return bodyEnd
  }

  /** `,"gtid":…,"position":…,"version":` */
  private whereBytes(gtid: string | null, position: string | null): Uint8Array {
    const w = this.where
    if (w.gtid !== gtid || w.position !== position) {
      const text = `,"gtid":${gtid === null ? 'null' : str(gtid)},"position":${position === null ? 'null' : str(position)},"version":`
      this.where = { gtid, position, bytes: utf8(text) }
    }
    return this.where.bytes
  }

  /** `,"ts":"…"}` and the newline. */
  private tsBytes(ms: number): Uint8Array {
    if (this.time.ms !== ms) this.time = { ms, bytes: utf8(`${TS_FIELD}${ms > 0 ? `"${new Date(ms).toISOString()}"` : 'null'}}\n`) }
    return this.time.bytes
  }

  private tableOf(table: SourceTable): TableBytes {
    let t = this.tables.get(table)
    if (t) return t
    const prefix = `"schema":${str(table.database)},"table":${str(table.table)}`
    const names = table.columns.map((c) => str(c.name))
    const types = table.columns.map((c) => str(sourceTypeName(c)))
    const columns = table.columns.map((_, i) => i)
    const key = table.primaryKey.length ? table.primaryKey : columns
    t = {
      head: {
        snapshot_insert: utf8(`{"kind":"snapshot_insert",${prefix},`),
        insert: utf8(`{"kind":"insert",${prefix},`),
        update: utf8(`{"kind":"update",${prefix},`),
        delete: utf8(`{"kind":"delete",${prefix}`),
      },
      names: names.map(utf8),
      types: types.map(utf8),
      writers: table.columns.map(jsonBytesWriter),
      allColumns: utf8(`"columnnames":${list(names)},"columntypes":${list(types)},"columnvalues":[`),
      allNames: utf8(`"columnnames":${list(names)},"columnvalues":[`),
      columns,
      key,
      allKeys: utf8(`,"oldkeys":{"keynames":${list(key.map((i) => names[i]))},"keyvalues":[`),
    }
    this.tables.set(table, t)
    return t
  }
}

/** `"columnnames":[..],("columntypes":[..],)"columnvalues":[..]`; columns the image lacks are left out. */
function image(t: TableBytes, row: Row, types: boolean, out: LineBuffer): void {
  if (complete(t, row)) {
    out.bytes(types ? t.allColumns : t.allNames)
    t.writers[0](out, row[0] as Exclude<Cell, undefined>)
    for (let i = 1; i < row.length; i++) {
      out.byte(COMMA)
      t.writers[i](out, row[i] as Exclude<Cell, undefined>)
    }
    out.bytes(END_LIST)
    return
  }
  out.bytes(COLUMN_NAMES)
  presentTexts(row, t.columns, t.names, out)
  if (types) {
    out.bytes(COLUMN_TYPES)
    presentTexts(row, t.columns, t.types, out)
  }
  out.bytes(COLUMN_VALUES)
  presentValues(t, row, t.columns, out)
  out.bytes(END_LIST)
}

/** `,"oldkeys":{"keynames":[..],"keyvalues":[..]}` of the key columns the before image holds. */
function oldKeys(t: TableBytes, before: Row, out: LineBuffer): void {
  let all = true
  for (const i of t.key) if (before[i] === undefined) all = false
  if (all) out.bytes(t.allKeys)
  else {
    out.bytes(OLD_KEYS)
    presentTexts(before, t.key, t.names, out)
    out.bytes(KEY_VALUES)
  }
  presentValues(t, before, t.key, out)
  out.bytes(END_LIST_OBJECT)
}

/** The names (or types) of the columns `indices` whose cell the row holds, comma-separated. */
function presentTexts(row: Row, indices: readonly number[], texts: Uint8Array[], out: LineBuffer): void {
  let first = true
  for (const i of indices) {
    if (row[i] === undefined) continue
    if (!first) out.byte(COMMA)
    first = false
    out.bytes(texts[i])
  }
}

/** The values of the columns `indices` that the row holds, comma-separated. */
function presentValues(t: TableBytes, row: Row, indices: readonly number[], out: LineBuffer): void {
  let first = true
  for (const i of indices) {
    const cell = row[i]
    if (cell === undefined) continue
    if (!first) out.byte(COMMA)
    first = false
    t.writers[i](out, cell)
  }
}

/** One line as text, and its body: for tests and messages. */
export function lineOf(write: (out: LineBuffer) => number): { text: string; body: string } {
  const out = new LineBuffer(256)
  const bodyEnd = write(out)
  const dec = new TextDecoder()
  return { text: dec.decode(out.view(0, out.pos)), body: dec.decode(out.view(0, bodyEnd)) }
}

function complete(t: TableBytes, row: Row): boolean {
  if (row.length !== t.names.length || row.length === 0) return false
  for (let i = 0; i < row.length; i++) if (row[i] === undefined) return false
  return true
}
