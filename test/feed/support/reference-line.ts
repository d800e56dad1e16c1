// The change feed's line encoder as it was before lines were written as bytes (string
// concatenation and JSON.stringify, then UTF-8): the reference the byte encoder must equal, byte
// for byte (line-bytes.test.ts). Not used by chsync itself.

import type { Cell, ColumnDef, DdlChange, Row, RowChange, SourceTable } from '../../../src/model/index.ts'
import { ColumnType, JsonText } from '../../../src/model/index.ts'
import { fixedBinaryText } from '../../../src/binlog/index.ts'
import { sourceTypeName } from '../../../src/schema/types/index.ts'
import type { LineBuffer } from '../../../src/sink/ndjson/index.ts'

/** Writes one cell (never undefined) as JSON text. */
type JsonValueWriter = (cell: Exclude<Cell, undefined>) => string

const MAX_SAFE_TEXT = String(Number.MAX_SAFE_INTEGER)

/** A number as JSON: -0 keeps its sign; NaN and infinities (no MySQL type holds them) as strings. */
function numberJson(n: number): string {
  if (Number.isFinite(n)) return n === 0 && 1 / n < 0 ? '-0' : String(n)
  return `"${n}"`
}

/** A 64-bit integer: a JSON number when a double holds it exactly, else a string of its digits. */
function bigintJson(n: bigint): string {
  // Decided on the digits (cheaper than comparing bigints): up to 15 digits always fit, 16 digits
  // fit up to 9007199254740991 (same length: compared as text).
  const text = n.toString()
  const digits = text.charCodeAt(0) === 45 ? text.slice(1) : text
  const fits = digits.length < 16 || (digits.length === 16 && digits <= MAX_SAFE_TEXT)
  return fits ? text : `"${text}"`
}

function bytesJson(b: Uint8Array): string {
  return `"${Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64')}"`
}

/** Any cell by its JavaScript type; temporal columns go through `temporalJson` first. */
function cellJson(cell: Exclude<Cell, undefined>): string {
  if (cell === null) return 'null'
  // A JSON document was a string, its text, before it was handed over as bytes.
  if (cell instanceof JsonText) return JSON.stringify(cell.toString())
  switch (typeof cell) {
    case 'string':
      return JSON.stringify(cell)
    case 'number':
      return numberJson(cell)
    case 'bigint':
      return bigintJson(cell)
  }
  if (cell instanceof Uint8Array) return bytesJson(cell)
  // SET labels or VECTOR components.
  const items = cell as (string | number)[]
  let out = '['
  for (let i = 0; i < items.length; i++) {
    const v = items[i]
    out += (i ? ',' : '') + (typeof v === 'number' ? numberJson(v) : JSON.stringify(v))
  }
  return out + ']'
}

/** DATETIME "2024-02-29 12:34:56.789" → "2024-02-29T12:34:56.789"; TIMESTAMP (UTC) gets a "Z". */
function temporalWriter(utc: boolean): JsonValueWriter {
  return (cell) => {
    if (typeof cell !== 'string') return cellJson(cell)
    const space = cell.indexOf(' ')
    const iso = space < 0 ? cell : `${cell.slice(0, space)}T${cell.slice(space + 1)}`
    return `"${iso}${utc ? 'Z' : ''}"`
  }
}

const datetimeJson = temporalWriter(false)
const timestampJson = temporalWriter(true)

/** The writer for a column: by its type where the type matters, else by the cell's own type. */
function jsonValueWriter(col: ColumnDef): JsonValueWriter {
  const fixed = col.fixedBinaryType
  if (fixed) return (cell) => (cell instanceof Uint8Array ? `"${fixedBinaryText(fixed, cell)}"` : cellJson(cell))
  switch (col.type) {
    case ColumnType.DATETIME:
    case ColumnType.DATETIME2:
      return datetimeJson
    case ColumnType.TIMESTAMP:
    case ColumnType.TIMESTAMP2:
      return timestampJson
  }
  return cellJson
}

type FeedKind = 'snapshot_insert' | 'insert' | 'update' | 'delete' | 'ddl'

const TS_FIELD = ',"ts":'

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

export class ReferenceLineEncoder {
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

function complete(t: TableText, row: Row): boolean {
  if (row.length !== t.names.length || row.length === 0) return false
  for (let i = 0; i < row.length; i++) if (row[i] === undefined) return false
  return true
}

function tsJson(ms: number): string {
  return ms > 0 ? `"${new Date(ms).toISOString()}"` : 'null'
}
