// Which source tables are replicated, and the ClickHouse database each source database goes to.

import { compileGlob, compileTablePattern, isLiteral } from './glob.ts'
import type { ChsyncConfig } from './types.ts'

/** Never replicated unless a pattern names them exactly. */
export const SYSTEM_SCHEMAS: ReadonlySet<string> = new Set(['mysql', 'sys', 'information_schema', 'performance_schema'])

export type TableFilter = (db: string, table: string) => boolean

export function tableFilter(config: Pick<ChsyncConfig, 'replicate'>): TableFilter {
  const { tables, excludeTables } = config.replicate
  const dbWanted = databaseFilter(config)
  const tableMatchers = tables.map(compileTablePattern)
  const excludeMatchers = excludeTables.map(compileTablePattern)
  return (db, table) => dbWanted(db) && tableMatchers.some((m) => m(db, table)) && !excludeMatchers.some((m) => m(db, table))
}

/** Whether [replicate] takes tables of `db` at all (replicate.databases, system schemas only when named). */
export function databaseFilter(config: Pick<ChsyncConfig, 'replicate'>): (db: string) => boolean {
  const { databases } = config.replicate
  const namedSystem = new Set(databases.filter((p) => isLiteral(p) && SYSTEM_SCHEMAS.has(p)))
  const dbMatchers = databases.map(compileGlob)
  return (db) => (SYSTEM_SCHEMAS.has(db) ? namedSystem.has(db) : dbMatchers.some((m) => m(db)))
}

/**
 * The tables of `db` [replicate] can take: 'any' when a glob of replicate.tables applies to it (a
 * table created later, or one nobody can see, may match), else the table names written out.
 */
export function replicatedNames(config: Pick<ChsyncConfig, 'replicate'>, db: string): 'any' | string[] {
  if (!databaseFilter(config)(db)) return []
  const wanted = tableFilter(config)
  const names = new Set<string>()
  for (const pattern of config.replicate.tables) {
    const dot = pattern.indexOf('.')
    const dbPart = dot < 0 ? null : pattern.slice(0, dot)
    const tablePart = dot < 0 ? pattern : pattern.slice(dot + 1)
    if (dbPart !== null && !compileGlob(dbPart)(db)) continue
    if (!isLiteral(tablePart)) return 'any'
    if (wanted(db, tablePart)) names.add(tablePart)
  }
  return [...names].sort()
}

/** The renamed name from [target.databases] as written, else database_prefix + the source name. */
export function targetDatabase(config: Pick<ChsyncConfig, 'target'>, sourceDb: string): string {
  return config.target.databases.get(sourceDb) ?? config.target.databasePrefix + sourceDb
}
