// ALTER TABLE (and CREATE / DROP INDEX) as ordered changes on the tracked table: table options
// and clauses without effect first, then columns, system versioning, keys, and a rename last —
// the servers rename the table after everything else.

import { databaseOf, type AlterAction, type AlterTableStatement } from '../ddl/index.ts'
import { applyColumnClauses, resolveColumnClauses } from './alter-columns.ts'
import { applyKeyClauses, plannedPrimaryKey, primaryKeyBefore } from './alter-keys.ts'
import { AlterRun } from './alter-run.ts'
import type { SchemaChange, TableName, TrackedTable } from '../../model/index.ts'
import { collationOf, databaseCollation, optionCollation } from './charset-defaults.ts'
import { addSystemVersioning } from './create-table.ts'
import { SchemaChangeError } from './errors.ts'
import { TableMismatch } from './table-draft.ts'
import { movedTable, referencingAfterColumnRenames, referencingAfterRename } from './foreign-keys.ts'
import type { Workspace } from './workspace.ts'

export function alterTableChanges(statement: AlterTableStatement, ws: Workspace): SchemaChange[] {
  const database = databaseOf(statement.table, ws.ctx.currentDatabase)
  const table = statement.table.name
  const renameTo = lastRename(statement.actions, ws.ctx.currentDatabase)
  const tracked = ws.get(database, table)
  if (tracked === undefined) {
    const changes = untrackedAlter(statement, { database, table }, renameTo)
    changes.push(...referencingAfterColumnRenames(ws, { database, table }, statedRenames(statement)))
    if (renameTo !== null) changes.push(...referencingAfterRename(ws, { database, table }, renameTo))
    return changes
  }
  let changes: SchemaChange[]
  let after: TrackedTable
  try {
    const run = alter(statement, tracked, ws)
    changes = run.changes
    after = run.after()
  } catch (err) {
    if (!(err instanceof TableMismatch || err instanceof SchemaChangeError)) throw err
    // The statement ran on the server; if it does not fit, the tracked table is stale.
    changes = [{ kind: 'untranslatable', reason: `${err.message}; take the table from its next TABLE_MAP`, database, table, resync: false }]
    ws.set(database, table, null)
    changes.push(...referencingAfterColumnRenames(ws, { database, table }, statedRenames(statement)))
    if (renameTo !== null)
      changes.push(
        { kind: 'rename_table', from: { database, table }, to: renameTo },
        ...referencingAfterRename(ws, { database, table }, renameTo),
      )
    return changes
  }
  ws.set(database, table, after)
  changes.push(...referencingAfterColumnRenames(ws, { database, table }, statedRenames(statement)))
  if (renameTo !== null && !(renameTo.database === database && renameTo.table === table)) {
    const moved = movedTable(after, renameTo)
    changes.push({ kind: 'rename_table', from: { database, table }, to: renameTo, after: moved })
    ws.set(database, table, null)
    ws.set(renameTo.database, renameTo.table, moved)
    changes.push(...referencingAfterRename(ws, { database, table }, renameTo))
  }
  return changes
}

function alter(statement: AlterTableStatement, tracked: TrackedTable, ws: Workspace): AlterRun {
  const { ctx } = ws
  const database = tracked.database
  const dbDefault = () => databaseCollation(ctx, database)
  let tableCollation = tracked.collation ?? dbDefault()
  let convertTo: number | null = null
  for (const action of statement.actions) {
    if (action.kind === 'table_options' && (action.options.charset !== null || action.options.collation !== null)) {
      tableCollation = optionCollation(ctx, action.options.charset, action.options.collation, dbDefault)
    } else if (action.kind === 'convert_charset') {
      tableCollation = convertTo = optionCollation(ctx, action.charset, action.collation, dbDefault)
    }
  }
  const run = new AlterRun(ws, statement, tracked, tableCollation)
  run.draft.collation = tableCollation
  if (convertTo !== null) run.convertTo = collationOf(ctx, convertTo)

  for (const action of statement.actions) tableClause(run, action)
  const columnClauses = resolveColumnClauses(run)
  const primaryBefore = primaryKeyBefore(run)
  run.finalPrimaryKey = plannedPrimaryKey(run, columnClauses)
  applyColumnClauses(run, columnClauses)
  for (const action of columnClauses) if (action.kind === 'system_versioning') systemVersioning(run, action.add)
  applyKeyClauses(run, columnClauses, primaryBefore)
  return run
}

