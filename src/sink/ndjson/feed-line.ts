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

import type { Cell, DdlChange, Row, RowChange, SourceTable } from '../../model/index.ts'
import { sourceTypeName } from '../../schema/types/index.ts'
import { type JsonValueWriter, bigintJson, jsonValueWriter } from './json-value.ts'
import { LineBuffer } from './line-buffer.ts'

export type FeedKind = 'snapshot_insert' | 'insert' | 'update' | 'delete' | 'ddl'

/** Where the "ts" field starts in a line's text; the body is what comes before. */
export const TS_FIELD = ',"ts":'

interface TableText {
  head: Record<Exclude<FeedKind, 'ddl'>, Uint8Array>
  names: string[]
  types: string[]
  writers: JsonValueWriter[]
  /** `"columnnames":[...],"columntypes":[...],"columnvalues":[` for a row image with every column. */
  allColumns: Uint8Array
  /** `[...]` of the names and of the types, as JSON. */
  nameList: string
  typeList: string
  /** Key columns for "oldkeys": the primary key, or every column of a keyless table. */
  key: number[]
}

const str = (s: string) => JSON.stringify(s)
const list = (items: string[]) => `[${items.join(',')}]`
const utf8 = (s: string) => new TextEncoder().encode(s)

export class FeedLineEncoder {
  private readonly tables = new WeakMap<SourceTable, TableText>()
  // The rows of one transaction share their GTID, position and time: their text is made once.
  private where = { gtid: null as string | null, position: null as string | null, text: ',"gtid":null,"position":null,"version":' }
  private time = { ms: 0, text: `${TS_FIELD}null}\n` }

  constructor(private readonly opts: { includeBefore: boolean }) {}

  /** Writes the change's line into `out`; returns where its body ends (the "ts" field follows). */
  row(change: RowChange, out: LineBuffer): number {
    const t = this.textOf(change.table)
    // The fixed start as bytes, the rest as one string written at once (fewer, larger writes).
    let s: string
    switch (change.kind) {
      case 'insert':
      case 'snapshot':
        out.bytes(t.head[change.kind === 'insert' ? 'insert' : 'snapshot_insert'])
        s = this.after(t, change.after!, out)
        break
      case 'update':
        out.bytes(t.head.update)
        s = `${this.after(t, change.after!, out)},${this.oldKeys(t, change.before!)}`
        if (this.opts.includeBefore) s += `,"before":{${this.image(t, change.before!, false)}}`
        break
      case 'delete':
        out.bytes(t.head.delete)
        s = `,${this.oldKeys(t, change.before!)}`
        break
    }
    const ts = this.tsText(change.timestampMs)
    out.text(`${s}${this.whereText(change.gtid, change.position)}${bigintJson(change.version)}${ts}`)
    // `ts` is ASCII: one byte per character.
    return out.pos - ts.length
  }

  /** `,"gtid":…,"position":…,"version":` */
  private whereText(gtid: string | null, position: string | null): string {
    const w = this.where
    if (w.gtid !== gtid || w.position !== position) {
      this.where = {
        gtid,
        position,
        text: `,"gtid":${gtid === null ? 'null' : str(gtid)},"position":${position === null ? 'null' : str(position)},"version":`,
      }
    }
    return this.where.text
  }

  /** `,"ts":"…"}` and the newline. */
  private tsText(ms: number): string {
    if (this.time.ms !== ms) this.time = { ms, text: `${TS_FIELD}${tsJson(ms)}}\n` }
    return this.time.text
  }

  /** A DDL line; `version` is the counter as it stands (every row change after it is higher). */
  ddl(ddl: DdlChange, version: bigint, out: LineBuffer): number {
    const ts = `${TS_FIELD}${tsJson(ddl.timestampMs)}}\n`
    out.text(
      `{"kind":"ddl","schema":${str(ddl.database)},"statement":${str(ddl.statement)},` +
        `"gtid":${ddl.gtid === null ? 'null' : str(ddl.gtid)},"position":${ddl.position === null ? 'null' : str(ddl.position)},"version":${bigintJson(version)}${ts}`,
    )
    return out.pos - ts.length
  }

  /** The row after the change: the names as bytes when the image is complete, the rest as text. */
  private after(t: TableText, row: Row, out: LineBuffer): string {
    if (!complete(t, row)) return this.image(t, row, true)
    out.bytes(t.allColumns)
    return `${this.values(t, row)}]`
  }

  /** `"columnnames":[..],("columntypes":[..],)"columnvalues":[..]`; columns the image lacks are left out. */
  private image(t: TableText, row: Row, types: boolean): string {
    if (complete(t, row))
      return `"columnnames":${t.nameList},${types ? `"columntypes":${t.typeList},` : ''}"columnvalues":[${this.values(t, row)}]`
    const names: string[] = []
    const typeNames: string[] = []
    const values: string[] = []
    for (let i = 0; i < row.length && i < t.names.length; i++) {
      const cell = row[i]
      if (cell === undefined) continue
      values.push(t.writers[i](cell))
      names.push(t.names[i])
      typeNames.push(t.types[i])
    }
    return `"columnnames":${list(names)},${types ? `"columntypes":${list(typeNames)},` : ''}"columnvalues":${list(values)}`
  }

  private values(t: TableText, row: Row): string {
    let s = t.writers[0](row[0] as Exclude<Cell, undefined>)
    for (let i = 1; i < row.length; i++) s += `,${t.writers[i](row[i] as Exclude<Cell, undefined>)}`
    return s
  }

  private oldKeys(t: TableText, before: Row): string {
    const names: string[] = []
    const values: string[] = []
    for (const i of t.key) {
      const cell = before[i]
      if (cell === undefined) continue
      values.push(t.writers[i](cell))
      names.push(t.names[i])
    }
    return `"oldkeys":{"keynames":${list(names)},"keyvalues":${list(values)}}`
  }

  private textOf(table: SourceTable): TableText {
    let t = this.tables.get(table)
    if (t) return t
    const prefix = `"schema":${str(table.database)},"table":${str(table.table)}`
    const names = table.columns.map((c) => str(c.name))
    const types = table.columns.map((c) => str(sourceTypeName(c)))
    t = {
      head: {
        snapshot_insert: utf8(`{"kind":"snapshot_insert",${prefix},`),
        insert: utf8(`{"kind":"insert",${prefix},`),
        update: utf8(`{"kind":"update",${prefix},`),
        delete: utf8(`{"kind":"delete",${prefix}`),
      },
      names,
      types,
      writers: table.columns.map(jsonValueWriter),
      allColumns: utf8(`"columnnames":${list(names)},"columntypes":${list(types)},"columnvalues":[`),
      nameList: list(names),
      typeList: list(types),
      key: table.primaryKey.length ? table.primaryKey : table.columns.map((_, i) => i),
    }
    this.tables.set(table, t)
    return t
  }
}

/** One line as text, and its body: for tests and messages. */
export function lineOf(write: (out: LineBuffer) => number): { text: string; body: string } {
  const out = new LineBuffer(256)
  const bodyEnd = write(out)
  const dec = new TextDecoder()
  return { text: dec.decode(out.view(0, out.pos)), body: dec.decode(out.view(0, bodyEnd)) }
}

function complete(t: TableText, row: Row): boolean {
  if (row.length !== t.names.length || row.length === 0) return false
  for (let i = 0; i < row.length; i++) if (row[i] === undefined) return false
  return true
}

function tsJson(ms: number): string {
  return ms > 0 ? `"${new Date(ms).toISOString()}"` : 'null'
}
