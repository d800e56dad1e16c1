// The source's binlog settings chsync depends on, each with the statement that fixes it:
// log_bin, binlog_format = ROW, binlog_row_image = FULL, binlog_row_metadata = FULL, GTID mode,
// and the binlog retention (how long chsync may be stopped before its position is purged). On a
// managed platform (platform.ts) the fixes name its parameter group or flags, and RDS and Aurora's
// retention is their `binlog retention hours`.

import type { Flavor } from '../binlog/index.ts'
import { managedSettingFix, type Platform, retentionFix } from './platform.ts'
import { type CheckResult, fatal, ok, warning } from './result.ts'

/** RDS and Aurora's `binlog retention hours` (null: not set), or why it could not be read. */
export type ManagedRetention = { hours: number | null } | { error: string }

const SELF_MANAGED: Platform = { kind: 'self-managed', name: 'self-managed', evidence: null }

/** Retention under this is a warning: a stop over a weekend would lose the position. */
export const MIN_RETENTION_SECONDS = 24 * 3600

/**
 * How to set a global variable so it also survives a restart: MySQL persists it with SET PERSIST;
 * MariaDB has no SET PERSIST, so the option file needs the line too.
 */
export function setGlobal(flavor: Flavor, name: string, value: string): string {
  const literal = /^\d+$/.test(value) ? value : `'${value}'`
  return flavor === 'mysql'
    ? `SET PERSIST ${name} = ${literal};`
    : `SET GLOBAL ${name} = ${literal};  and ${name} = ${value} under [mysqld] in the server's option file`
}

export function checkBinlogSettings(
  flavor: Flavor,
  vars: ReadonlyMap<string, string>,
  platform: Platform = SELF_MANAGED,
  managedRetention?: ManagedRetention,
): CheckResult[] {
  const results: CheckResult[] = []
  const get = (name: string) => vars.get(name)?.toUpperCase() ?? null
  const setting = (name: string, value: string) => managedSettingFix(platform, name, value) ?? setGlobal(flavor, name, value)
  if (platform.kind !== 'self-managed')
    results.push(
      ok(
        'source.platform',
        `${platform.name} (${platform.evidence}): settings are changed in its ${platformSettingsPlace(platform)}, not with SET`,
      ),
    )

  const logBin = get('log_bin')
  if (logBin === 'ON' || logBin === '1') results.push(ok('source.log_bin', 'ON'))
  else
    results.push(fatal('source.log_bin', `binary logging is ${logBin ?? 'unknown'}; chsync reads the binlog`, logBinFix(flavor, platform)))

  const format = get('binlog_format')
  // A server without the variable only writes ROW events.
  if (format === null || format === 'ROW') results.push(ok('source.binlog_format', 'ROW'))
  else
    results.push(
      fatal('source.binlog_format', `is ${format}; chsync needs ROW (row images, not statements)`, setting('binlog_format', 'ROW')),
    )

  const image = get('binlog_row_image')
  if (image === 'FULL') results.push(ok('source.binlog_row_image', 'FULL'))
  else
    results.push(
      fatal(
        'source.binlog_row_image',
        `is ${image ?? 'unknown'}; chsync needs FULL (every column of every changed row)`,
        setting('binlog_row_image', 'FULL'),
      ),
    )

  const metadata = get('binlog_row_metadata')
  if (metadata === 'FULL') results.push(ok('source.binlog_row_metadata', 'FULL'))
  else if (metadata === null)
    results.push(
      fatal(
        'source.binlog_row_metadata',
        'the server has no binlog_row_metadata; chsync needs it set to FULL (column names and types at event time)',
        'upgrade the server to MySQL 8.0 / MariaDB 10.5 or newer, then ' + setting('binlog_row_metadata', 'FULL'),
      ),
    )
  else
    results.push(
      fatal(
        'source.binlog_row_metadata',
        `is ${metadata}; chsync needs FULL (column names and types at event time)`,
        setting('binlog_row_metadata', 'FULL'),
      ),
    )

  results.push(checkGtidMode(flavor, vars, platform))
  results.push(
    platform.kind === 'rds' || platform.kind === 'aurora'
      ? checkManagedRetention(platform, managedRetention)
      : checkRetention(flavor, vars, platform),
  )
  return results
}

function platformSettingsPlace(p: Platform): string {
  return p.kind === 'aurora' ? 'DB cluster parameter group' : p.kind === 'rds' ? 'DB parameter group' : 'database flags'
}

function logBinFix(flavor: Flavor, p: Platform): string {
  if (p.kind === 'rds')
    return 'RDS writes binlogs only with automated backups on: set the backup retention period to 1 day or more (aws rds modify-db-instance --backup-retention-period 7 --apply-immediately)'
  if (p.kind === 'aurora')
    return 'set binlog_format = ROW in the DB cluster parameter group (OFF there turns binlogs off), then reboot the writer'
  if (p.kind === 'cloud-sql')
    return 'turn on point-in-time recovery, which writes binlogs (gcloud sql instances patch INSTANCE --enable-bin-log)'
  return flavor === 'mysql'
    ? 'log_bin cannot change at run time: remove skip-log-bin / disable-log-bin from the server options (or set log_bin = binlog under [mysqld]) and restart the server'
    : 'log_bin cannot change at run time: add log_bin = mariadb-bin under [mysqld] in the option file and restart the server'
}

