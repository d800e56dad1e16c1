// One ALTER TABLE being turned into changes: the table draft, what the whole statement decided
// up front (table default collation, CONVERT TO target, the final primary key), and the list of
// changes with the table as it stands after each.

import {
  type ColumnDef,
  type ColumnFill,
  type ColumnPlacement,
  ColumnType,
  type SchemaChange,
  type TrackedKey,
  type TrackedTable,
} from '../../model/index.ts'
import type { AlterTableStatement, ColumnDefinition } from '../ddl/index.ts'
import type { ResolvedContext } from './context.ts'
import { collationOf, columnDefaults } from './charset-defaults.ts'
import { convertedPackLength, holdsText } from './charset-conversion.ts'
import { columnDefFromAst } from './column-def.ts'
import type { Collation } from './collations.ts'
import { TableDraft } from './table-draft.ts'
import { columnIndex, copyColumn } from './tracked-table.ts'
import type { Workspace } from './workspace.ts'

export class AlterRun {
  readonly ctx: ResolvedContext
  readonly draft: TableDraft
  readonly changes: SchemaChange[] = []
  /** The columns and keys before the statement: CHANGE, MODIFY, DROP and RENAME name these. */
  readonly original: ColumnDef[]
  readonly originalKeys: TrackedKey[]
  /** The table's default collation once the statement's CHARSET / COLLATE / CONVERT TO options apply. */
  tableCollation: number
  convertTo: Collation | null = null
  /** Lower-case names (as they end up) of the primary key the statement leaves: NOT NULL whatever their definition says. */
  finalPrimaryKey = new Set<string>()
  /** Old name (lower-case) → new name, for every column renamed by RENAME COLUMN or CHANGE. */
  readonly renames = new Map<string, string>()
  private last: string

  constructor(
    readonly ws: Workspace,
    readonly statement: AlterTableStatement,
    tracked: TrackedTable,
    tableCollation: number,
  ) {
    this.ctx = ws.ctx
    this.draft = TableDraft.from(tracked, ws.ctx.flavor)
    this.original = tracked.columns.map(copyColumn)
    this.originalKeys = this.draft.keys.map((k) => ({ ...k, parts: k.parts.map((p) => ({ ...p })) }))
    this.tableCollation = tableCollation
    this.last = JSON.stringify(this.draft.snapshot())
  }

  get database(): string {
    return this.draft.database
  }

  get table(): string {
    return this.draft.table
  }

  /** The table after the steps so far (and marks it as seen by a change). */
  after(): TrackedTable {
    const snapshot = this.draft.snapshot()
    this.last = JSON.stringify(snapshot)
    return snapshot
  }

  private changedSinceLast(): TrackedTable | undefined {
    const snapshot = this.draft.snapshot()
    const json = JSON.stringify(snapshot)
    if (json === this.last) return undefined
    this.last = json
    return snapshot
  }

  noEffect(reason: string): void {
    const after = this.changedSinceLast()
    this.changes.push({ kind: 'no_effect', reason, database: this.database, table: this.table, ...(after ? { after } : {}) })
  }

  untranslatable(reason: string, resync: boolean): void {
    this.changes.push({ kind: 'untranslatable', reason, database: this.database, table: this.table, resync })
  }

  addColumn(column: ColumnDef, position: ColumnPlacement, fill: ColumnFill): void {
    this.draft.add(column, position)
    const after = this.after()
    const added = after.columns[columnIndex(after.columns, column.name)]
    this.changes.push({ kind: 'add_column', database: this.database, table: this.table, column: added, position, fill, after })
  }

  dropColumn(name: string): void {
    const dropped = this.draft.column(name).name
    this.draft.drop(name)
    this.changes.push({ kind: 'drop_column', database: this.database, table: this.table, column: dropped, after: this.after() })
  }

  renameColumn(from: string, to: string): void {
    const current = this.draft.column(from).name
    this.draft.rename(from, to)
    this.changes.push({ kind: 'rename_column', database: this.database, table: this.table, from: current, to, after: this.after() })
  }

  /** Replaces (and moves) the column now named `column.name`; returns false when nothing changed. */
  modifyColumn(column: ColumnDef, position: ColumnPlacement): boolean {
    const current = this.draft.column(column.name)
    if (position === null && sameColumn(current, column)) return false
    this.draft.replace(column.name, column)
    this.draft.move(column.name, position)
    const after = this.after()
    const modified = after.columns[columnIndex(after.columns, column.name)]
    this.changes.push({
      kind: 'modify_column',
      database: this.database,
      table: this.table,
      column: modified,
      oldName: current.name,
      position,
      after,
    })
    return true
  }

  setPrimaryKey(): void {
    const after = this.after()
    const columns = after.primaryKey.map((i) => after.columns[i].name)
    this.changes.push({ kind: 'set_primary_key', database: this.database, table: this.table, columns, after })
  }

  /**
   * The ColumnDef of a column definition in this statement: the table default the statement
   * sets, CONVERT TO overriding any character set written (as both servers do), NOT NULL when
   * it ends up in the primary key.
   */
  definition(column: ColumnDefinition): ColumnDef {
    const defaults = columnDefaults(this.ctx, this.tableCollation)
    let def = columnDefFromAst(column, 0, defaults, this.ctx.flavor)
    const to = this.convertTo
    if (to !== null && holdsText(def)) {
      const forced = { ...column, type: { ...column.type, charset: to.charset, collation: to.name, binaryCollation: false } }
      def = columnDefFromAst(forced, 0, defaults, this.ctx.flavor)
      // MySQL sizes a TEXT column by the characters the same-named column held before, not by
      // the definition (seen on 9.7: MODIFY v TINYTEXT of a VARCHAR(2000) gives TEXT).
      const old = this.original[columnIndex(this.original, column.name)]
      if (this.ctx.flavor === 'mysql' && def.type === ColumnType.BLOB && old !== undefined && holdsText(old)) {
        def.meta = def.length = convertedPackLength(old, collationOf(this.ctx, old.collation as number), to)
      }
    }
    if (this.finalPrimaryKey.has(column.name.toLowerCase())) def.nullable = false
    return def
  }
}

/** Equal as TABLE_MAP describes them (position aside). */
export function sameColumn(a: ColumnDef, b: ColumnDef): boolean {
  return JSON.stringify({ ...a, index: 0 }, Object.keys(a).sort()) === JSON.stringify({ ...b, index: 0 }, Object.keys(b).sort())
}
