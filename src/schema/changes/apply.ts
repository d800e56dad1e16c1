// The reference way to apply schema changes to a set of tracked tables: what a consumer does
// with each change (and what the tests use to follow a sequence of statements).

import { type SchemaChange, tableKey, type TrackedTable } from '../../model/index.ts'

/**
 * Applies `changes` in order to `tables` (keyed by tableKey). IF NOT EXISTS keeps an existing
 * table; a drop of a missing table is a no-op; DROP DATABASE removes its tables. Untranslatable
 * changes forget the table, so it is taken from its next TABLE_MAP.
 */
export function applyChanges(tables: Map<string, TrackedTable>, changes: readonly SchemaChange[]): void {
  for (const change of changes) {
    switch (change.kind) {
      case 'create_table': {
        const key = tableKey(change.table.database, change.table.table)
        if (!(change.ifNotExists && tables.has(key))) tables.set(key, change.table)
        break
      }
      case 'drop_table':
        tables.delete(tableKey(change.database, change.table))
        break
      case 'rename_table':
        tables.delete(tableKey(change.from.database, change.from.table))
        if (change.after !== undefined) tables.set(tableKey(change.to.database, change.to.table), change.after)
        break
      case 'drop_database':
        for (const [key, table] of tables) if (table.database === change.database) tables.delete(key)
        break
      case 'untranslatable':
        if (change.database !== undefined && change.table !== undefined && !change.resync)
          tables.delete(tableKey(change.database, change.table))
        break
      case 'add_column':
      case 'drop_column':
      case 'modify_column':
      case 'rename_column':
      case 'set_primary_key':
        tables.set(tableKey(change.after.database, change.after.table), change.after)
        break
      case 'no_effect':
        if (change.after !== undefined) tables.set(tableKey(change.after.database, change.after.table), change.after)
        break
      case 'truncate_table':
      case 'create_database':
      case 'alter_database':
        break
    }
  }
}
