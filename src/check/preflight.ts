// `chsync check`: every check against the source and ClickHouse, all problems collected into one
// report (nothing stops at the first one, except that a server that cannot be reached cannot be
// examined further).

import type { SourceOptions } from '../binlog/index.ts'
import { type ChsyncConfig, endpointText, type MysqlEndpoint } from '../config/index.ts'
import { sinkPreflight } from '../sink/create-sink.ts'
import type { SinkPreflight } from '../sink/sink.ts'
import { sourceOptions } from '../source/index.ts'
import { checkBinlogSettings } from './binlog-settings.ts'
import { checkForeignKeyActions } from './foreign-keys.ts'
import { type BinlogTablesReader, binlogTablesReader } from './binlog-tables.ts'
import { checkPrivileges } from './privileges.ts'
import { checkReadableTables } from './readable-tables.ts'
import { type CheckReport, type CheckResult, fatal, ok } from './result.ts'
import { checkServerIds } from './server-id.ts'
import { sourceAccess } from './source-access.ts'
import { readSourceFacts } from './source-facts.ts'
import { type SourceSession, openSourceSession } from './source-session.ts'
import { checkTableShaping } from './table-shaping.ts'
import { checkReplicatedTables } from './tables.ts'

export interface PreflightDeps {
  openSource(options: SourceOptions): Promise<SourceSession>
  /** What the configured sink has checked of its destination (null: nothing). */
  sink(config: ChsyncConfig): SinkPreflight | null
  /** Names the tables of the recent binlog (for the ones the account cannot see); absent: not read. */
  binlogTables?: BinlogTablesReader
}

export const REAL_SERVERS: PreflightDeps = {
  openSource: openSourceSession,
  sink: (config) => sinkPreflight(config),
  binlogTables: binlogTablesReader(),
}

export async function preflight(config: ChsyncConfig, deps: PreflightDeps = REAL_SERVERS): Promise<CheckReport> {
  const report: CheckReport = { results: [], targets: [] }
  const sink = deps.sink(config)
  const sourceTables = await checkSource(config, deps, report, sink)
  if (config.source.snapshotUrl !== null) await checkSnapshotSource(config, config.source.snapshotUrl, deps, report)
  if (sink) {
    const { header, findings } = await sink.target(sourceTables ?? [])
    report.targets.push(header)
    report.results.push(...findings)
  }
  return report
}

/** Returns the tables the account sees on the source, or null when it could not be asked. */
async function checkSource(
  config: ChsyncConfig,
  deps: PreflightDeps,
  report: CheckReport,
  sink: SinkPreflight | null,
): Promise<[string, string][] | null> {
  const where = endpointText(config.source.url)
  let session: SourceSession
  try {
    session = await deps.openSource(sourceOptions(config))
  } catch (err) {
    report.targets.push(`source ${where}`)
    report.results.push(connectProblem('source.connect', where, err, 'source.url', 'CHSYNC_SOURCE_PASSWORD or source.password_file'))
    return null
  }
  try {
    const facts = await readSourceFacts(session)
    report.targets.push(`source ${where} (${facts.flavor === 'mysql' ? 'MySQL' : 'MariaDB'} ${facts.version})`)
    const reader = deps.binlogTables
    const access = await sourceAccess({
      config,
      account: facts.account,
      grants: facts.grants,
      tables: facts.tables,
      databases: facts.databases,
      query: (sql) => session.query(sql),
      binlogTables: reader
        ? () => reader(sourceOptions(config), [config.source.serverId, ...(facts.replicas ?? []).map((r) => r.serverId)])
        : null,
    })
    report.results.push(
      ok('source.connect', `connected as ${facts.account}`),
      ...checkPrivileges(facts.flavor, facts.account, facts.grants),
      ...checkBinlogSettings(facts.flavor, facts.variables, facts.platform, facts.managedRetention),
      ...checkServerIds(facts.flavor, facts, config.source.serverId, config.source.serverIdDerived),
      checkReplicatedTables(config, facts.tables),
      ...checkReadableTables(access, facts.account),
      ...(sink?.tables(facts.systemNamedColumns) ?? []),
      ...checkForeignKeyActions(config, facts.flavor, facts.variables, facts.foreignKeys),
      ...(await checkTableShaping(config, session, facts.tables)),
    )
    return facts.tables
  } catch (err) {
    report.results.push(
      fatal(
        'source.query',
        `reading the source's settings failed: ${(err as Error).message}`,
        'see the message; the account needs at least SELECT and REPLICATION CLIENT',
      ),
    )
    return null
  } finally {
    session.close()
  }
}

/** The read replica used for the initial copy: reachable, and the account can SELECT. */
async function checkSnapshotSource(config: ChsyncConfig, endpoint: MysqlEndpoint, deps: PreflightDeps, report: CheckReport): Promise<void> {
  const where = endpointText(endpoint)
  report.targets.push(`snapshot source ${where}`)
  let session: SourceSession
  try {
    session = await deps.openSource(sourceOptions(config, endpoint))
  } catch (err) {
    report.results.push(connectProblem('source.snapshot_url', where, err, 'source.snapshot_url', 'the source password'))
    return
  }
  try {
    await session.query('SELECT 1')
    report.results.push(ok('source.snapshot_url', `connected to ${where}`))
  } finally {
    session.close()
  }
}

function connectProblem(subject: string, where: string, err: unknown, key: string, password: string): CheckResult {
  // The driver's message may already say "cannot connect to user@host:port: …".
  const reason = (err as Error).message.replace(/^cannot connect to \S+: /, '')
  return fatal(
    subject,
    `cannot connect to ${where}: ${reason}`,
    `check ${key} (host, port, user), ${password}, and that the server accepts connections from this host`,
  )
}
