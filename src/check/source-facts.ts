// What the preflight reads from the source: version, account, grants, the binlog settings and
// the replicas registered with it.

import type { Flavor } from '../binlog/index.ts'
import { splitTableKey } from '../model/index.ts'
import { describeAllForeignKeys } from '../schema/source/index.ts'
import type { ManagedRetention } from './binlog-settings.ts'
import { detectPlatform, type Platform, PLATFORM_VARIABLES } from './platform.ts'
import type { SourceSession } from './source-session.ts'

export const CHECKED_VARIABLES = [
  'log_bin',
  'binlog_format',
  'binlog_row_image',
  'binlog_row_metadata',
  'gtid_mode',
  'enforce_gtid_consistency',
  'binlog_expire_logs_seconds',
  'binlog_expire_logs_auto_purge',
  'expire_logs_days',
  'server_id',
  // MySQL 9: ON (InnoDB runs foreign-key actions, unlogged) or OFF (the SQL layer logs them).
  'innodb_native_foreign_keys',
  // Where the server runs (platform.ts).
  ...PLATFORM_VARIABLES,
] as const

export interface SourceFacts {
  flavor: Flavor
  version: string
  /** The account as SQL writes it: 'repl'@'10.0.0.%'. */
  account: string
  /** SHOW GRANTS lines. */
  grants: string[]
  /** Global variables by lower-case name; a variable the server does not have is absent. */
  variables: ReadonlyMap<string, string>
  /** Replicas registered with the source; null when it cannot be read (MariaDB needs REPLICATION MASTER ADMIN). */
  replicas: { serverId: number; host: string }[] | null
  /**
   * When the replicas cannot be read: the hosts of the binlog readers (Binlog Dump threads) the
   * account sees, its own at least; null when that cannot be read either.
   */
  binlogReaders?: string[] | null
  /** Source tables the account sees, as [database, table]. */
  tables: [string, string][]
  /** Databases the account sees. */
  databases: string[]
  /** Columns named like those chsync adds in ClickHouse (any case: the filter is the caller's). */
  systemNamedColumns: { db: string; table: string; column: string; keyed: boolean }[]
  /** Every foreign key of the source, by child table, with its parent and actions. */
  foreignKeys: SourceForeignKey[]
  /** A server of its own, or a managed one (RDS, Aurora, Cloud SQL). */
  platform: Platform
  /** RDS and Aurora: their binlog retention hours (mysql.rds_show_configuration); else undefined. */
  managedRetention?: ManagedRetention
}

export interface SourceForeignKey {
  db: string
  table: string
  name: string
  parentDb: string
  parentTable: string
  onDelete: string
  onUpdate: string
}

const SYSTEM_NAMED_COLUMNS_SQL = `SELECT c.TABLE_SCHEMA AS db, c.TABLE_NAME AS t, c.COLUMN_NAME AS c,
  EXISTS (SELECT 1 FROM information_schema.STATISTICS s
    WHERE s.TABLE_SCHEMA = c.TABLE_SCHEMA AND s.TABLE_NAME = c.TABLE_NAME AND s.INDEX_NAME = 'PRIMARY') AS keyed
FROM information_schema.COLUMNS c
WHERE c.COLUMN_NAME IN ('_version', '_is_deleted', '_key', '_op', '_ts')`

