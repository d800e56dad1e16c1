// Follows DDL statements without a server: parses each, derives its changes with the captured
// collation catalogs, and applies them to a table map, as the pipeline would.

import type { Flavor } from '../../../../src/binlog/index.ts'
import { applyChanges, schemaChanges, type SchemaContext } from '../../../../src/schema/changes/index.ts'
import { type SchemaChange, tableKey, type TrackedTable } from '../../../../src/model/index.ts'
import { parseDdl, type DdlParseOptions } from '../../../../src/schema/ddl/index.ts'
import { CATALOGS, collationId } from './catalogs.ts'

export class Follower {
  readonly tables = new Map<string, TrackedTable>()

  constructor(
    readonly flavor: Flavor,
    readonly database = 'shop',
    private readonly extra: Partial<SchemaContext> = {},
  ) {}

  context(): SchemaContext {
    return {
      currentDatabase: this.database,
      flavor: this.flavor,
      tables: (db, t) => this.tables.get(tableKey(db, t)),
      collations: CATALOGS[this.flavor],
      databaseCollation: () => collationId(this.flavor, this.flavor === 'mysql' ? 'utf8mb4_0900_ai_ci' : 'utf8mb4_general_ci'),
      ...this.extra,
    }
  }

  /** The changes of one statement, applied. */
  run(sql: string, options: DdlParseOptions = {}): SchemaChange[] {
    const changes = schemaChanges(parseDdl(sql, { flavor: this.flavor, ...options }), this.context())
    applyChanges(this.tables, changes)
    return changes
  }

  table(name: string, database = this.database): TrackedTable {
    const t = this.tables.get(tableKey(database, name))
    if (t === undefined) throw new Error(`${database}.${name} is not tracked`)
    return t
  }

  /** Column names of a tracked table, in order. */
  columns(name: string): string[] {
    return this.table(name).columns.map((c) => c.name)
  }
}

/** A change in short: its kind and the names it moves, for exact order assertions. */
export function summary(change: SchemaChange): string {
  switch (change.kind) {
    case 'create_table':
      return `create_table ${change.table.database}.${change.table.table}`
    case 'drop_table':
    case 'truncate_table':
      return `${change.kind} ${change.database}.${change.table}`
    case 'rename_table':
      return `rename_table ${change.from.database}.${change.from.table} -> ${change.to.database}.${change.to.table}`
    case 'add_column':
      return `add_column ${change.column.name}${placement(change.position)}`
    case 'drop_column':
      return `drop_column ${change.column}`
    case 'modify_column':
      return `modify_column ${change.column.name}${placement(change.position)}`
    case 'rename_column':
      return `rename_column ${change.from} -> ${change.to}`
    case 'set_primary_key':
      return `set_primary_key (${change.columns.join(', ')})`
    case 'create_database':
    case 'drop_database':
    case 'alter_database':
      return `${change.kind} ${change.database}`
    case 'no_effect':
    case 'untranslatable':
      return `${change.kind}: ${change.reason}`
  }
}

function placement(position: { first: true } | { first: false; after: string } | null): string {
  if (position === null) return ''
  return position.first ? ' FIRST' : ` AFTER ${position.after}`
}
