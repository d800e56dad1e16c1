// A source table's foreign keys from information_schema, as the DDL derivation keeps them:
// KEY_COLUMN_USAGE for the columns in key order and the parent, REFERENTIAL_CONSTRAINTS for the
// actions. MariaDB shows REFERENTIAL_CONSTRAINTS only to accounts with more than SELECT on the
// table (a replication account sees no row there, checked on 10.11), so where the actions are
// missing they are read from SHOW CREATE TABLE, which SELECT is enough for.

import { type ReferentialAction, tableKey, type TrackedForeignKey } from '../../model/index.ts'
import { parseDdl } from '../ddl/index.ts'
import type { SourceQuery } from './describe-table.ts'

const SELECT = `SELECT k.TABLE_SCHEMA AS db, k.TABLE_NAME AS t, k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS col,
  k.REFERENCED_TABLE_SCHEMA AS refDb, k.REFERENCED_TABLE_NAME AS refTable, k.REFERENCED_COLUMN_NAME AS refCol,
  r.DELETE_RULE AS onDelete, r.UPDATE_RULE AS onUpdate
FROM information_schema.KEY_COLUMN_USAGE k
LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS r
  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
WHERE k.REFERENCED_TABLE_NAME IS NOT NULL`

const ORDER = 'ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION'

const ACTIONS: readonly ReferentialAction[] = ['RESTRICT', 'CASCADE', 'SET NULL', 'SET DEFAULT', 'NO ACTION']

/** A foreign key of the child table `db`.`table`; `actions`: information_schema showed them. */
interface Found {
  db: string
  table: string
  fk: TrackedForeignKey
  actions: boolean
}

/** The foreign keys of one table, by constraint name. */
export async function describeForeignKeys(query: SourceQuery, db: string, table: string): Promise<TrackedForeignKey[]> {
  const rows = await query(`${SELECT} AND k.TABLE_SCHEMA = ? AND k.TABLE_NAME = ? ${ORDER}`, [db, table])
  return (await complete(query, rows)).get(tableKey(db, table)) ?? []
}

/**
 * The foreign keys of every table of `databases` (null: of every database), by tableKey of the
 * child; tables without any are left out.
 */
export async function describeAllForeignKeys(
  query: SourceQuery,
  databases: readonly string[] | null,
): Promise<Map<string, TrackedForeignKey[]>> {
  if (databases !== null && databases.length === 0) return new Map()
  const where = databases === null ? '' : ` AND k.TABLE_SCHEMA IN (${databases.map(() => '?').join(', ')})`
  return complete(query, await query(`${SELECT}${where} ${ORDER}`, databases === null ? [] : [...databases]))
}

async function complete(query: SourceQuery, rows: Record<string, unknown>[]): Promise<Map<string, TrackedForeignKey[]>> {
  const found = foreignKeysOf(rows)
  const out = new Map<string, TrackedForeignKey[]>()
  for (const [key, list] of found) {
    if (list.some((f) => !f.actions)) await actionsFromShowCreate(query, list)
    out.set(
      key,
      list.map((f) => f.fk),
    )
  }
  return out
}

function foreignKeysOf(rows: Record<string, unknown>[]): Map<string, Found[]> {
  const out = new Map<string, Found[]>()
  let last: Found | null = null
  let lastTable = ''
  for (const r of rows) {
    const key = tableKey(text(r.db), text(r.t))
    const name = text(r.name)
    if (last === null || key !== lastTable || last.fk.name !== name) {
      const shown = r.onDelete !== null && r.onDelete !== undefined
      last = {
        db: text(r.db),
        table: text(r.t),
        fk: {
          name,
          columns: [],
          parent: { database: text(r.refDb), table: text(r.refTable), columns: [] },
          onDelete: action(r.onDelete),
          onUpdate: action(r.onUpdate),
        },
        actions: shown,
      }
      lastTable = key
      const list = out.get(key) ?? []
      list.push(last)
      out.set(key, list)
    }
    last.fk.columns.push(text(r.col))
    last.fk.parent.columns.push(text(r.refCol))
  }
  return out
}

/**
 * The actions of `list` (one table's keys) from the CONSTRAINT lines of SHOW CREATE TABLE, each
 * parsed as an ADD clause. An action SHOW CREATE leaves out is RESTRICT (only MariaDB needs this).
 */
async function actionsFromShowCreate(query: SourceQuery, list: Found[]): Promise<void> {
  const q = (n: string) => '`' + n.replaceAll('`', '``') + '`'
  const [row] = await query(`SHOW CREATE TABLE ${q(list[0].db)}.${q(list[0].table)}`, [])
  const ddl = text(row?.['Create Table'])
  for (const line of ddl.split('\n')) {
    const clause = line.trim().replace(/,$/, '')
    if (!/^CONSTRAINT\s.*\sFOREIGN KEY\s/i.test(clause)) continue
    const parsed = parseDdl(`ALTER TABLE t ADD ${clause}`, { flavor: 'mariadb' })
    const add = parsed.kind === 'alter_table' ? parsed.actions.find((a) => a.kind === 'add_foreign_key') : undefined
    if (add?.kind !== 'add_foreign_key') continue
    const match = list.find((f) => f.fk.name === add.foreignKey.constraint)
    if (match === undefined) continue
    match.fk.onDelete = add.foreignKey.references.onDelete ?? 'RESTRICT'
    match.fk.onUpdate = add.foreignKey.references.onUpdate ?? 'RESTRICT'
    match.actions = true
  }
}

function action(v: unknown): ReferentialAction {
  const s = text(v).toUpperCase()
  return (ACTIONS as readonly string[]).includes(s) ? (s as ReferentialAction) : 'RESTRICT'
}

function text(v: unknown): string {
  if (v === null || v === undefined) return ''
  return Buffer.isBuffer(v) ? v.toString('utf8') : String(v)
}
