// What SHOW GRANTS says the account may read: SELECT on everything, on whole databases, on single
// tables, or on some columns only. It cannot say which tables exist where the account has no
// privilege (the server hides them), nor what a role gives: those limits are the caller's to state.

import { type Grant, type GrantLevel, type ParsedGrants, levelText } from './grants.ts'

export interface ReadAccess {
  /** SELECT on *.* and nothing taken back: every table can be read. */
  readonly everything: boolean
  /** SELECT on every table of `db`, now and later: on *.* (not revoked there) or on the database. */
  wholeDatabase(db: string): boolean
  /** Tables of `db` with SELECT on the whole table (a table-level grant). */
  tablesOf(db: string): string[]
  /** Databases that grants name literally (table, column or database level). */
  readonly namedDatabases: string[]
  /** Roles: SHOW GRANTS does not list what they give. */
  readonly roles: string[]
  /** Where the account has SELECT, as GRANT writes it: "*.*", "`shop`.*", "`crm`.`deals`". */
  readonly selectLevels: string[]
}

const reads = (g: Grant) => g.privileges.some((p) => p === 'SELECT' || p === 'ALL' || p === 'ALL PRIVILEGES')

export function readAccess(parsed: ParsedGrants): ReadAccess {
  const granted = [...parsed.grants, ...parsed.publicGrants].filter(reads)
  const revoked = parsed.revokes.filter(reads)
  const global = granted.some((g) => g.level.kind === 'global')
  // With partial_revokes on (it is, when REVOKE lines show), MySQL reads % and _ in database grants literally.
  const wildcards = parsed.revokes.length === 0
  const onDatabase = granted.flatMap((g) => (g.level.kind === 'database' ? [g.level.pattern] : []))
  const revokedFrom = revoked.flatMap((g) => (g.level.kind === 'database' ? [g.level.pattern] : []))
  const wholeDatabase = (db: string) =>
    (global && !revokedFrom.some((p) => databaseMatches(p, db, false))) || onDatabase.some((p) => databaseMatches(p, db, wildcards))
  const tables = granted.filter(
    (g): g is Grant & { level: Extract<GrantLevel, { kind: 'table' }> } => g.level.kind === 'table' && wholeTable(g),
  )
  const named = new Set<string>()
  for (const g of [...parsed.grants, ...parsed.publicGrants]) {
    if (g.level.kind === 'table') named.add(g.level.database)
    if (g.level.kind === 'database' && (!wildcards || !/(?<!\\)[%_]/.test(g.level.pattern))) named.add(unescapePattern(g.level.pattern))
  }
  return {
    everything: global && revoked.length === 0,
    wholeDatabase,
    tablesOf: (db) => [...new Set(tables.filter((g) => g.level.database === db).map((g) => g.level.table))].sort(),
    namedDatabases: [...named].sort(),
    roles: parsed.roles,
    selectLevels: [...new Set(granted.map((g) => levelText(g.level)))],
  }
}

/** SELECT on the whole table, not only on some of its columns ("SELECT (`a`)"). */
function wholeTable(g: Grant): boolean {
  const partial = new Set(g.columnsOnly ?? [])
  return g.privileges.some((p) => (p === 'SELECT' && !partial.has('SELECT')) || p === 'ALL' || p === 'ALL PRIVILEGES')
}

/**
 * A database-level grant's name as the server matches it: `%` any run of characters, `_` one,
 * `\_` and `\%` themselves (MySQL and MariaDB, unless partial_revokes makes them literal).
 */
export function databaseMatches(pattern: string, db: string, wildcards = true): boolean {
  if (!wildcards) return unescapePattern(pattern) === db
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '\\' && i + 1 < pattern.length) source += escapeRegex(pattern[++i]!)
    else if (c === '%') source += '.*'
    else if (c === '_') source += '.'
    else source += escapeRegex(c)
  }
  return new RegExp(`^${source}$`, 's').test(db)
}

function unescapePattern(pattern: string): string {
  return pattern.replace(/\\(.)/g, '$1')
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
