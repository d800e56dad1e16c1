// One parsed DDL statement → the ordered schema changes it makes to the tracked source tables.

import {
  databaseOf,
  type AlterAction,
  type CreateDatabaseStatement,
  type DdlStatement,
  type DropTableStatement,
  type OtherStatement,
  type RenameTableStatement,
} from '../ddl/index.ts'
import { alterTableChanges } from './alter-table.ts'
import type { SchemaChange } from '../../model/index.ts'
import type { SchemaContext } from './context.ts'
import { databaseCollation, optionCollation } from './charset-defaults.ts'
import { createTableChanges, createTableLikeChanges } from './create-table.ts'
import { CollationCatalog } from './collations.ts'
import { SchemaChangeError } from './errors.ts'
import { movedTable, referencingAfterRename } from './foreign-keys.ts'
import { Workspace } from './workspace.ts'

/**
 * What `statement` (a QUERY event's DDL, parsed with the event's flavor and sql_mode) does to the
 * tracked tables, in the order to apply. Tracked tables come from `ctx.tables`; every change
 * that leaves a table in place carries the table after it. What cannot be followed is an
 * `untranslatable` change saying why; only a malformed collation catalog throws (SchemaChangeError).
 */
export function schemaChanges(statement: DdlStatement, ctx: SchemaContext): SchemaChange[] {
  // A malformed catalog is the caller's error, not the statement's: it throws.
  const ws = new Workspace({ ...ctx, collations: CollationCatalog.of(ctx.collations) })
  try {
    return changesOf(statement, ws)
  } catch (err) {
    if (!(err instanceof SchemaChangeError)) throw err
    return [{ kind: 'untranslatable', reason: err.message, resync: false, ...tableOf(statement, ctx.currentDatabase) }]
  }
}

function changesOf(statement: DdlStatement, ws: Workspace): SchemaChange[] {
  const { ctx } = ws
  switch (statement.kind) {
    case 'create_table':
      return createTableChanges(statement, ws)
    case 'create_table_like':
      return createTableLikeChanges(statement, ws)
    case 'alter_table':
      return alterTableChanges(statement, ws)
    case 'drop_table':
      return dropTables(statement, ws)
    case 'truncate_table':
      return [{ kind: 'truncate_table', database: databaseOf(statement.table, ctx.currentDatabase), table: statement.table.name }]
    case 'rename_table':
      return renameTables(statement, ws)
    case 'create_index': {
      const action: AlterAction = { kind: 'add_index', index: statement.index, ifNotExists: statement.ifNotExists }
      return alterTableChanges(
        { kind: 'alter_table', table: statement.table, ifExists: false, online: false, ignore: false, actions: [action] },
        ws,
      )
    }
    case 'drop_index': {
      const action: AlterAction =
        statement.name.toUpperCase() === 'PRIMARY'
          ? { kind: 'drop_primary_key' }
          : { kind: 'drop_index', name: statement.name, ifExists: statement.ifExists }
      return alterTableChanges(
        { kind: 'alter_table', table: statement.table, ifExists: false, online: false, ignore: false, actions: [action] },
        ws,
      )
    }
    case 'create_database':
      return createDatabase(statement, ws)
    case 'drop_database':
      return [{ kind: 'drop_database', database: statement.name, ifExists: statement.ifExists }]
    case 'alter_database': {
      const database = statement.name ?? ctx.currentDatabase
      if (statement.charset === null && statement.collation === null)
        return [{ kind: 'no_effect', reason: 'ALTER DATABASE without a character set', database }]
      const collation = optionCollation(
        ctx,
        statement.charset,
        statement.collation,
        () => ctx.serverCollation ?? databaseCollation(ctx, database),
      )
      return [{ kind: 'alter_database', database, collation }]
    }
    case 'other':
      return [other(statement)]
  }
}

function dropTables(statement: DropTableStatement, ws: Workspace): SchemaChange[] {
  if (statement.temporary) return [{ kind: 'no_effect', reason: 'DROP TEMPORARY TABLE: temporary tables are not replicated in row format' }]
  return statement.tables.map((ref) => {
    const database = databaseOf(ref, ws.ctx.currentDatabase)
    ws.set(database, ref.name, null)
    return { kind: 'drop_table', database, table: ref.name, ifExists: statement.ifExists }
  })
}

/** One rename per pair, in order: each sees the ones before it (`t TO t_old, t_new TO t`). */
function renameTables(statement: RenameTableStatement, ws: Workspace): SchemaChange[] {
  return statement.renames.flatMap(({ from, to }): SchemaChange[] => {
    const source = { database: databaseOf(from, ws.ctx.currentDatabase), table: from.name }
    const target = { database: databaseOf(to, ws.ctx.currentDatabase), table: to.name }
    const tracked = ws.get(source.database, source.table)
    ws.set(source.database, source.table, null)
    if (tracked === undefined) {
      ws.set(target.database, target.table, null)
      return [{ kind: 'rename_table', from: source, to: target }, ...referencingAfterRename(ws, source, target)]
    }
    const after = movedTable(tracked, target)
    ws.set(target.database, target.table, after)
    return [{ kind: 'rename_table', from: source, to: target, after }, ...referencingAfterRename(ws, source, target)]
  })
}

function createDatabase(statement: CreateDatabaseStatement, ws: Workspace): SchemaChange[] {
  const { ctx } = ws
  const changes: SchemaChange[] = []
  if (statement.orReplace) changes.push({ kind: 'drop_database', database: statement.name, ifExists: true })
  const fallback = ctx.serverCollation
  const collation =
    fallback === undefined && statement.charset === null && statement.collation === null
      ? undefined
      : optionCollation(ctx, statement.charset, statement.collation, () => fallback as number)
  changes.push({
    kind: 'create_database',
    database: statement.name,
    ifNotExists: statement.ifNotExists,
    ...(collation === undefined ? {} : { collation }),
  })
  return changes
}

/** Statements that write rows as text: with binlog_format=ROW they never reach the binlog as such. */
const ROW_STATEMENTS = new Set(['INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'LOAD'])

/** Never the statement's text (CREATE USER ... IDENTIFIED BY 'secret'): only its leading keywords. */
function other(statement: OtherStatement): SchemaChange {
  const head = /^[A-Z_]+( [A-Z_]+)?$/.test(statement.head) ? statement.head : 'a statement'
  if (ROW_STATEMENTS.has(head.split(' ')[0])) {
    return {
      kind: 'untranslatable',
      reason: `${head} logged as a statement: its rows have no row events (binlog_format must be ROW); resync`,
      resync: true,
    }
  }
  return { kind: 'no_effect', reason: `${head} is not table DDL` }
}

function tableOf(statement: DdlStatement, currentDatabase: string): { database?: string; table?: string } {
  switch (statement.kind) {
    case 'create_table':
    case 'create_table_like':
    case 'alter_table':
    case 'truncate_table':
    case 'create_index':
    case 'drop_index':
      return { database: databaseOf(statement.table, currentDatabase), table: statement.table.name }
    case 'create_database':
    case 'drop_database':
      return { database: statement.name }
    default:
      return {}
  }
}
