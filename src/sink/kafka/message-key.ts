// The key of a change's message: the row's primary key as a JSON array of its values, written as
// the values of the JSON lines are ([7], [7,"eu"]); for a table without a primary key, chsync's
// `_key` (the hash of the whole row, as in ClickHouse) as decimal digits. One row's changes thus
// share a key and land, in order, in one partition.

import type { Cell, Row, RowChange, SourceTable } from '../../model/index.ts'
import { keyHash } from '../clickhouse/index.ts'
import { type JsonValueWriter, jsonValueWriter } from '../ndjson/index.ts'

interface KeyText {
  columns: number[]
  writers: JsonValueWriter[]
}

export class MessageKeys {
  private readonly tables = new WeakMap<SourceTable, KeyText | null>()

  /** The key of the row after the change (before it, for a delete). */
  of(change: RowChange): string {
    const row = (change.kind === 'delete' ? change.before : change.after) as Row
    const k = this.keyOf(change.table)
    if (k === null) return keyHash(row).toString()
    let s = '['
    for (let i = 0; i < k.columns.length; i++) {
      const cell = row[k.columns[i]]
      s += (i ? ',' : '') + (cell === undefined ? 'null' : k.writers[i](cell as Exclude<Cell, undefined>))
    }
    return `${s}]`
  }

  private keyOf(t: SourceTable): KeyText | null {
    let k = this.tables.get(t)
    if (k === undefined) {
      k = t.primaryKey.length ? { columns: [...t.primaryKey], writers: t.primaryKey.map((i) => jsonValueWriter(t.columns[i])) } : null
      this.tables.set(t, k)
    }
    return k
  }
}