export async function readSourceFacts(session: SourceSession): Promise<SourceFacts> {
  const [who] = await session.query('SELECT @@version AS version, CURRENT_USER() AS user')
  const version = String(who?.version ?? '')
  const flavor: Flavor = /mariadb/i.test(version) ? 'mariadb' : 'mysql'
  const list = CHECKED_VARIABLES.map((v) => `'${v}'`).join(', ')
  const vars = await session.query(`SHOW GLOBAL VARIABLES WHERE Variable_name IN (${list}) OR Variable_name LIKE 'cloudsql%'`)
  const variables = new Map(vars.map((r) => [String(r.Variable_name).toLowerCase(), String(r.Value)]))
  const platform = detectPlatform(flavor, variables)
  const managedRetention = platform.kind === 'rds' || platform.kind === 'aurora' ? await readManagedRetention(session) : undefined
  // The column is named "Grants for user@host": take the only one.
  const grants = (await session.query('SHOW GRANTS')).map((r) => String(Object.values(r)[0]))
  let replicas: SourceFacts['replicas'] = null
  let binlogReaders: SourceFacts['binlogReaders'] = null
  try {
    const rows = await session.query(flavor === 'mysql' ? 'SHOW REPLICAS' : 'SHOW SLAVE HOSTS')
    replicas = rows.map((r) => ({ serverId: Number(r.Server_Id ?? r.Server_id), host: String(r.Host ?? '') }))
  } catch {
    // MariaDB (10.5.2 and later) lists replicas only to REPLICATION MASTER ADMIN, which a replication
    // account lacks; the binlog readers of its own account it always sees in the process list.
    binlogReaders = await session
      .query("SELECT HOST AS host FROM information_schema.PROCESSLIST WHERE COMMAND LIKE 'Binlog Dump%'")
      .then((rows) => rows.map((r) => String(r.host)))
      .catch(() => null)
  }
  const tables = (
    await session.query("SELECT TABLE_SCHEMA AS db, TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'")
  ).map((r): [string, string] => [String(r.db), String(r.t)])
  const databases = (await session.query('SELECT SCHEMA_NAME AS db FROM information_schema.SCHEMATA')).map((r) => String(r.db))
  const systemNamedColumns = (await session.query(SYSTEM_NAMED_COLUMNS_SQL)).map((r) => ({
    db: String(r.db),
    table: String(r.t),
    column: String(r.c),
    keyed: Number(r.keyed) === 1,
  }))
  const foreignKeys: SourceForeignKey[] = []
  for (const [key, list] of await describeAllForeignKeys((sql) => session.query(sql), null)) {
    const [db, table] = splitTableKey(key)
    for (const fk of list)
      foreignKeys.push({
        db,
        table,
        name: fk.name,
        parentDb: fk.parent.database,
        parentTable: fk.parent.table,
        onDelete: fk.onDelete,
        onUpdate: fk.onUpdate,
      })
  }
  return {
    flavor,
    version,
    account: accountText(String(who?.user ?? '')),
    grants,
    variables,
    replicas,
    binlogReaders,
    tables,
    databases,
    systemNamedColumns,
    foreignKeys,
    platform,
    managedRetention,
  }
}

/** `CALL mysql.rds_show_configuration`: rows of name, value, description; the value NULL when not set. */
async function readManagedRetention(session: SourceSession): Promise<ManagedRetention> {
  try {
    const answer: unknown[] = await session.query('CALL mysql.rds_show_configuration')
    // A CALL answers its result set, then the status of the call.
    const rows = (Array.isArray(answer[0]) ? answer[0] : answer) as Record<string, unknown>[]
    const row = rows.find((r) => String(r.name ?? r.NAME).toLowerCase() === 'binlog retention hours')
    const value = row?.value ?? row?.VALUE ?? null
    if (value === null || value === undefined || String(value).toUpperCase() === 'NULL') return { hours: null }
    const hours = Number(value)
    return Number.isFinite(hours)
      ? { hours }
      : { error: `binlog retention hours is ${JSON.stringify(String(value))}, not a number of hours` }
  } catch (err) {
    return { error: (err as Error).message }
  }
}

/** CURRENT_USER() "repl@10.0.0.%" as 'repl'@'10.0.0.%' (the host is after the last @). */
export function accountText(user: string): string {
  const at = user.lastIndexOf('@')
  const quote = (s: string) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
  return at < 0 ? quote(user) : `${quote(user.slice(0, at))}@${quote(user.slice(at + 1))}`
}
