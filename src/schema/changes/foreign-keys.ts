// Foreign keys from DDL as the servers keep them (the constraint name they give, the referenced
// table in the child's database when none is written, the actions as stored), and what renames of
// tables and columns do to them — on both servers the foreign keys follow, child and parent side.

import type { ForeignKeyDefinition, ServerFlavor } from '../ddl/index.ts'
import type { ReferentialAction, SchemaChange, TableName, TrackedForeignKey, TrackedTable } from '../../model/index.ts'
import type { TableDraft } from './table-draft.ts'
import type { Workspace } from './workspace.ts'
import { copyTable, sameName } from './tracked-table.ts'

/**
 * The foreign key a definition makes in `child`; `generated()` gives the name when the server
 * makes one. Unqualified REFERENCES name a table of the child's database, not of the session's.
 */
export function foreignKeyFromAst(
  def: ForeignKeyDefinition,
  child: TableName,
  generated: () => string,
  flavor: ServerFlavor,
): TrackedForeignKey {
  const ref = def.references
  // MariaDB names the constraint after FOREIGN KEY's index name when there is no CONSTRAINT symbol; MySQL ignores it.
  const name = def.constraint ?? (flavor === 'mariadb' ? def.name : null) ?? generated()
  return {
    name,
    columns: [...def.columns],
    parent: { database: ref.table.database ?? child.database, table: ref.table.name, columns: [...ref.columns] },
    onDelete: storedAction(ref.onDelete, flavor),
    onUpdate: storedAction(ref.onUpdate, flavor),
  }
}

/** A FOREIGN KEY clause on the draft: the key under the server's name, and the index it needs. */
export function addForeignKey(draft: TableDraft, def: ForeignKeyDefinition): void {
  const fk = foreignKeyFromAst(
    def,
    { database: draft.database, table: draft.table },
    () => `${draft.table}_ibfk_${draft.nextForeignKeyNumber()}`,
    draft.flavor,
  )
  draft.addForeignKey(fk, def.constraint ?? def.name)
}

/**
 * The action as information_schema shows it afterwards: not written is RESTRICT on MariaDB and NO
 * ACTION on MySQL; MariaDB accepts SET DEFAULT and keeps RESTRICT (InnoDB cannot set defaults),
 * MySQL 9 keeps SET DEFAULT.
 */
export function storedAction(action: ReferentialAction | null, flavor: ServerFlavor): ReferentialAction {
  if (action === null) return flavor === 'mariadb' ? 'RESTRICT' : 'NO ACTION'
  if (action === 'SET DEFAULT' && flavor === 'mariadb') return 'RESTRICT'
  return action
}

/**
 * The highest n of the table's `<table>_ibfk_<n>` names. A statement numbers the keys it names
 * itself on from the highest the table had before it — names it drops or adds by hand in the
 * same statement do not count (seen on MySQL 9.7: DROP c_ibfk_1, ADD c_ibfk_7, ADD one unnamed
 * gives c_ibfk_2).
 */
export function highestGeneratedNumber(table: string, existing: readonly TrackedForeignKey[]): number {
  let max = 0
  const prefix = `${table}_ibfk_`.toLowerCase()
  for (const fk of existing) {
    const lower = fk.name.toLowerCase()
    if (!lower.startsWith(prefix)) continue
    const n = lower.slice(prefix.length)
    if (/^[1-9]\d*$/.test(n)) max = Math.max(max, Number(n))
  }
  return max
}

/**
 * Whether column-level `REFERENCES` makes a foreign key: MariaDB since 10.5 and MySQL since 9.0
 * do (checked on 10.11 and 9.7: information_schema lists it); before, InnoDB parsed and ignored
 * it. `serverVersion` as 90704 / 101119; unknown means a current server.
 */
export function inlineReferencesApply(flavor: ServerFlavor, serverVersion: number | undefined): boolean {
  if (serverVersion === undefined) return true
  return serverVersion >= (flavor === 'mariadb' ? 100500 : 90000)
}

