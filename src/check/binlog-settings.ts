// The source's binlog settings chsync depends on, each with the statement that fixes it:
// log_bin, binlog_format = ROW, binlog_row_image = FULL, binlog_row_metadata = FULL, GTID mode,
// and the binlog retention (how long chsync may be stopped before its position is purged).

import type { Flavor } from '../binlog/index.ts'
import { type CheckResult, fatal, ok, warning } from './result.ts'

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

export function checkBinlogSettings(flavor: Flavor, vars: ReadonlyMap<string, string>): CheckResult[] {
  const results: CheckResult[] = []
  const get = (name: string) => vars.get(name)?.toUpperCase() ?? null

  const logBin = get('log_bin')
  if (logBin === 'ON' || logBin === '1') results.push(ok('source.log_bin', 'ON'))
  else
    results.push(
      fatal(
        'source.log_bin',
        `binary logging is ${logBin ?? 'unknown'}; chsync reads the binlog`,
        flavor === 'mysql'
          ? 'log_bin cannot change at run time: remove skip-log-bin / disable-log-bin from the server options (or set log_bin = binlog under [mysqld]) and restart the server'
          : 'log_bin cannot change at run time: add log_bin = mariadb-bin under [mysqld] in the option file and restart the server',
      ),
    )

  const format = get('binlog_format')
  // A server without the variable only writes ROW events.
  if (format === null || format === 'ROW') results.push(ok('source.binlog_format', 'ROW'))
  else
    results.push(
      fatal('source.binlog_format', `is ${format}; chsync needs ROW (row images, not statements)`, setGlobal(flavor, 'binlog_format', 'ROW')),
    )

  const image = get('binlog_row_image')
  if (image === 'FULL') results.push(ok('source.binlog_row_image', 'FULL'))
  else
    results.push(
      fatal(
        'source.binlog_row_image',
        `is ${image ?? 'unknown'}; chsync needs FULL (every column of every changed row)`,
        setGlobal(flavor, 'binlog_row_image', 'FULL'),
      ),
    )

  const metadata = get('binlog_row_metadata')
  if (metadata === 'FULL') results.push(ok('source.binlog_row_metadata', 'FULL'))
  else if (metadata === null)
    results.push(
      fatal(
        'source.binlog_row_metadata',
        'the server has no binlog_row_metadata; chsync needs it set to FULL (column names and types at event time)',
        'upgrade the server to MySQL 8.0 / MariaDB 10.5 or newer, then ' + setGlobal(flavor, 'binlog_row_metadata', 'FULL'),
      ),
    )
  else
    results.push(
      fatal(
        'source.binlog_row_metadata',
        `is ${metadata}; chsync needs FULL (column names and types at event time)`,
        setGlobal(flavor, 'binlog_row_metadata', 'FULL'),
      ),
    )

  results.push(checkGtidMode(flavor, vars))
  results.push(checkRetention(flavor, vars))
  return results
}

function checkGtidMode(flavor: Flavor, vars: ReadonlyMap<string, string>): CheckResult {
  if (flavor === 'mariadb') return ok('source.gtid_mode', 'MariaDB GTIDs are always on')
  const mode = vars.get('gtid_mode')?.toUpperCase() ?? 'OFF'
  if (mode === 'ON') return ok('source.gtid_mode', 'ON')
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

function checkRetention(flavor: Flavor, vars: ReadonlyMap<string, string>): CheckResult {
  const subject = 'source.binlog_retention'
  if (flavor === 'mysql' && vars.get('binlog_expire_logs_auto_purge')?.toUpperCase() === 'OFF')
    return ok(subject, 'binlogs are never purged automatically (binlog_expire_logs_auto_purge = OFF); watch the disk')
  let seconds = Number(vars.get('binlog_expire_logs_seconds') ?? NaN)
  if (!Number.isFinite(seconds) || (seconds === 0 && flavor === 'mariadb')) {
    const days = Number(vars.get('expire_logs_days') ?? 0)
    seconds = Number.isFinite(days) ? Math.round(days * 86400) : 0
  }
  if (seconds === 0) return ok(subject, 'binlogs are never purged automatically; watch the disk')
  const fix = setGlobal(flavor, 'binlog_expire_logs_seconds', String(7 * 86400))
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
