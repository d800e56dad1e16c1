// A fake query layer for the preflight: answers its queries with settings the shared test servers
// cannot be given (their global variables must not change), as MySQL and MariaDB word them.

import type { BinlogTables, ClickHouseProbe, PreflightDeps, SourceSession } from '../../../src/check/index.ts'
import { sinkPreflight } from '../../../src/sink/create-sink.ts'

export interface FakeServer {
  version: string
  /** CURRENT_USER() */
  user: string
  variables: Record<string, string>
  grants: string[]
  /** Registered replicas; null: the listing is refused (MariaDB without REPLICATION MASTER ADMIN). */
  replicas?: { Server_Id: number; Host: string }[] | null
  tables?: [string, string][]
  /** Columns named _version, _is_deleted or _key. */
  systemNamedColumns?: { db: string; t: string; c: string; keyed: number }[]
  /** Visible tables SELECT * refuses (a column grant, a partial revoke), by "db.table", with the server's message. */
  refused?: Record<string, string>
  /** Foreign keys (of one column each, pid → id), with their actions as information_schema shows them. */
  foreignKeys?: { db: string; t: string; name: string; refDb: string; refTable: string; onDelete: string; onUpdate: string }[]
  /** Rows of CALL mysql.rds_show_configuration (RDS, Aurora), or its error; absent: no such procedure. */
  rdsConfiguration?: { name: string; value: string | null; description: string }[] | Error
}

export function fakeSession(server: FakeServer): SourceSession & { queries: string[] } {
  const queries: string[] = []
  return {
    queries,
    async query(sql) {
      queries.push(sql)
      if (sql.startsWith('SELECT @@version')) return [{ version: server.version, user: server.user }]
      if (sql.startsWith('SHOW GLOBAL VARIABLES')) {
        const names = [...sql.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!)
        if (sql.includes("LIKE 'cloudsql%'")) names.push(...Object.keys(server.variables).filter((n) => n.startsWith('cloudsql')))
        return names.filter((n) => n in server.variables).map((n) => ({ Variable_name: n, Value: server.variables[n] }))
      }
      if (sql === 'CALL mysql.rds_show_configuration') {
        const conf = server.rdsConfiguration ?? new Error('PROCEDURE mysql.rds_show_configuration does not exist')
        if (conf instanceof Error) throw conf
        // As mysql2 answers a CALL: the result set, then the call's status.
        return [conf, { affectedRows: 0 }] as unknown as Record<string, unknown>[]
      }
      if (sql === 'SHOW GRANTS') return server.grants.map((g) => ({ [`Grants for ${server.user}`]: g }))
      if (sql === 'SHOW REPLICAS' || sql === 'SHOW SLAVE HOSTS') {
        if (server.replicas === null) throw new Error('Access denied; you need (at least one of) the REPLICATION MASTER ADMIN privilege(s)')
        return server.replicas ?? []
      }
      if (sql.includes('information_schema.COLUMNS')) return server.systemNamedColumns ?? []
      if (sql.includes('information_schema.KEY_COLUMN_USAGE'))
        return (server.foreignKeys ?? []).map((fk) => ({ ...fk, col: 'pid', refCol: 'id' }))
      if (sql.includes('information_schema.TABLES')) return (server.tables ?? [['shop', 'orders']]).map(([db, t]) => ({ db, t }))
      if (sql.includes('information_schema.SCHEMATA'))
        return [...new Set((server.tables ?? [['shop', 'orders']]).map(([db]) => db))].map((db) => ({ db }))
      const probe = /^SELECT \* FROM `([^`]+)`\.`([^`]+)` LIMIT 0$/.exec(sql)
      if (probe) {
        const why = server.refused?.[`${probe[1]}.${probe[2]}`]
        if (why) throw new Error(why)
        return []
      }
      throw new Error(`fake source: unexpected query ${sql}`)
    },
    close() {},
  }
}

/** What the fake ClickHouse answers beyond its version (a real one here runs as a user with every grant, no cluster). */
export interface FakeTarget {
  /** Privileges CHECK GRANT answers 0 for, as "PRIVILEGE ON `db`.*"; the others answer 1. */
  denied?: string[]
  /** system.clusters' cluster names. */
  clusters?: string[]
  /** CHECK GRANT does not exist (ClickHouse before 24.x): answered with this error. */
  noCheckGrant?: Error
}

/** `binlog`: the tables the recent binlog names (or why it cannot be read); absent: not read. */
export function fakeDeps(
  server: FakeServer | Error,
  clickhouse: string | Error = '24.8.4.13',
  binlog?: BinlogTables | Error,
  target: FakeTarget = {},
): PreflightDeps {
  const probe: ClickHouseProbe = {
    async version() {
      if (clickhouse instanceof Error) throw clickhouse
      return clickhouse
    },
    async query(sql) {
      const grant = /^CHECK GRANT (.+)$/.exec(sql)
      if (grant) {
        if (target.noCheckGrant) throw target.noCheckGrant
        // "A, B ON `db`.*": 1 only when none of them is denied.
        const [, privileges, on] = /^(.+) ON (\S+)$/.exec(grant[1]!)!
        return privileges!.split(', ').some((p) => target.denied?.includes(`${p} ON ${on}`)) ? '0' : '1'
      }
      if (sql.startsWith('SELECT DISTINCT cluster FROM system.clusters')) return (target.clusters ?? []).join('\n')
      throw new Error(`fake ClickHouse: unexpected query ${sql}`)
    },
  }
  return {
    async openSource() {
      if (server instanceof Error) throw server
      return fakeSession(server)
    },
    sink: (config) => sinkPreflight(config, { clickhouse: probe }),
    binlogTables:
      binlog === undefined
        ? undefined
        : async () => {
            if (binlog instanceof Error) throw binlog
            return binlog
          },
  }
}

/** A MySQL 9.7 source set up as chsync needs it. */
export const GOOD_MYSQL: FakeServer = {
  version: '9.7.4-2',
  user: 'repl@10.0.0.%',
  variables: {
    log_bin: 'ON',
    binlog_format: 'ROW',
    binlog_row_image: 'FULL',
    binlog_row_metadata: 'FULL',
    gtid_mode: 'ON',
    enforce_gtid_consistency: 'ON',
    binlog_expire_logs_seconds: '2592000',
    binlog_expire_logs_auto_purge: 'ON',
    server_id: '3',
  },
  grants: ['GRANT SELECT, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `repl`@`10.0.0.%`'],
  replicas: [],
}
