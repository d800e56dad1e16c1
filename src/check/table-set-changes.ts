// Which tables exist, as the binlog tells it: a statement's effect on the set (CREATE adds, DROP
// removes, RENAME and ALTER ... RENAME move, DROP DATABASE empties a database), kept as a change to
// apply later, so that windows of the binlog read newest first can be replayed oldest first.

import { type DdlParseOptions, type DdlStatement, type TableRef, parseDdl } from '../schema/ddl/index.ts'
import { splitTableKey, tableKey } from '../model/index.ts'

/** Tables by tableKey, as [database, table]. */
export type TableSet = Map<string, [string, string]>

export type TableSetChange = (tables: TableSet) => void

/** A statement's effect on which tables exist: CREATE adds, DROP removes, RENAME moves; null for none. */
export function statementChange(current: string, sql: string, options: DdlParseOptions): TableSetChange | null {
  let ast: DdlStatement
  try {
    ast = parseDdl(sql, options)
  } catch {
    return null // Not DDL chsync reads (or not parsable): it names no table here.
  }
  const ref = (t: TableRef): [string, string] => [t.database ?? current, t.name]
  const add = (tables: TableSet, t: TableRef) => tables.set(tableKey(...ref(t)), ref(t))
  // The new name exists after a rename even when the old one was made before what was read.
  const move = (tables: TableSet, from: TableRef, to: TableRef) => {
    tables.delete(tableKey(...ref(from)))
    add(tables, to)
  }
  switch (ast.kind) {
    case 'create_table':
    case 'create_table_like': {
      const a = ast
      return a.temporary ? null : (tables) => void add(tables, a.table)
    }
    case 'drop_table': {
      const a = ast
      return a.temporary ? null : (tables) => a.tables.forEach((t) => tables.delete(tableKey(...ref(t))))
    }
    case 'rename_table': {
      const a = ast
      return (tables) => a.renames.forEach((r) => move(tables, r.from, r.to))
    }
    case 'alter_table': {
      const a = ast
      return (tables) => a.actions.forEach((x) => x.kind === 'rename_table' && move(tables, a.table, x.to))
    }
    case 'drop_database': {
      const name = ast.name
      return (tables) => [...tables.keys()].filter((k) => splitTableKey(k)[0] === name).forEach((k) => tables.delete(k))
    }
    default:
      return null
  }
}