function checkGtidMode(flavor: Flavor, vars: ReadonlyMap<string, string>, platform: Platform): CheckResult {
  if (flavor === 'mariadb') return ok('source.gtid_mode', 'MariaDB GTIDs are always on')
  const mode = vars.get('gtid_mode')?.toUpperCase() ?? 'OFF'
  if (mode === 'ON') return ok('source.gtid_mode', 'ON')
  const managed = managedSettingFix(platform, 'enforce_gtid_consistency', 'ON')
  if (managed !== null)
    return warning(
      'source.gtid_mode',
      `is ${mode}: chsync falls back to binlog file and offset, so it cannot follow a failover to another server`,
      `${managed}; then gtid_mode the same way, one step at a time: OFF_PERMISSIVE, ON_PERMISSIVE, ON`,
    )
  // MySQL's online procedure: each step only from the one before it.
  const todo: string[] = []
  if (vars.get('enforce_gtid_consistency')?.toUpperCase() !== 'ON') todo.push('SET PERSIST enforce_gtid_consistency = ON;')
  if (mode === 'OFF') todo.push("SET PERSIST gtid_mode = 'OFF_PERMISSIVE';")
  if (mode === 'OFF' || mode === 'OFF_PERMISSIVE') todo.push("SET PERSIST gtid_mode = 'ON_PERMISSIVE';")
  todo.push("(when SHOW STATUS LIKE 'Ongoing_anonymous_transaction_count' shows 0) SET PERSIST gtid_mode = 'ON';")
  return warning(
    'source.gtid_mode',
    `is ${mode}: chsync falls back to binlog file and offset, so it cannot follow a failover to another server`,
    todo.join(' '),
  )
}

/** RDS and Aurora keep binlogs for `binlog retention hours`; NULL (their default) purges them at once. */
function checkManagedRetention(p: Platform, retention: ManagedRetention | undefined): CheckResult {
  const subject = 'source.binlog_retention'
  const fix = retentionFix(168)
  if (retention === undefined || 'error' in retention)
    return warning(
      subject,
      `cannot read ${p.name}'s binlog retention hours (CALL mysql.rds_show_configuration${retention ? `: ${retention.error}` : ''}); ${p.name} keeps binlogs by it, not by binlog_expire_logs_seconds`,
      `CALL mysql.rds_show_configuration; as the admin user, and if binlog retention hours is NULL or under 24: ${fix}`,
    )
  if (retention.hours === null)
    return warning(
      subject,
      `binlog retention hours is NULL on ${p.name}: ${p.kind === 'aurora' ? 'binlogs are cleaned up lazily, usually within a day, with no promise' : 'binlogs are not kept once the server is done with them'}, so a stopped chsync can find its position gone and every table must be copied again`,
      fix,
    )
  if (retention.hours * 3600 < MIN_RETENTION_SECONDS)
    return warning(
      subject,
      `binlogs are purged after ${formatSeconds(retention.hours * 3600)} (binlog retention hours): if chsync is stopped longer than that, its position is gone and every table must be copied again`,
      fix,
    )
  return ok(subject, `binlogs are kept ${formatSeconds(retention.hours * 3600)} (binlog retention hours)`)
}

function checkRetention(flavor: Flavor, vars: ReadonlyMap<string, string>, platform: Platform): CheckResult {
  const subject = 'source.binlog_retention'
  if (flavor === 'mysql' && vars.get('binlog_expire_logs_auto_purge')?.toUpperCase() === 'OFF')
    return ok(subject, 'binlogs are never purged automatically (binlog_expire_logs_auto_purge = OFF); watch the disk')
  let seconds = Number(vars.get('binlog_expire_logs_seconds') ?? NaN)
  if (!Number.isFinite(seconds) || (seconds === 0 && flavor === 'mariadb')) {
    const days = Number(vars.get('expire_logs_days') ?? 0)
    seconds = Number.isFinite(days) ? Math.round(days * 86400) : 0
  }
  if (seconds === 0) return ok(subject, 'binlogs are never purged automatically; watch the disk')
  const fix =
    managedSettingFix(platform, 'binlog_expire_logs_seconds', String(7 * 86400)) ??
    setGlobal(flavor, 'binlog_expire_logs_seconds', String(7 * 86400))
  if (seconds < MIN_RETENTION_SECONDS)
    return warning(
      subject,
      `binlogs are purged after ${formatSeconds(seconds)}: if chsync is stopped longer than that, its position is gone and every table must be copied again`,
      fix,
    )
  return ok(subject, `binlogs are kept ${formatSeconds(seconds)}`)
}

export function formatSeconds(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} day${seconds === 86400 ? '' : 's'}`
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`
  return `${seconds} seconds`
}
