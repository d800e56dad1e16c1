// The replicated tables verify compares, and those it cannot compare with why: a table the account
// cannot read (or cannot see: the server hides it, so only a database it cannot read whole, or the
// binlog, says it may be there), or one it cannot describe. The same findings as `chsync check`.

import type { BinlogClient } from '../binlog/index.ts'
import { type BinlogTables, accountText, sourceAccess } from '../check/index.ts'
import { type ChsyncConfig, tableFilter } from '../config/index.ts'
import { type SourceTable, tableKey, tableName } from '../model/index.ts'
import { describeSourceTable } from '../schema/source/index.ts'
import { columnShaping } from '../sink/shaping/index.ts'

export interface NotCompared {
  /** "db.table", or "database db" for the tables of a database the account cannot see. */
  name: string
  reason: string
  /** The statement that would let verify compare it, when there is one. */
  fix: string | null
}

export interface SourcePlan {
  tables: SourceTable[]
  notCompared: NotCompared[]
  /** Tables named on the command line that are not replicated tables of the source. */
  unknown: string[]
}

/** `named`: tables given on the command line as [database, table, text]; empty: every replicated table. */
export async function planSource(
  client: BinlogClient,
  config: Pick<ChsyncConfig, 'replicate' | 'maskSalt'>,
  named: readonly [string, string, string][],
  /** Reads the recent binlog for the names of tables the account cannot see; null: not read. */
  binlogTables: (() => Promise<BinlogTables>) | null,
): Promise<SourcePlan> {
  const query = <T>(sql: string, params?: string[]) => client.sql.query<T>(sql, params)
  const visible = (
    await query<{ db: string; t: string }>(
      "SELECT TABLE_SCHEMA AS db, TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY 1, 2",
    )
  ).map((r): [string, string] => [String(r.db), String(r.t)])
  const [who] = await query<{ user: string }>('SELECT CURRENT_USER() AS user')
  const account = accountText(String(who?.user ?? ''))
  const access = await sourceAccess({
    config,
    account,
    grants: (await query<Record<string, unknown>>('SHOW GRANTS')).map((r) => String(Object.values(r)[0])),
    tables: visible,
    databases: (await query<{ db: string }>('SELECT SCHEMA_NAME AS db FROM information_schema.SCHEMATA')).map((r) => String(r.db)),
    query: (sql) => query(sql),
    binlogTables,
  })

  const wanted = tableFilter(config)
  // A table whose key is left out or masked is not replicated (verifyTable shapes the others).
  const shaping = columnShaping(config)
  const asked = new Map(named.map(([db, t, text]) => [tableKey(db, t), text]))
  const take = (db: string, t: string) => named.length === 0 || asked.has(tableKey(db, t))
  const plan: SourcePlan = { tables: [], notCompared: [], unknown: [] }
  const unreadable = new Map(access.unreadable.filter((u) => u.table !== null).map((u) => [tableKey(u.database, u.table!), u]))
  const partial = access.unreadable.filter((u) => u.table === null)
  const done = new Set<string>()

  for (const [db, t] of visible) {
    if (!wanted(db, t) || !take(db, t)) continue
    done.add(tableKey(db, t))
    const u = unreadable.get(tableKey(db, t))
    if (u) {
      plan.notCompared.push({ name: tableName(db, t), reason: u.why, fix: u.fix })
      continue
    }
    try {
      const shape = await describeSourceTable((sql, params) => query(sql, params), db, t)
      const table: SourceTable = { database: db, table: t, columns: shape.columns, primaryKey: shape.primaryKey }
      const problem = shaping.keyProblem(table)
      if (problem) plan.notCompared.push({ name: tableName(db, t), reason: problem, fix: null })
      else plan.tables.push(table)
    } catch (err) {
      plan.notCompared.push({ name: tableName(db, t), reason: `cannot describe it on the source: ${(err as Error).message}`, fix: null })
    }
  }
  for (const [key, u] of unreadable) {
    if (done.has(key) || !take(u.database, u.table!)) continue
    done.add(key)
    plan.notCompared.push({ name: tableName(u.database, u.table!), reason: u.why, fix: u.fix })
  }
  for (const u of partial) {
    if (named.length === 0) {
      plan.notCompared.push({ name: `database ${u.database}`, reason: u.why, fix: u.fix })
      continue
    }
    // A table asked for by name in such a database: it may be there, unseen.
    for (const [db, t, text] of named)
      if (db === u.database && !done.has(tableKey(db, t))) {
        done.add(tableKey(db, t))
        plan.notCompared.push({
          name: text,
          reason: `${account} cannot see it: it does not exist, or the account cannot read it (${u.why})`,
          fix: u.fix,
        })
      }
  }
  plan.unknown = named.filter(([db, t]) => !done.has(tableKey(db, t))).map(([, , text]) => text)
  return plan
}
