// Whether [replicate] matches anything on the source: a filter that matches no table is almost
// always a typo, and chsync would run doing nothing.

import { type ChsyncConfig, layoutFor, tableFilter } from '../config/index.ts'
import { systemColumnClash } from '../sink/clickhouse/target-table.ts'
import { type CheckResult, ok, warning } from './result.ts'
import type { SourceFacts } from './source-facts.ts'

export function checkReplicatedTables(config: Pick<ChsyncConfig, 'replicate'>, tables: readonly [string, string][]): CheckResult {
  const wanted = tableFilter(config)
  const matched = tables.filter(([db, t]) => wanted(db, t))
  if (matched.length === 0)
    return warning(
      'replicate',
      `replicate.databases ${JSON.stringify(config.replicate.databases)} and replicate.tables ${JSON.stringify(config.replicate.tables)} match no table the account can see on the source; chsync would only pick up tables created later`,
      'check the globs in replicate.databases / replicate.tables / replicate.exclude_tables (and that the account has SELECT on those databases)',
    )
  const databases = new Set(matched.map(([db]) => db))
  return ok('replicate', `${matched.length} table${matched.length === 1 ? '' : 's'} in ${databases.size} database${databases.size === 1 ? '' : 's'} to replicate`)
}

/** Replicated tables ClickHouse cannot hold (chsync leaves them out), each with its fix. */
export function checkRepresentableTables(config: Pick<ChsyncConfig, 'replicate' | 'target'>, columns: SourceFacts['systemNamedColumns']): CheckResult[] {
  const wanted = tableFilter(config)
  const byTable = new Map<string, { names: string[]; keyed: boolean; history: boolean }>()
  for (const c of columns) {
    if (!wanted(c.db, c.table)) continue
    const key = `${c.db}.${c.table}`
    const t = byTable.get(key) ?? { names: [], keyed: c.keyed, history: layoutFor(config.target.layout, c.db, c.table)?.mode === 'history' }
    t.names.push(c.column)
    byTable.set(key, t)
  }
  const out: CheckResult[] = []
  for (const [table, t] of byTable) {
    const clash = systemColumnClash(t.names, t.keyed, t.history)
    if (clash)
      out.push(
        warning(
          `table ${table}`,
          `${clash}: chsync leaves the table out and replicates the others`,
          `rename the column on the source, or leave the table out with replicate.exclude_tables`,
        ),
      )
  }
  return out
}
