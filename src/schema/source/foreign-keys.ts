// A source table's foreign keys from information_schema (REFERENTIAL_CONSTRAINTS for the actions,
// KEY_COLUMN_USAGE for the columns in key order), as the DDL derivation keeps them.

import type { TrackedForeignKey } from '../changes/index.ts'
import type { ReferentialAction } from '../ddl/index.ts'
import { tableKey } from '../model.ts'
import type { SourceQuery } from './describe-table.ts'

const SELECT = `SELECT k.TABLE_SCHEMA AS db, k.TABLE_NAME AS t, k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS col,
  k.REFERENCED_TABLE_SCHEMA AS refDb, k.REFERENCED_TABLE_NAME AS refTable, k.REFERENCED_COLUMN_NAME AS refCol,
  r.DELETE_RULE AS onDelete, r.UPDATE_RULE AS onUpdate
FROM information_schema.KEY_COLUMN_USAGE k
JOIN information_schema.REFERENTIAL_CONSTRAINTS r
  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME`

const ORDER = 'ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION'

const ACTIONS: readonly ReferentialAction[] = ['RESTRICT', 'CASCADE', 'SET NULL', 'SET DEFAULT', 'NO ACTION']

/** The foreign keys of one table, by constraint name. */
export async function describeForeignKeys(query: SourceQuery, db: string, table: string): Promise<TrackedForeignKey[]> {
  const rows = await query(`${SELECT} WHERE k.TABLE_SCHEMA = ? AND k.TABLE_NAME = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL ${ORDER}`, [db, table])
  return foreignKeysOf(rows).get(tableKey(db, table)) ?? []
}

/** The foreign keys of every table of the databases, by tableKey of the child (tables without any left out). */
export async function describeAllForeignKeys(query: SourceQuery, databases: readonly string[]): Promise<Map<string, TrackedForeignKey[]>> {
  if (databases.length === 0) return new Map()
  const marks = databases.map(() => '?').join(', ')
  return foreignKeysOf(await query(`${SELECT} WHERE k.TABLE_SCHEMA IN (${marks}) AND k.REFERENCED_TABLE_NAME IS NOT NULL ${ORDER}`, [...databases]))
}

function foreignKeysOf(rows: Record<string, unknown>[]): Map<string, TrackedForeignKey[]> {
  const out = new Map<string, TrackedForeignKey[]>()
  let last: TrackedForeignKey | null = null
  let lastTable = ''
  for (const r of rows) {
    const key = tableKey(text(r.db), text(r.t))
    const name = text(r.name)
    if (last === null || key !== lastTable || last.name !== name) {
      last = {
        name,
        columns: [],
        parent: { database: text(r.refDb), table: text(r.refTable), columns: [] },
        onDelete: action(r.onDelete),
        onUpdate: action(r.onUpdate),
      }
      lastTable = key
      const list = out.get(key) ?? []
      list.push(last)
      out.set(key, list)
    }
    last.columns.push(text(r.col))
    last.parent.columns.push(text(r.refCol))
  }
  return out
}

function action(v: unknown): ReferentialAction {
  const s = text(v).toUpperCase()
  return (ACTIONS as readonly string[]).includes(s) ? (s as ReferentialAction) : 'RESTRICT'
}

function text(v: unknown): string {
  if (v === null || v === undefined) return ''
  return Buffer.isBuffer(v) ? v.toString('utf8') : String(v)
}
