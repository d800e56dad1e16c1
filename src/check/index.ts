// Public face of the preflight (`chsync check`): connectivity, privileges, binlog settings, server
// ids and ClickHouse's version, all problems in one report with the fix for each.

export { preflight, REAL_SERVERS, type PreflightDeps } from './preflight.ts'
export { type CheckReport, type CheckResult, type Severity, hasFatal, problemsOf } from './result.ts'
export { formatReport, reportJson } from './format.ts'
export { type SourceSession, openSourceSession } from './source-session.ts'
export {
  type ClickHouseProbe,
  httpClickHouseProbe,
  versionAtLeast,
  MIN_CLICKHOUSE,
  checkTargetCluster,
  checkTargetPrivileges,
  TARGET_PRIVILEGES,
  type ClickHouseQuery,
} from '../sink/clickhouse/index.ts'
export { parseGrants, type Grant, type GrantLevel, type ParsedGrants } from './grants.ts'
export { checkPrivileges, neededPrivileges } from './privileges.ts'
export { checkBinlogSettings, MIN_RETENTION_SECONDS, type ManagedRetention } from './binlog-settings.ts'
export { detectPlatform, isManaged, managedSettingFix, PLATFORM_VARIABLES, type Platform, type PlatformKind } from './platform.ts'
export { sourceAccess, type AccessFacts, type AccessReport, type Unreadable } from './source-access.ts'
export { binlogTablesReader, DEFAULT_LIMITS, type BinlogTables, type BinlogTablesReader, type ReadLimits } from './binlog-tables.ts'
export { readAccess, databaseMatches, type ReadAccess } from './read-access.ts'
export { accountText } from './source-facts.ts'
