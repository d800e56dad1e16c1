// The replication account needs REPLICATION SLAVE (to read the binlog), REPLICATION CLIENT (to
// read the binlog position; MariaDB calls it BINLOG MONITOR) and SELECT (the initial copy and the
// table descriptions), and nothing more: more is a warning with the statements that narrow it.
// SELECT may be on the replicated databases or tables only (source-access.ts checks those).

import type { Flavor } from '../binlog/index.ts'
import { type Grant, levelText, parseGrants } from './grants.ts'
import { type CheckResult, fatal, ok, warning } from './result.ts'

const SUBJECT = 'source.privileges'

/** The privileges chsync needs, global, as each flavor names them. */
export function neededPrivileges(flavor: Flavor): string[] {
  return ['REPLICATION SLAVE', flavor === 'mariadb' ? 'BINLOG MONITOR' : 'REPLICATION CLIENT', 'SELECT']
}

const SAME: Record<string, string> = { 'BINLOG MONITOR': 'REPLICATION CLIENT' }
const canonical = (p: string) => SAME[p] ?? p
const isAll = (p: string) => p === 'ALL' || p === 'ALL PRIVILEGES'

export function checkPrivileges(flavor: Flavor, account: string, grantLines: readonly string[]): CheckResult[] {
  const parsed = parseGrants(grantLines)
  const needed = neededPrivileges(flavor)
  const global = parsed.grants.filter((g) => g.level.kind === 'global')
  const hasGlobal = (p: string) => global.some((g) => g.privileges.some((q) => isAll(q) || canonical(q) === canonical(p)))
  const results: CheckResult[] = []

  const missing = needed.filter((p) => !hasGlobal(p))
  const selectElsewhere = parsed.grants.filter((g) => g.level.kind !== 'global' && g.privileges.some((q) => q === 'SELECT' || isAll(q)))
  const missingGlobal = missing.filter((p) => p !== 'SELECT' || selectElsewhere.length === 0)
  if (missingGlobal.length > 0)
    results.push(
      fatal(SUBJECT, `${account} lacks ${missingGlobal.join(', ')} on *.*`, `GRANT ${missingGlobal.join(', ')} ON *.* TO ${account};`),
    )
  // SELECT on some databases or tables only: whether that covers the replicated tables is
  // source.readable's question (source-access.ts), answered table by table.

  const extra = extraPrivileges(parsed.grants, needed)
  if (extra.length > 0) {
    const shown = extra.length > 8 ? `${extra.slice(0, 8).join(', ')} and ${extra.length - 8} more` : extra.join(', ')
    results.push(
      warning(
        SUBJECT,
        `${account} has more privileges than replication needs: ${shown}; a replication account should have only ${needed.join(', ')}`,
        `REVOKE ALL PRIVILEGES, GRANT OPTION FROM ${account}; GRANT ${needed.join(', ')} ON *.* TO ${account};  (or create a dedicated account with only these)`,
      ),
    )
  }
  if (parsed.roles.length > 0)
    results.push(
      warning(
        SUBJECT,
        `${account} has roles (${parsed.roles.join(', ')}) whose privileges are not checked here`,
        `GRANT ${needed.join(', ')} ON *.* TO ${account};  (grant directly rather than through a role)`,
      ),
    )
  if (results.length === 0) {
    const elsewhere = missing.includes('SELECT')
      ? selectElsewhere.map((g) => levelText(g.level) + (g.columnsOnly?.includes('SELECT') ? ' (some columns)' : '')).sort()
      : []
    const has = elsewhere.length
      ? `${needed.filter((p) => p !== 'SELECT').join(', ')} on *.*, SELECT on ${elsewhere.join(', ')}`
      : `${needed.join(', ')} on *.*`
    results.push(ok(SUBJECT, `${account} has ${has} and nothing more`))
  }
  return results
}

/** Everything granted beyond `needed` on *.* and SELECT elsewhere, as "PRIV on level". */
function extraPrivileges(grants: readonly Grant[], needed: readonly string[]): string[] {
  const allowed = new Set(['USAGE', ...needed.map(canonical)])
  const out: string[] = []
  for (const g of grants) {
    const where = levelText(g.level)
    for (const p of g.privileges) {
      const fine = g.level.kind === 'global' ? allowed.has(canonical(p)) : p === 'SELECT' || p === 'USAGE'
      if (!fine) out.push(g.level.kind === 'global' ? p : `${p} on ${where}`)
    }
    if (g.grantOption) out.push(g.level.kind === 'global' ? 'GRANT OPTION' : `GRANT OPTION on ${where}`)
  }
  return out
}
