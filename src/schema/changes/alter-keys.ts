// The key clauses of one ALTER TABLE (and CREATE / DROP INDEX): the servers drop keys first,
// then rename, then add, in clause order. Only the primary key TABLE_MAP reports matters to the
// rows; it changes with ADD / DROP PRIMARY KEY, and — when there is none — with the first
// UNIQUE key over whole NOT NULL columns. One set_primary_key says when it changed.

import type { AlterAction, IndexDefinition } from '../ddl/index.ts'
import type { AlterRun } from './alter-run.ts'
import { newName } from './alter-columns.ts'
import { addForeignKey, inlineReferencesApply } from './foreign-keys.ts'
import { keyColumns, trackedKey } from './keys.ts'
import { TableMismatch } from './table-draft.ts'
import { sameName } from './tracked-table.ts'

/** Lower-case names of the PRIMARY KEY the statement leaves (its columns are NOT NULL). */
export function plannedPrimaryKey(run: AlterRun, actions: AlterAction[]): Set<string> {
  const primary = run.originalKeys.find((k) => k.kind === 'primary')
  let names: string[] = primary === undefined ? [] : keyColumns(primary).map((n) => newName(run, n))
  for (const action of actions) {
    if (action.kind === 'drop_primary_key' || (action.kind === 'drop_index' && sameName(action.name, 'PRIMARY'))) names = []
    else if (action.kind === 'add_index' && action.index.kind === 'primary')
      names = action.index.parts.flatMap((p) => (p.column === null ? [] : [p.column]))
    else if (
      (action.kind === 'add_column' || action.kind === 'modify_column' || action.kind === 'change_column') &&
      action.column.primaryKey
    )
      names = [action.column.name]
  }
  return new Set(names.map((n) => n.toLowerCase()))
}

/**
 * Key clauses, with PRIMARY KEY / UNIQUE written on ADD, MODIFY or CHANGE columns as the index they
 * add, and column-level REFERENCES as the foreign key (where the server makes one).
 */
function keyClauses(actions: AlterAction[], inlineReferences: boolean): AlterAction[] {
  const out: AlterAction[] = []
  for (const action of actions) {
    if (action.kind === 'add_column' || action.kind === 'modify_column' || action.kind === 'change_column') {
      const part = { column: action.column.name, expression: null, length: null, descending: false }
      const index = (kind: 'primary' | 'unique'): IndexDefinition => ({
        kind,
        name: kind === 'primary' ? 'PRIMARY' : null,
        constraint: null,
        parts: [part],
        using: null,
        comment: null,
        invisible: false,
      })
      if (action.column.primaryKey) out.push({ kind: 'add_index', index: index('primary'), ifNotExists: false })
      if (action.column.unique) out.push({ kind: 'add_index', index: index('unique'), ifNotExists: false })
      const references = action.column.references
      if (inlineReferences && references !== null) {
        out.push({
          kind: 'add_foreign_key',
          foreignKey: { constraint: null, name: null, columns: [action.column.name], references },
          ifNotExists: false,
        })
      }
      continue
    }
    switch (action.kind) {
      case 'add_index':
      case 'drop_index':
      case 'drop_primary_key':
      case 'rename_index':
      case 'add_foreign_key':
      case 'drop_foreign_key':
      case 'add_check':
      case 'drop_constraint':
        out.push(action)
    }
  }
  return out
}

/**
 * Applies the key clauses. `primaryBefore` is the primary key (column names, as renamed by this
 * statement) before it; set_primary_key is emitted when the one left differs.
 */
