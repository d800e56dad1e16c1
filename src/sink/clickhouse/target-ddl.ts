// Follows the source's DDL in ClickHouse: each schema change becomes the target's, every step
// checked against the target's real state (applied again after a crash, it does nothing more). A
// change ClickHouse refuses sets that table aside; a change that rewrote the source's rows without
// row events has the table copied again.

import type { DdlChange, SchemaChange, SourceTable } from '../../model/index.ts'
import { type DdlResult, type PrepareResult, TargetRefusedError } from '../sink.ts'
import type { PreparedTable } from './batches.ts'
import { isTableRefusal } from './errors.ts'
import type { ClickHouseServer } from './server.ts'
import type { TargetSchema } from './target-schema.ts'
import { type TargetNaming, ident, targetColumn } from './target-table.ts'
import { valueLiteral } from './value-literal.ts'

/** What following DDL needs of the sink. */
export interface DdlTarget {
  server: ClickHouseServer
  schema: TargetSchema
  naming: TargetNaming
  /** The current preparation of a table, if any. */
  prepared(database: string, table: string): PreparedTable | undefined
  prepareTable(table: SourceTable): Promise<PrepareResult>
  /** The table is gone from the target: its preparation goes (its pending rows stay). */
  forget(database: string, table: string): void
}

export async function applyDdl(ddl: DdlChange, target: DdlTarget): Promise<DdlResult> {
  const result: DdlResult = { rebuilt: [], refused: [] }
  const copy = (t: SourceTable) => {
    if (!result.rebuilt.some((r) => r.database === t.database && r.table === t.table)) result.rebuilt.push(t)
  }
  for (const c of ddl.changes) {
    const subject = subjectOf(c, ddl)
    try {
      await applyChange(c, ddl, target, copy)
    } catch (err) {
      // The target will not follow this table: it is set aside, the others go on.
      if (subject && (err instanceof TargetRefusedError || isTableRefusal(err)))
        result.refused.push({ table: subject, reason: (err as Error).message })
      else throw err
    }
  }
  return result
}

async function applyChange(c: SchemaChange, ddl: DdlChange, t: DdlTarget, copy: (t: SourceTable) => void): Promise<void> {
  const { schema, naming } = t
  const before = (database: string, table: string) => ddl.before.find((x) => x.database === database && x.table === table)
  switch (c.kind) {
    case 'create_table':
      // A new table starts empty; its rows follow as row events.
      await t.prepareTable(c.table)
      return
    case 'drop_table': {
      const old = before(c.database, c.table)
      if (old) await schema.drop(old)
      t.forget(c.database, c.table)
      return
    }
    case 'truncate_table': {
      const old = before(c.database, c.table)
      // A history table keeps its rows: the copy that follows closes every key it no longer has
      // with a delete (snapshotDone), at a version of the truncate's own.
      if (old && t.prepared(old.database, old.table)?.target.history) copy(old)
      else if (old) await schema.truncate(old)
      return
    }
    case 'rename_table':
      t.forget(c.from.database, c.from.table)
      break
    case 'add_column': {
      const col = targetColumn(c.database, c.table, c.column, naming, schema.timeTypeOf(c.after))
      // The rows already there get what the source filled in, as the column's DEFAULT.
      let fill: string | null = null
      if (c.fill.kind === 'value') {
        fill = await valueLiteral(t.server, col, c.fill.raw)
        if (fill === null) copy(c.after)
      } else if (c.fill.kind === 'unknown') copy(c.after)
      const i = c.after.columns.findIndex((x) => x.name === c.column.name)
      const place = i > 0 ? `AFTER ${ident(c.after.columns[i - 1].name)}` : 'FIRST'
      await schema.addColumn(c.after, col.name, col.type, fill, place)
      break
    }
    case 'modify_column': {
      const p = t.prepared(c.database, c.table)
      const old = p?.target.columns.find((x) => x.name === c.oldName)
      const col = targetColumn(c.database, c.table, c.column, naming, schema.timeTypeOf(c.after))
      const isKey = isKeyColumn(p, c.oldName)
      if (c.oldName !== c.column.name && !isKey) await schema.renameColumn(c.after, c.oldName, c.column.name)
      if (old && old.type !== col.type) {
        // The source converted every row without a row event: the column is filled again by a copy
        // (a key column: the table starts over when prepared below).
        if (!isKey) await schema.dropColumnUnless(c.after, col.name, col.type)
        copy(c.after)
      }
      break
    }
    case 'rename_column':
      // A key column cannot be renamed in ClickHouse: the table starts over when prepared below.
      if (!isKeyColumn(t.prepared(c.database, c.table), c.from)) await schema.renameColumn(c.after, c.from, c.to)
      break
    default:
      break
  }
  if ('after' in c && c.after) {
    if ((await t.prepareTable(c.after)) === 'rebuilt') copy(c.after)
    // Rows of a keyless table are keyed by a hash of all their values: a column change gives
    // every row a new key, so the table is copied again (the old keys go with the copy's cleanup).
    const columnChange = c.kind === 'add_column' || c.kind === 'drop_column' || c.kind === 'modify_column' || c.kind === 'rename_column'
    if (columnChange && c.after.primaryKey.length === 0) copy(c.after)
  }
}

function isKeyColumn(p: PreparedTable | undefined, name: string): boolean {
  return p?.target.source.primaryKey.some((k) => p.target.columns[k].name === name) ?? false
}

/** The table a change is about, as the pipeline tracks it (set aside when the target refuses the change). */
function subjectOf(c: SchemaChange, ddl: DdlChange): SourceTable | undefined {
  if (c.kind === 'create_table') return c.table
  if ('after' in c && c.after) return c.after
  if (c.kind === 'drop_table' || c.kind === 'truncate_table')
    return ddl.before.find((t) => t.database === c.database && t.table === c.table)
  return undefined
}
