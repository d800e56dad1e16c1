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

import type { Cell, Row } from '../../binlog/index.ts'
import type { DdlChange, RowChange } from '../../pipeline/change.ts'
import type { SourceTable } from '../../schema/model.ts'
import { sourceTypeName } from '../../schema/types/index.ts'
import { type JsonValueWriter, bigintJson, jsonValueWriter } from './json-value.ts'

export type FeedKind = 'snapshot_insert' | 'insert' | 'update' | 'delete' | 'ddl'

export interface FeedLine {
  /** Everything up to the "ts" field, without the closing brace. */
  body: string
  /** The "ts" value as JSON ("null" when unknown). */
  ts: string
}

export function lineText(l: FeedLine): string {
  return `${l.body},"ts":${l.ts}}\n`
}

/** Where the "ts" field starts in a line's text; the body is what comes before. */
export const TS_FIELD = ',"ts":'

interface TableText {
  head: Record<Exclude<FeedKind, 'ddl'>, string>
  names: string[]
  types: string[]
  writers: JsonValueWriter[]
  /** `"columnnames":[...],"columntypes":[...]` for a row image with every column. */
  allColumns: string
  /** Key columns for "oldkeys": the primary key, or every column of a keyless table. */
  key: number[]
}

const str = (s: string) => JSON.stringify(s)
const list = (items: string[]) => `[${items.join(',')}]`

export class FeedLineEncoder {
  private readonly tables = new WeakMap<SourceTable, TableText>()

  constructor(private readonly opts: { includeBefore: boolean }) {}

  row(change: RowChange): FeedLine {
    const t = this.textOf(change.table)
    let body: string
    switch (change.kind) {
      case 'insert':
      case 'snapshot':
        body = t.head[change.kind === 'insert' ? 'insert' : 'snapshot_insert'] + this.image(t, change.after!, true)
        break
      case 'update':
        body = `${t.head.update}${this.image(t, change.after!, true)},${this.oldKeys(t, change.before!)}`
        if (this.opts.includeBefore) body += `,"before":{${this.image(t, change.before!, false)}}`
        break
      case 'delete':
        body = `${t.head.delete},${this.oldKeys(t, change.before!)}`
        break
    }
    body += `,"gtid":${change.gtid === null ? 'null' : str(change.gtid)},"position":${change.position === null ? 'null' : str(change.position)},"version":${bigintJson(change.version)}`
    return { body, ts: tsJson(change.timestampMs) }
  }

  /** A DDL line; `version` is the counter as it stands (every row change after it is higher). */
  ddl(ddl: DdlChange, version: bigint): FeedLine {
    const body =
      `{"kind":"ddl","schema":${str(ddl.database)},"statement":${str(ddl.statement)},` +
      `"gtid":${ddl.gtid === null ? 'null' : str(ddl.gtid)},"position":${ddl.position === null ? 'null' : str(ddl.position)},"version":${bigintJson(version)}`
    return { body, ts: tsJson(ddl.timestampMs) }
  }

  /** `"columnnames":[..],("columntypes":[..],)"columnvalues":[..]`; columns the image lacks are left out. */
  private image(t: TableText, row: Row, types: boolean): string {
    let complete = true
    for (let i = 0; i < row.length; i++) if (row[i] === undefined) complete = false
    let values = '['
    if (complete && row.length === t.names.length) {
      for (let i = 0; i < row.length; i++) values += (i ? ',' : '') + t.writers[i](row[i] as Exclude<Cell, undefined>)
      const names = types ? t.allColumns : `"columnnames":${list(t.names)}`
      return `${names},"columnvalues":${values}]`
    }
    const names: string[] = []
    const typeNames: string[] = []
    for (let i = 0; i < row.length && i < t.names.length; i++) {
      const cell = row[i]
      if (cell === undefined) continue
      values += (names.length ? ',' : '') + t.writers[i](cell)
      names.push(t.names[i])
      typeNames.push(t.types[i])
    }
    return `"columnnames":${list(names)},${types ? `"columntypes":${list(typeNames)},` : ''}"columnvalues":${values}]`
  }

  private oldKeys(t: TableText, before: Row): string {
    const names: string[] = []
    let values = ''
    for (const i of t.key) {
      const cell = before[i]
      if (cell === undefined) continue
      values += (names.length ? ',' : '') + t.writers[i](cell)
      names.push(t.names[i])
    }
    return `"oldkeys":{"keynames":${list(names)},"keyvalues":[${values}]}`
  }

  private textOf(table: SourceTable): TableText {
    let t = this.tables.get(table)
    if (t) return t
    const prefix = `"schema":${str(table.database)},"table":${str(table.table)}`
    const names = table.columns.map((c) => str(c.name))
    const types = table.columns.map((c) => str(sourceTypeName(c)))
    t = {
      head: {
        snapshot_insert: `{"kind":"snapshot_insert",${prefix},`,
        insert: `{"kind":"insert",${prefix},`,
        update: `{"kind":"update",${prefix},`,
        delete: `{"kind":"delete",${prefix}`,
      },
      names,
      types,
      writers: table.columns.map(jsonValueWriter),
      allColumns: `"columnnames":${list(names)},"columntypes":${list(types)}`,
      key: table.primaryKey.length ? table.primaryKey : table.columns.map((_, i) => i),
    }
    this.tables.set(table, t)
    return t
  }
}

function tsJson(ms: number): string {
  return ms > 0 ? `"${new Date(ms).toISOString()}"` : 'null'
}
