// DDL as a sink sees it when columns are left out or masked: a change to a left-out column changes
// nothing there (the table is only brought in line with its shape); a masked column is added as
// text, its earlier rows filled with the masked default; a column whose treatment changes (renamed
// into or out of a pattern, or retyped while masked) has its values only on the source, so the
// table is copied again; and a table whose key would be left out or masked is refused.

import {
  type ColumnDef,
  type ColumnFill,
  type DdlChange,
  sameShape,
  type SchemaChange,
  type SourceTable,
  type TrackedTable,
} from '../../model/index.ts'
import type { MaskKind } from '../../config/index.ts'
import type { ColumnShaping } from './column-shaping.ts'

export interface ShapedDdl {
  ddl: DdlChange
  /** Tables to copy again: a column's values in the target no longer follow from the changes. */
  copy: SourceTable[]
  refused: { table: SourceTable; reason: string }[]
}

export function shapeDdl(ddl: DdlChange, x: ColumnShaping): ShapedDdl {
  const copy: SourceTable[] = []
  const refused: ShapedDdl['refused'] = []
  const shapeOne = (c: SchemaChange): SchemaChange | null => {
    const subject = c.kind === 'create_table' ? c.table : 'after' in c ? c.after : undefined
    const reason = subject ? x.keyProblem(subject) : null
    if (subject && reason) {
      refused.push({ table: subject, reason })
      return null
    }
    switch (c.kind) {
      case 'create_table':
        return { ...c, table: x.table(c.table) }
      case 'rename_table': {
        if (!c.after) return c
        const { from, to } = c
        if (
          c.after.columns.some(
            (col) =>
              x.treatment(from.database, from.table, col.name) !== x.treatment(to.database, to.table, col.name) &&
              x.treatment(to.database, to.table, col.name) !== 'out',
          )
        )
          copy.push(c.after)
        return { ...c, after: x.table(c.after) }
      }
      case 'add_column': {
        const t = x.treatment(c.database, c.table, c.column.name)
        const after = x.table(c.after)
        if (t === null) return { ...c, after }
        if (t === 'out') return unchanged(c, after)
        const column = after.columns.find((k) => k.name === c.column.name)!
        return { ...c, column, fill: maskedFill(x, t, c.fill), after }
      }
      case 'drop_column':
        return x.treatment(c.database, c.table, c.column) === 'out' ? unchanged(c, x.table(c.after)) : { ...c, after: x.table(c.after) }
      case 'modify_column':
      case 'rename_column': {
        const tOf = (name: string) => x.treatment(c.database, c.table, name)
        const [oldName, newName] = c.kind === 'modify_column' ? [c.oldName, c.column.name] : [c.from, c.to]
        const was = tOf(oldName)
        const now = tOf(newName)
        const after = x.table(c.after)
        if (was === null && now === null) return { ...c, after }
        if (was === now && (now === 'out' || c.kind === 'rename_column' || !retyped(ddl, c.database, c.table, oldName, c.column)))
          return now === 'out' ? unchanged(c, after) : { ...c, after }
        // Masked values follow the source values: retyped, or treated otherwise, they come again from a copy.
        if (now !== 'out') copy.push(c.after)
        return unchanged(c, after)
      }
      default:
        return 'after' in c && c.after ? { ...c, after: x.table(c.after) } : c
    }
  }
  const changes = ddl.changes.map(shapeOne).filter((c): c is SchemaChange => c !== null)
  return { ddl: { ...ddl, changes, before: ddl.before.map((t) => x.table(t)) }, copy, refused }
}

/** A change the sink only follows by bringing the table in line with its shape. */
function unchanged(c: { database: string; table: string }, after: TrackedTable): SchemaChange {
  return {
    kind: 'no_effect',
    reason: 'a column left out or masked (replicate.exclude_columns, replicate.mask)',
    database: c.database,
    table: c.table,
    after,
  }
}

/** Whether MODIFY changed the column's definition (its values may have changed with it). */
function retyped(ddl: DdlChange, database: string, table: string, oldName: string, now: ColumnDef): boolean {
  const before = ddl.before.find((t) => t.database === database && t.table === table)?.columns.find((k) => k.name === oldName)
  return before === undefined || !sameShape([{ ...before, name: now.name }], [now])
}

function maskedFill(x: ColumnShaping, kind: MaskKind, fill: ColumnFill): ColumnFill {
  if (fill.kind !== 'value') return fill
  const masked = x.maskOf(kind, fill.raw)
  return masked === null ? { kind: 'null' } : { kind: 'value', raw: Buffer.from(String(masked), 'utf8') }
}