export function sameTable(a: TableName, b: TableName): boolean {
  return a.database === b.database && a.table === b.table
}

/**
 * The table under its new name: the names the server generated follow it (`c_ibfk_1` becomes
 * `d_ibfk_1`, seen on both servers), and a self-reference points at the new name.
 */
export function movedTable(table: TrackedTable, to: TableName): TrackedTable {
  const moved: TrackedTable = { ...copyTable(table), database: to.database, table: to.table }
  if (moved.foreignKeys === undefined) return moved
  const prefix = `${table.table}_ibfk_`.toLowerCase()
  for (const fk of moved.foreignKeys) {
    if (fk.name.toLowerCase().startsWith(prefix) && /^[1-9]\d*$/.test(fk.name.slice(prefix.length)))
      fk.name = `${to.table}_ibfk_${fk.name.slice(prefix.length)}`
    if (sameTable(fk.parent, table)) fk.parent = { ...fk.parent, database: to.database, table: to.table }
  }
  return moved
}

/** `table` with its foreign keys to `from` pointing at `to`; null when it has none. */
export function withParentRenamed(table: TrackedTable, from: TableName, to: TableName): TrackedTable | null {
  if (!table.foreignKeys?.some((fk) => sameTable(fk.parent, from))) return null
  const copy = copyTable(table)
  for (const fk of copy.foreignKeys ?? [])
    if (sameTable(fk.parent, from)) fk.parent = { ...fk.parent, database: to.database, table: to.table }
  return copy
}

/**
 * `table` with its foreign keys to `parent` naming the parent's renamed columns (`renames`:
 * lower-case old name → new name); null when none of them changes.
 */
export function withParentColumnsRenamed(
  table: TrackedTable,
  parent: TableName,
  renames: ReadonlyMap<string, string>,
): TrackedTable | null {
  const touches = (fk: TrackedForeignKey) => sameTable(fk.parent, parent) && fk.parent.columns.some((c) => renames.has(c.toLowerCase()))
  if (!table.foreignKeys?.some(touches)) return null
  const copy = copyTable(table)
  for (const fk of copy.foreignKeys ?? []) {
    if (touches(fk)) fk.parent.columns = fk.parent.columns.map((c) => renames.get(c.toLowerCase()) ?? c)
  }
  return copy
}

/** Whether the key's child columns include `column`. */
export function usesColumn(fk: TrackedForeignKey, column: string): boolean {
  return fk.columns.some((c) => sameName(c, column))
}

/**
 * The tracked tables with a foreign key to `from`, now pointing at `to` (RENAME TABLE, ALTER
 * TABLE ... RENAME): a no_effect change each, with the table after it.
 */
export function referencingAfterRename(ws: Workspace, from: TableName, to: TableName): SchemaChange[] {
  return ws.all().flatMap((t) => {
    const after = withParentRenamed(t, from, to)
    return after === null
      ? []
      : [follow(ws, after, `foreign keys follow RENAME TABLE ${from.database}.${from.table} TO ${to.database}.${to.table}`)]
  })
}

/** The tracked tables with a foreign key to `parent` whose referenced columns were renamed (`renames`: lower-case old → new). */
export function referencingAfterColumnRenames(ws: Workspace, parent: TableName, renames: ReadonlyMap<string, string>): SchemaChange[] {
  if (renames.size === 0) return []
  return ws.all().flatMap((t) => {
    if (sameTable(t, parent)) return []
    const after = withParentColumnsRenamed(t, parent, renames)
    return after === null ? [] : [follow(ws, after, `foreign keys follow the renamed columns of ${parent.database}.${parent.table}`)]
  })
}

function follow(ws: Workspace, after: TrackedTable, reason: string): SchemaChange {
  ws.set(after.database, after.table, after)
  return { kind: 'no_effect', reason, database: after.database, table: after.table, after }
}
