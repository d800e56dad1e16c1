// Whether [replicate] matches anything on the source: a filter that matches no table is almost
// always a typo, and chsync would run doing nothing.

import { type ChsyncConfig, tableFilter } from '../config/index.ts'
import { type CheckResult, ok, warning } from './result.ts'

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
  return ok(
    'replicate',
    `${matched.length} table${matched.length === 1 ? '' : 's'} in ${databases.size} database${databases.size === 1 ? '' : 's'} to replicate`,
  )
}