export function applyKeyClauses(run: AlterRun, actions: AlterAction[], primaryBefore: string[]): void {
  const { draft } = run
  // ADD PRIMARY KEY makes its columns NOT NULL; a redefined column already is (AlterRun.definition).
  for (const name of run.finalPrimaryKey) {
    // A dropped column leaves the key (MySQL; MariaDB refuses to drop it from a multi-column key).
    if (!draft.has(name)) continue
    const column = draft.column(name)
    if (column.nullable) run.modifyColumn({ ...column, nullable: false }, null)
  }

  const clauses = keyClauses(actions, inlineReferencesApply(run.ctx.flavor, run.ctx.serverVersion))
  const reasons: string[] = []
  const unknownKeys = "the table's keys are not tracked: the primary key TABLE_MAP reports may change"
  for (const action of clauses) {
    switch (action.kind) {
      case 'drop_primary_key':
        dropPrimary(run)
        break
      case 'drop_index': {
        if (sameName(action.name, 'PRIMARY')) {
          dropPrimary(run)
          break
        }
        const existed = run.originalKeys.some((k) => sameName(k.name, action.name))
        if (draft.dropKey(action.name) || existed) reasons.push(`DROP INDEX ${action.name}`)
        else if (action.ifExists) reasons.push(`DROP INDEX IF EXISTS ${action.name}: no such index`)
        else if (draft.keysKnown)
          throw new TableMismatch(`DROP INDEX ${action.name}: no such index in the tracked table ${run.database}.${run.table}`)
        else reasons.push(`DROP INDEX ${action.name}: ${unknownKeys}`)
        break
      }
      case 'drop_constraint': {
        // DROP CONSTRAINT finds a foreign key first, then a unique key (both servers); an index stays.
        const dropped = action.constraint === 'any' && draft.dropForeignKey(action.name)
        const key = action.constraint === 'any' && !dropped ? draft.key(action.name) : undefined
        if (key !== undefined && key.kind !== 'primary') draft.dropKey(key.name)
        reasons.push(`DROP ${action.constraint === 'check' ? 'CHECK' : 'CONSTRAINT'} ${action.name}`)
        break
      }
      case 'drop_foreign_key':
        // Its index stays. One the tracked table does not have means its foreign keys are stale: forget them.
        if (!draft.dropForeignKey(action.name) && !action.ifExists) draft.foreignKeysKnown = false
        reasons.push(`DROP FOREIGN KEY ${action.name}`)
    }
  }
  for (const action of clauses) {
    if (action.kind !== 'rename_index') continue
    const key = draft.key(action.from)
    if (key !== undefined) key.name = action.to
    reasons.push(`RENAME INDEX ${action.from} TO ${action.to}`)
  }
  for (const action of clauses) {
    if (action.kind === 'add_index') {
      const { index } = action
      if (index.kind === 'primary') {
        if (draft.key('PRIMARY') !== undefined)
          throw new TableMismatch(`ADD PRIMARY KEY: the tracked table ${run.database}.${run.table} already has one`)
        draft.addKey(trackedKey(index, draft))
        continue
      }
      const named = index.name ?? index.constraint
      if (action.ifNotExists && named !== null && draft.key(named) !== undefined) {
        reasons.push(`ADD INDEX IF NOT EXISTS ${named}: the index exists`)
        continue
      }
      const key = trackedKey(index, draft)
      draft.addKey(key)
      reasons.push(`ADD ${index.kind === 'index' ? 'INDEX' : `${index.kind.toUpperCase()} INDEX`} ${key.name}`)
    } else if (action.kind === 'add_foreign_key') {
      const def = action.foreignKey
      const named = def.constraint ?? (run.ctx.flavor === 'mariadb' ? def.name : null)
      if (action.ifNotExists && named !== null && draft.foreignKey(named) !== undefined) {
        reasons.push(`ADD FOREIGN KEY IF NOT EXISTS ${named}: the foreign key exists`)
        continue
      }
      addForeignKey(draft, def)
      reasons.push(`ADD FOREIGN KEY${def.constraint === null ? '' : ` ${def.constraint}`}`)
    } else if (action.kind === 'add_check') {
      reasons.push(`ADD CHECK${action.check.constraint === null ? '' : ` ${action.check.constraint}`}`)
    }
  }

  const now = draft.primaryKeyNames()
  if (now.length !== primaryBefore.length || now.some((n, i) => !sameName(n, primaryBefore[i]))) run.setPrimaryKey()
  if (reasons.length > 0) run.noEffect(reasons.join('; '))
}

function dropPrimary(run: AlterRun): void {
  if (!run.draft.dropKey('PRIMARY')) throw new TableMismatch(`DROP PRIMARY KEY: the tracked table ${run.database}.${run.table} has none`)
}

/** The primary key before the statement, by the names its columns end up with (dropped ones kept: the key changed). */
export function primaryKeyBefore(run: AlterRun): string[] {
  const snapshot = run.draft.snapshot()
  return snapshot.primaryKey.map((i) => newName(run, snapshot.columns[i].name))
}
