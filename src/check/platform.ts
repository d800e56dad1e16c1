// Where the source runs: a server of its own, or a managed one (Amazon RDS, Aurora, Google Cloud
// SQL) that gives no SUPER, so SET PERSIST / SET GLOBAL are not the fix: settings live in a
// parameter group or in database flags, and RDS and Aurora keep binlogs by their own setting,
// `binlog retention hours` (mysql.rds_show_configuration), whatever binlog_expire_logs_seconds says.
// Told from server variables only; each detection says which variable gave it away.

import type { Flavor } from '../binlog/index.ts'

export type PlatformKind = 'self-managed' | 'rds' | 'aurora' | 'cloud-sql'

export interface Platform {
  kind: PlatformKind
  /** As people call it: "Amazon RDS for MySQL", "Amazon Aurora MySQL", … */
  name: string
  /** The variable that told, e.g. "basedir = /rdsdbbin/mysql-8.0.35.R2/"; null when self-managed. */
  evidence: string | null
}

/** The variables detectPlatform looks at (besides any cloudsql_* one). */
export const PLATFORM_VARIABLES = ['basedir', 'datadir', 'version_comment', 'aurora_version'] as const

export function detectPlatform(flavor: Flavor, vars: ReadonlyMap<string, string>): Platform {
  const product = flavor === 'mysql' ? 'MySQL' : 'MariaDB'
  const aurora = vars.get('aurora_version')
  if (aurora !== undefined) return { kind: 'aurora', name: `Amazon Aurora ${product}`, evidence: `aurora_version = ${aurora}` }
  const basedir = vars.get('basedir') ?? ''
  // Aurora's engine is installed under /rdsdbbin/oscar-…, RDS's under /rdsdbbin/mysql-… or mariadb-….
  if (/^\/rdsdbbin\/oscar/.test(basedir)) return { kind: 'aurora', name: `Amazon Aurora ${product}`, evidence: `basedir = ${basedir}` }
  if (/^\/rdsdbbin\//.test(basedir)) return { kind: 'rds', name: `Amazon RDS for ${product}`, evidence: `basedir = ${basedir}` }
  const datadir = vars.get('datadir') ?? ''
  if (/^\/rdsdbdata\//.test(datadir)) return { kind: 'rds', name: `Amazon RDS for ${product}`, evidence: `datadir = ${datadir}` }
  const cloudsql = [...vars.keys()].find((k) => k.startsWith('cloudsql_'))
  if (cloudsql !== undefined) return { kind: 'cloud-sql', name: `Google Cloud SQL for ${product}`, evidence: `${cloudsql} is set` }
  const comment = vars.get('version_comment') ?? ''
  if (/\(Google\)/.test(comment))
    return { kind: 'cloud-sql', name: `Google Cloud SQL for ${product}`, evidence: `version_comment = ${comment}` }
  return { kind: 'self-managed', name: product, evidence: null }
}

export const isManaged = (p: Platform) => p.kind !== 'self-managed'

/** RDS and Aurora only: the statement that keeps binlogs `hours` hours. */
export function retentionFix(hours: number): string {
  return `CALL mysql.rds_set_configuration('binlog retention hours', ${hours});`
}

/**
 * How to set a server variable on a managed platform (null on a server of one's own: the caller
 * says SET PERSIST / SET GLOBAL). Managed platforms refuse both: no SUPER, no SYSTEM_VARIABLES_ADMIN.
 */
export function managedSettingFix(p: Platform, name: string, value: string): string | null {
  switch (p.kind) {
    case 'rds':
      return (
        `set ${name} = ${value} in the instance's DB parameter group (console, or aws rds modify-db-parameter-group --db-parameter-group-name GROUP ` +
        `--parameters "ParameterName=${name},ParameterValue=${value},ApplyMethod=immediate"; a default parameter group cannot be changed: create one and attach it); ${p.name} allows no SET PERSIST / SET GLOBAL`
      )
    case 'aurora':
      return (
        `set ${name} = ${value} in the DB cluster parameter group (console, or aws rds modify-db-cluster-parameter-group --db-cluster-parameter-group-name GROUP ` +
        `--parameters "ParameterName=${name},ParameterValue=${value},ApplyMethod=pending-reboot", then reboot the writer); ${p.name} allows no SET PERSIST / SET GLOBAL`
      )
    case 'cloud-sql':
      return (
        `set the database flag ${name}=${value} (console, or gcloud sql instances patch INSTANCE --database-flags=${name}=${value},… listing every flag the instance has: ` +
        `the option replaces them all); ${p.name} allows no SET PERSIST / SET GLOBAL`
      )
    case 'self-managed':
      return null
  }
}
