// DDL as a sink sees it when columns are left out: a change to a left-out column changes nothing
// there (the table is only brought in line with its shape), a column a rename brings in has its
// values only on the source (the table is copied again), and a table whose key would be left out
// is refused.

import type { DdlChange } from '../../pipeline/change.ts'
import type { SchemaChange } from '../../schema/changes/index.ts'
import type { SourceTable } from '../../schema/model.ts'
import type { ColumnExclusion } from './column-exclusion.ts'

export interface ShapedDdl {
  ddl: DdlChange
  /** Tables to copy again: a column came in (renamed from a left-out name), its values are only on the source. */
  copy: SourceTable[]
  refused: { table: SourceTable; reason: string }[]
}

export function shapeDdl(ddl: DdlChange, x: ColumnExclusion): ShapedDdl {
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
        const from = c.from
        if (c.after.columns.some((col) => x.excludedBy(from.database, from.table, col.name) !== null && x.excludedBy(c.to.database, c.to.table, col.name) === null))
          copy.push(c.after)
        return { ...c, after: x.table(c.after) }
      }
      case 'add_column':
      case 'drop_column':
      case 'modify_column':
      case 'rename_column': {
        const out = (name: string) => x.excludedBy(c.database, c.table, name) !== null
        const [was, now] =
          c.kind === 'add_column' ? [null, c.column.name] : c.kind === 'drop_column' ? [c.column, null] : c.kind === 'modify_column' ? [c.oldName, c.column.name] : [c.from, c.to]
        const wasOut = was !== null && out(was)
        const nowOut = now !== null && out(now)
        if (!wasOut && !nowOut) return { ...c, after: x.table(c.after) }
        if (wasOut && now !== null && !nowOut) copy.push(c.after)
        return { kind: 'no_effect', reason: 'a column replicate.exclude_columns leaves out', database: c.database, table: c.table, after: x.table(c.after) }
      }
      default:
        return 'after' in c && c.after ? { ...c, after: x.table(c.after) } : c
    }
  }
  const changes = ddl.changes.map(shapeOne).filter((c): c is SchemaChange => c !== null)
  return { ddl: { ...ddl, changes, before: ddl.before.map((t) => x.table(t)) }, copy, refused }
}
