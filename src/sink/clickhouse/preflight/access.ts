// What chsync may do in ClickHouse: the privileges it uses on each target database (asked with
// CHECK GRANT, which weighs roles and wildcards as ClickHouse does), and, with target.cluster, that
// the cluster exists: DDL ON CLUSTER of an unknown cluster fails only at the first table.

import type { ChsyncConfig } from '../../../config/index.ts'
import { type PreflightFinding, fatal, ok, warning } from '../../preflight-finding.ts'

/** Asks ClickHouse one statement; answers its text, or throws with its reason. */
export type ClickHouseQuery = (sql: string) => Promise<string>

/** Each privilege chsync uses on a target database, and what for. */
export const TARGET_PRIVILEGES: readonly (readonly [string, string])[] = [
  ['CREATE DATABASE', 'creates the target database when it is missing'],
  ['CREATE TABLE', 'creates a table for each replicated table'],
  ['ALTER', 'follows column changes and marks its tables and columns (COMMENT)'],
  ['INSERT', 'writes the rows'],
  ['SELECT', 'reads its tables back (versions, foreign-key actions, verify)'],
  ['DROP TABLE', 'drops the tables dropped on the source'],
  ['TRUNCATE', 'follows TRUNCATE TABLE'],
]

const ident = (name: string) => '`' + name.replaceAll('\\', '\\\\').replaceAll('`', '\\`') + '`'
const literal = (s: string) => "'" + s.replaceAll('\\', '\\\\').replaceAll("'", "\\'") + "'"

function neededPrivileges(config: Pick<ChsyncConfig, 'apply'>): string[] {
  const out = TARGET_PRIVILEGES.map(([p]) => p)
  if (config.apply.optimizeIntervalMs > 0) out.push('OPTIMIZE')
  return out
}

/**
 * One result per target database: ok, or fatal naming the privileges missing and the GRANT that
 * adds them. A ClickHouse without CHECK GRANT (before 24.x) gets one warning with the GRANTs to make sure of.
 */
export async function checkTargetPrivileges(
  config: Pick<ChsyncConfig, 'apply' | 'target'>,
  databases: readonly string[],
  query: ClickHouseQuery,
): Promise<PreflightFinding[]> {
  if (databases.length === 0) return []
  const user = config.target.url.user
  const wanted = neededPrivileges(config)
  const grantText = (db: string, privileges: readonly string[]) => `GRANT ${privileges.join(', ')} ON ${ident(db)}.* TO ${ident(user)}`
  const out: PreflightFinding[] = []
  // CHECK GRANT answers 1 when the user has every privilege listed: one question per database,
  // then one per privilege only where something is missing.
  const has = async (db: string, privileges: readonly string[]) =>
    (await query(`CHECK GRANT ${privileges.join(', ')} ON ${ident(db)}.*`)).trim() === '1'
  for (const db of [...databases].sort()) {
    const missing: string[] = []
    try {
      if (!(await has(db, wanted))) for (const privilege of wanted) if (!(await has(db, [privilege]))) missing.push(privilege)
    } catch (err) {
      return [
        warning(
          'target.privileges',
          `cannot ask ClickHouse which privileges ${user} has (CHECK GRANT: ${(err as Error).message.split('\n')[0]!.slice(0, 200)}); chsync needs ${wanted.join(', ')} on each target database`,
          databases.map((d) => grantText(d, wanted)).join('; '),
        ),
      ]
    }
    const subject = `target.privileges ${db}`
    if (missing.length === 0) out.push(ok(subject, `${user} has ${wanted.join(', ')} on ${ident(db)}.*`))
    else {
      const uses = missing.map(
        (p) =>
          `${p} (${TARGET_PRIVILEGES.find(([q]) => q === p)?.[1] ?? 'runs OPTIMIZE TABLE ... FINAL CLEANUP (apply.optimize_interval)'})`,
      )
      out.push(fatal(subject, `${user} lacks ${uses.join(', ')} on ${ident(db)}.*`, grantText(db, missing)))
    }
  }
  return out
}

/** With target.cluster set: it is one of system.clusters (else every DDL ON CLUSTER would fail). */
export async function checkTargetCluster(config: Pick<ChsyncConfig, 'target'>, query: ClickHouseQuery): Promise<PreflightFinding[]> {
  const cluster = config.target.cluster
  if (cluster === null) return []
  let names: string[]
  try {
    names = (await query('SELECT DISTINCT cluster FROM system.clusters ORDER BY cluster FORMAT TabSeparatedRaw'))
      .split('\n')
      .filter((l) => l !== '')
  } catch (err) {
    return [
      fatal(
        'target.cluster',
        `cannot read system.clusters to find cluster ${literal(cluster)}: ${(err as Error).message.split('\n')[0]}`,
        'GRANT SELECT ON system.clusters, or check target.cluster',
      ),
    ]
  }
  if (names.includes(cluster)) return [ok('target.cluster', `cluster ${literal(cluster)} is in system.clusters`)]
  const known =
    names.length === 0 ? 'ClickHouse knows no cluster (system.clusters is empty)' : `the clusters ClickHouse knows: ${names.join(', ')}`
  return [
    fatal(
      'target.cluster',
      `target.cluster ${literal(cluster)} is not a cluster of this ClickHouse: ${known}`,
      names.length === 0
        ? 'define it in remote_servers of the ClickHouse configuration, or set target.cluster = "" for a single server'
        : `set target.cluster to one of ${names.join(', ')}, or define ${literal(cluster)} in remote_servers`,
    ),
  ]
}
