// The pipeline's changes as the plugin sees them: rows by column name, the feed's kind names.

import { type DdlChange, JsonText, type Row, type RowChange, type SourceTable } from '../../model/index.ts'
import type { ColumnValue, DdlEvent, RowChangeEvent } from './api.ts'

interface TableNames {
  columns: string[]
  key: string[]
}

export class EventBuilder {
  private readonly names = new WeakMap<SourceTable, TableNames>()

  row(c: RowChange): RowChangeEvent {
    const n = this.namesOf(c.table)
    return {
      kind: c.kind === 'snapshot' ? 'snapshot_insert' : c.kind,
      schema: c.table.database,
      table: c.table.table,
      columns: n.columns,
      key: n.key,
      after: c.after ? byName(c.after, n.columns) : null,
      before: c.before ? byName(c.before, n.columns) : null,
      gtid: c.gtid,
      position: c.position,
      version: c.version,
      timestampMs: c.timestampMs,
    }
  }

  ddl(d: DdlChange, version: bigint): DdlEvent {
    return {
      kind: 'ddl',
      schema: d.database,
      statement: d.statement,
      gtid: d.gtid,
      position: d.position,
      version,
      timestampMs: d.timestampMs,
    }
  }

  private namesOf(t: SourceTable): TableNames {
    let n = this.names.get(t)
    if (!n) {
      const columns = t.columns.map((c) => c.name)
      n = { columns, key: t.primaryKey.map((i) => columns[i]) }
      this.names.set(t, n)
    }
    return n
  }
}

function byName(row: Row, columns: string[]): Record<string, ColumnValue> {
  const out: Record<string, ColumnValue> = {}
  for (let i = 0; i < columns.length && i < row.length; i++) {
    const v = row[i]
    // A JSON document reaches a plugin as its text, as it always did.
    if (v !== undefined) out[columns[i]] = v instanceof JsonText ? v.toString() : v
  }
  return out
}