/** Clauses about the table as a whole, and those that change nothing the binlog shows. */
function tableClause(run: AlterRun, action: AlterAction): void {
  switch (action.kind) {
    case 'table_options': {
      const o = action.options
      const named = [
        o.engine !== null ? 'ENGINE' : null,
        o.charset !== null || o.collation !== null ? 'DEFAULT CHARACTER SET / COLLATE' : null,
        o.comment !== null ? 'COMMENT' : null,
        o.autoIncrement !== null ? 'AUTO_INCREMENT' : null,
        o.rowFormat !== null ? 'ROW_FORMAT' : null,
        o.withSystemVersioning ? 'WITH SYSTEM VERSIONING' : null,
        ...Object.keys(o.other),
      ].filter((n) => n !== null)
      return run.noEffect(`table options ${named.join(', ')}`)
    }
    case 'no_effect':
      return run.noEffect(action.clause.toUpperCase().replaceAll('_', ' '))
    case 'partitioning':
      return run.noEffect(`PARTITION BY ${action.partitioning.method}: rows are not changed`)
    case 'partition_operation': {
      const which = action.partitions === 'ALL' ? 'ALL' : action.partitions.join(', ')
      const what = `${action.operation.toUpperCase().replaceAll('_', ' ')} PARTITION${which === '' ? '' : ` ${which}`}`
      if (action.changesRows) return run.untranslatable(`${what} makes rows appear or vanish without row events: resync the table`, true)
      return run.noEffect(`${what}: rows are not changed`)
    }
    case 'tablespace':
      if (action.changesRows) return run.untranslatable('IMPORT TABLESPACE replaces the rows without row events: resync the table', true)
      return run.noEffect(`${action.operation.toUpperCase()} TABLESPACE`)
    case 'add_period':
      return run.noEffect(`ADD PERIOD FOR ${action.period.name}`)
    case 'drop_period':
      return run.noEffect(`DROP PERIOD FOR ${action.name}`)
    case 'rename_table':
    case 'convert_charset':
      // A rename is applied last; CONVERT TO is applied with the columns.
      return
  }
}

/**
 * MariaDB ADD / DROP SYSTEM VERSIONING. ADD without ROW START / ROW END columns in the same
 * statement adds the implicit row_start / row_end; DROP removes the period columns, which the
 * tracked table only knows by the implicit names.
 */
function systemVersioning(run: AlterRun, add: boolean): void {
  const explicitEnd = run.statement.actions.find((a) => a.kind === 'add_column' && a.column.rowPeriod === 'end')
  if (add) {
    const before = run.draft.columns.length
    addSystemVersioning(run.draft, explicitEnd?.kind === 'add_column' ? explicitEnd.column.name : null)
    const added = run.draft.columns.slice(before)
    run.draft.columns.splice(before)
    // Existing rows get the ALTER's time as row_start: not known from the statement.
    for (const column of added) run.addColumn(column, null, { kind: 'unknown', reason: 'system versioning period column' })
    if (added.length === 0) run.noEffect('ADD SYSTEM VERSIONING')
    return
  }
  if (!run.draft.has('row_start') || !run.draft.has('row_end'))
    throw new TableMismatch('DROP SYSTEM VERSIONING: the period columns are not known by name')
  run.dropColumn('row_start')
  run.dropColumn('row_end')
}

/**
 * Columns the statement renames (RENAME COLUMN, CHANGE), lower-case old name → new name, read from
 * the clauses alone: what foreign keys of other tables to this one follow. (The servers read every
 * old name against the table as it was, so the clauses say it all.)
 */
function statedRenames(statement: AlterTableStatement): Map<string, string> {
  const renames = new Map<string, string>()
  for (const action of statement.actions) {
    const to = action.kind === 'rename_column' ? action.to : action.kind === 'change_column' ? action.column.name : null
    const from = action.kind === 'rename_column' || action.kind === 'change_column' ? action.from : null
    if (from !== null && to !== null && from !== to) renames.set(from.toLowerCase(), to)
  }
  return renames
}

function lastRename(actions: AlterAction[], currentDatabase: string): TableName | null {
  let to: TableName | null = null
  for (const action of actions) {
    if (action.kind === 'rename_table') to = { database: databaseOf(action.to, currentDatabase), table: action.to.name }
  }
  return to
}

/** An ALTER of a table that is not tracked: what can be said without its columns. */
function untrackedAlter(statement: AlterTableStatement, name: TableName, renameTo: TableName | null): SchemaChange[] {
  const changes: SchemaChange[] = []
  let structural = false
  for (const action of statement.actions) {
    if ((action.kind === 'partition_operation' || action.kind === 'tablespace') && action.changesRows) {
      changes.push({
        kind: 'untranslatable',
        reason: 'a partition or tablespace operation changes rows without row events: resync the table',
        ...name,
        resync: true,
      })
    } else if (
      ![
        'table_options',
        'no_effect',
        'partitioning',
        'partition_operation',
        'tablespace',
        'add_period',
        'drop_period',
        'rename_table',
        'add_check',
        'add_foreign_key',
        'drop_foreign_key',
        'drop_constraint',
      ].includes(action.kind)
    ) {
      structural = true
    }
  }
  if (structural)
    changes.push({
      kind: 'untranslatable',
      reason: 'ALTER TABLE of a table that is not tracked: take its columns from its next TABLE_MAP',
      ...name,
      resync: false,
    })
  if (renameTo !== null) changes.push({ kind: 'rename_table', from: name, to: renameTo })
  if (changes.length === 0)
    changes.push({ kind: 'no_effect', reason: 'ALTER TABLE of a table that is not tracked changes no column', ...name })
  return changes
}
