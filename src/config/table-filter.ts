// Which source tables are replicated, and the ClickHouse database each source database goes to.

import { compileGlob, compileTablePattern, isLiteral } from './glob.ts'
import type { ChsyncConfig } from './types.ts'

/** Never replicated unless a pattern names them exactly. */
export const SYSTEM_SCHEMAS: ReadonlySet<string> = new Set(['mysql', 'sys', 'information_schema', 'performance_schema'])

export type TableFilter = (db: string, table: string) => boolean

export function tableFilter(config: Pick<ChsyncConfig, 'replicate'>): TableFilter {
  const { databases, tables, excludeTables } = config.replicate
  const namedSystem = new Set(databases.filter((p) => isLiteral(p) && SYSTEM_SCHEMAS.has(p)))
  const dbMatchers = databases.map(compileGlob)
  const tableMatchers = tables.map(compileTablePattern)
  const excludeMatchers = excludeTables.map(compileTablePattern)
  return (db, table) => {
    const dbWanted = SYSTEM_SCHEMAS.has(db) ? namedSystem.has(db) : dbMatchers.some((m) => m(db))
    return (
      dbWanted && tableMatchers.some((m) => m(db, table)) && !excludeMatchers.some((m) => m(db, table))
    )
  }
}

/** The renamed name from [target.databases] as written, else database_prefix + the source name. */
export function targetDatabase(config: Pick<ChsyncConfig, 'target'>, sourceDb: string): string {
  return config.target.databases.get(sourceDb) ?? config.target.databasePrefix + sourceDb
}
