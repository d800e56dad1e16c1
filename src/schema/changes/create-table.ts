// CREATE TABLE (column list, LIKE, ... SELECT) as the table it creates, in TABLE_MAP terms.

import { blankShape, type ColumnDef, columnDef, ColumnType, type SchemaChange, temporal, type TrackedTable } from '../../model/index.ts'
import { databaseOf, type CreateTableLikeStatement, type CreateTableStatement } from '../ddl/index.ts'
import type { ResolvedContext } from './context.ts'
import { columnDefaults, databaseCollation, optionCollation } from './charset-defaults.ts'
import { columnDefFromAst } from './column-def.ts'
import { addForeignKey, inlineReferencesApply } from './foreign-keys.ts'
import { trackedKey } from './keys.ts'
import { TableDraft } from './table-draft.ts'
import { copyTable } from './tracked-table.ts'
import type { Workspace } from './workspace.ts'

export function createTableChanges(statement: CreateTableStatement, ws: Workspace): SchemaChange[] {
  const { ctx } = ws
  const database = databaseOf(statement.table, ctx.currentDatabase)
  const table = statement.table.name
  if (statement.temporary)
    return [{ kind: 'no_effect', reason: 'CREATE TEMPORARY TABLE: temporary tables are not replicated in row format', database, table }]
  if (statement.select !== null) {
    return [
      {
        kind: 'untranslatable',
        reason:
          'CREATE TABLE ... SELECT: the columns come from the query; take the table from its TABLE_MAP (its rows follow as row events)',
        database,
        table,
        resync: false,
      },
    ]
  }
  if (statement.ifNotExists && !statement.orReplace && ws.get(database, table) !== undefined) return [existing(database, table)]
  const created = tableFromCreate(statement, database, ctx)
  const changes: SchemaChange[] = []
  if (statement.orReplace) changes.push({ kind: 'drop_table', database, table, ifExists: true })
  changes.push({ kind: 'create_table', table: created, ifNotExists: statement.ifNotExists })
  ws.set(database, table, created)
  return changes
}

/** The table a CREATE TABLE with a column list makes. */
export function tableFromCreate(statement: CreateTableStatement, database: string, ctx: ResolvedContext): TrackedTable {
  const o = statement.options
  const collation = optionCollation(ctx, o.charset, o.collation, () => databaseCollation(ctx, database))
  const defaults = columnDefaults(ctx, collation)
  const columns = statement.columns.map((c, i) => columnDefFromAst(c, i, defaults, ctx.flavor))
  const draft = TableDraft.from(
    { database, table: statement.table.name, columns, primaryKey: [], collation, keys: [], foreignKeys: [] },
    ctx.flavor,
  )
  for (const index of statement.indexes) draft.addKey(trackedKey(index, draft))
  // Column-level REFERENCES first: columns usually come before the table's constraints.
  const inline = inlineReferencesApply(ctx.flavor, ctx.serverVersion)
  for (const c of statement.columns) {
    if (inline && c.references !== null) addForeignKey(draft, { constraint: null, name: null, columns: [c.name], references: c.references })
  }
  for (const fk of statement.foreignKeys) addForeignKey(draft, fk)
  if (ctx.flavor === 'mariadb' && o.withSystemVersioning)
    addSystemVersioning(draft, statement.columns.find((c) => c.rowPeriod === 'end')?.name ?? null)
  return draft.snapshot()
}

/**
 * MariaDB WITH SYSTEM VERSIONING: without explicit ROW START / ROW END columns it appends
 * invisible `row_start` and `row_end` TIMESTAMP(6) NOT NULL; either way every unique key (the
 * primary key too) gets the row end column as its last part.
 */
export function addSystemVersioning(draft: TableDraft, explicitEnd: string | null): void {
  let end = explicitEnd
  if (end === null) {
    for (const name of ['row_start', 'row_end']) draft.add(periodColumn(name), null)
    end = 'row_end'
  }
  for (const key of draft.keys) if (key.kind !== 'index') key.parts.push({ column: end, prefix: null })
}

function periodColumn(name: string): ColumnDef {
  return columnDef(0, name, temporal(blankShape(ColumnType.TIMESTAMP2), ColumnType.TIMESTAMP2, 6))
}

export function createTableLikeChanges(statement: CreateTableLikeStatement, ws: Workspace): SchemaChange[] {
  const database = databaseOf(statement.table, ws.ctx.currentDatabase)
  const table = statement.table.name
  if (statement.temporary)
    return [{ kind: 'no_effect', reason: 'CREATE TEMPORARY TABLE: temporary tables are not replicated in row format', database, table }]
  if (statement.ifNotExists && !statement.orReplace && ws.get(database, table) !== undefined) return [existing(database, table)]
  const likeDatabase = databaseOf(statement.like, ws.ctx.currentDatabase)
  const source = ws.get(likeDatabase, statement.like.name)
  if (source === undefined) {
    return [
      {
        kind: 'untranslatable',
        reason: `CREATE TABLE ... LIKE ${likeDatabase}.${statement.like.name}: that table is not tracked; take the new table from its TABLE_MAP`,
        database,
        table,
        resync: false,
      },
    ]
  }
  const created = { ...copyTable(source), database, table }
  // LIKE copies the columns and indexes, never the foreign keys (both servers).
  if (created.foreignKeys !== undefined) created.foreignKeys = []
  const changes: SchemaChange[] = []
  if (statement.orReplace) changes.push({ kind: 'drop_table', database, table, ifExists: true })
  changes.push({ kind: 'create_table', table: created, ifNotExists: statement.ifNotExists })
  ws.set(database, table, created)
  return changes
}

/** CREATE TABLE IF NOT EXISTS of a table that exists: the server changes nothing (and logs it anyway). */
function existing(database: string, table: string): SchemaChange {
  return { kind: 'no_effect', reason: 'CREATE TABLE IF NOT EXISTS of a table that exists', database, table }
}
