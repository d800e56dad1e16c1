// The column clauses of one ALTER TABLE as steps to apply one after the other. The servers read
// DROP, CHANGE, MODIFY, RENAME COLUMN and ALTER COLUMN against the table as it was (so `RENAME
// COLUMN a TO b, RENAME COLUMN b TO a` swaps), then place added and moved columns in clause
// order against the new column list (AFTER names a column as it is called afterwards). As steps:
// drops, renames (a swap goes through a temporary name), definitions changed in place, CONVERT
// TO of the other text columns, then ADD and positioned CHANGE / MODIFY in clause order.

import { fillOf } from './fill.ts'
import type { AlterAction, ColumnDefinition } from '../ddl/index.ts'
import type { AlterRun } from './alter-run.ts'
import { collationOf } from './charset-defaults.ts'
import { convertedColumn, holdsText } from './charset-conversion.ts'
import { TableMismatch } from './table-draft.ts'
import { sameName } from './tracked-table.ts'

type Redefinition = Extract<AlterAction, { kind: 'modify_column' | 'change_column' }>

/** Checks every old-name reference and records renames; returns the clauses that still apply. */
export function resolveColumnClauses(run: AlterRun): AlterAction[] {
  const applying: AlterAction[] = []
  const targeted = new Set<string>()
  for (const action of run.statement.actions) {
    const old = oldNameOf(action)
    if (old === null) {
      applying.push(action)
      continue
    }
    const exists = run.original.some((c) => sameName(c.name, old))
    if (!exists) {
      if ('ifExists' in action && action.ifExists) {
        run.noEffect(`${clauseName(action)} IF EXISTS ${old}: no such column`)
        continue
      }
      throw new TableMismatch(`${clauseName(action)} ${old}: no such column in the tracked table ${run.database}.${run.table}`)
    }
    if (action.kind !== 'alter_column_default' && action.kind !== 'alter_column_visibility') {
      if (targeted.has(old.toLowerCase())) throw new TableMismatch(`column ${old} is changed twice in one ALTER TABLE`)
      targeted.add(old.toLowerCase())
    }
    const to = action.kind === 'rename_column' ? action.to : action.kind === 'change_column' ? action.column.name : null
    if (to !== null && to !== old) run.renames.set(old.toLowerCase(), to)
    applying.push(action)
  }
  return applying
}

function oldNameOf(action: AlterAction): string | null {
  switch (action.kind) {
    case 'drop_column':
      return action.name
    case 'modify_column':
      return action.column.name
    case 'change_column':
    case 'rename_column':
      return action.from
    case 'alter_column_default':
    case 'alter_column_visibility':
      return action.name
    default:
      return null
  }
}

const CLAUSE_NAMES: Partial<Record<AlterAction['kind'], string>> = {
  drop_column: 'DROP COLUMN',
  modify_column: 'MODIFY COLUMN',
  change_column: 'CHANGE COLUMN',
  rename_column: 'RENAME COLUMN',
  alter_column_default: 'ALTER COLUMN',
  alter_column_visibility: 'ALTER COLUMN',
}

function clauseName(action: AlterAction): string {
  return CLAUSE_NAMES[action.kind] ?? action.kind
}

/** The name a column of the original table ends up with. */
export function newName(run: AlterRun, old: string): string {
  return run.renames.get(old.toLowerCase()) ?? old
}

export function applyColumnClauses(run: AlterRun, actions: AlterAction[]): void {
  for (const action of actions) if (action.kind === 'drop_column') run.dropColumn(action.name)
  applyRenames(run)

  const redefined = new Set<string>()
  for (const action of actions) {
    if (action.kind !== 'modify_column' && action.kind !== 'change_column') continue
    redefined.add(action.column.name.toLowerCase())
    if (action.position !== null) continue
    if (!run.modifyColumn(run.definition(action.column), null)) run.noEffect(`${redefinitionName(action)}: the binlog sees the same column`)
  }
  convertOtherColumns(run, actions, redefined)
  for (const action of actions) {
    if (action.kind === 'alter_column_visibility') {
      const column = run.draft.column(newName(run, action.name))
      if (run.ctx.flavor === 'mysql') run.draft.replace(column.name, { ...column, visible: !action.invisible })
      run.noEffect(`ALTER COLUMN ${column.name} SET ${action.invisible ? 'INVISIBLE' : 'VISIBLE'}`)
    } else if (action.kind === 'alter_column_default') {
      run.noEffect(`ALTER COLUMN ${newName(run, action.name)} ${action.default === null ? 'DROP' : 'SET'} DEFAULT`)
    }
  }

  for (const action of actions) {
    if (action.kind === 'add_column') addColumn(run, action.column, action)
    else if ((action.kind === 'modify_column' || action.kind === 'change_column') && action.position !== null) {
      run.modifyColumn(run.definition(action.column), action.position)
    }
  }
}

function redefinitionName(action: Redefinition): string {
  return action.kind === 'modify_column' ? `MODIFY ${action.column.name}` : `CHANGE ${action.from} ${action.column.name}`
}

function addColumn(run: AlterRun, column: ColumnDefinition, action: Extract<AlterAction, { kind: 'add_column' }>): void {
  if (run.draft.has(column.name)) {
    if (action.ifNotExists) return run.noEffect(`ADD COLUMN IF NOT EXISTS ${column.name}: the column exists`)
    throw new TableMismatch(`ADD COLUMN ${column.name}: the tracked table ${run.database}.${run.table} already has it`)
  }
  const def = run.definition(column)
  run.addColumn(def, action.position, fillOf(column, def))
}

/**
 * Renames as one simultaneous step, sequenced: a rename whose target name is free goes first;
 * when only a cycle is left (a swap), one of its columns steps aside under a temporary name.
 */
function applyRenames(run: AlterRun): void {
  const pending = [...run.renames].map(([from, to]) => ({ from, to }))
  while (pending.length > 0) {
    const free = pending.findIndex((r) => {
      const holder = run.draft.indexOf(r.to)
      return holder < 0 || holder === run.draft.indexOf(r.from)
    })
    if (free >= 0) {
      const [r] = pending.splice(free, 1)
      run.renameColumn(r.from, r.to)
      continue
    }
    const r = pending[0]
    let temporary = `${r.to}_chsync_swap`
    for (let i = 2; run.draft.has(temporary); i++) temporary = `${r.to}_chsync_swap${i}`
    run.renameColumn(r.from, temporary)
    r.from = temporary
  }
}

/** CONVERT TO CHARACTER SET on the text columns no clause redefines. */
function convertOtherColumns(run: AlterRun, actions: AlterAction[], redefined: Set<string>): void {
  const to = run.convertTo
  if (to === null) return
  const added = new Set(actions.flatMap((a) => (a.kind === 'add_column' ? [a.column.name.toLowerCase()] : [])))
  const retyped: string[] = []
  for (const column of [...run.draft.columns]) {
    const lower = column.name.toLowerCase()
    // MySQL's JSON has no collation; MariaDB's (a LONGTEXT) is converted like any text.
    if (redefined.has(lower) || added.has(lower) || !holdsText(column)) continue
    const converted = convertedColumn(column, collationOf(run.ctx, column.collation as number), to)
    if (converted.type !== column.type) retyped.push(column.name)
    else run.draft.replace(column.name, converted)
  }
  run.noEffect(`CONVERT TO CHARACTER SET ${to.charset} COLLATE ${to.name}: text columns change collation and byte length, not type`)
  for (const name of retyped) {
    const column = run.draft.column(name)
    run.modifyColumn(convertedColumn(column, collationOf(run.ctx, column.collation as number), to), null)
  }
}
