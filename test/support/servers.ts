// The test servers test/servers/up starts, and helpers to use them from tests.

import mysql from 'mysql2/promise'
import type { Flavor, SourceOptions } from '../../src/binlog/index.ts'

/**
 * The shared source servers: MySQL 9.7, MariaDB 10.11 and MariaDB 11.8 LTS. A test that runs "on
 * every server" iterates SERVERS; the name also suffixes its database names.
 */
export type TestServer = 'mysql' | 'mariadb10' | 'mariadb11'

export const ALL_SERVERS: TestServer[] = ['mysql', 'mariadb10', 'mariadb11']

/** CHSYNC_TEST_SERVERS=mysql,mariadb11 narrows a run to some of them (while working on one, to time them). */
function chosenServers(list: string | undefined): TestServer[] {
  if (!list) return ALL_SERVERS
  const names = list.split(',').map((s) => s.trim())
  const unknown = names.filter((n) => !ALL_SERVERS.includes(n as TestServer))
  if (unknown.length > 0)
    throw new Error(`CHSYNC_TEST_SERVERS: unknown server ${unknown.join(', ')}; expected some of ${ALL_SERVERS.join(', ')}`)
  return ALL_SERVERS.filter((s) => names.includes(s))
}

export const SERVERS: TestServer[] = chosenServers(process.env.CHSYNC_TEST_SERVERS)

const ACCOUNT = { user: 'chsync', password: 'chsync-test-pw' }

/**
 * `make unit` (CHSYNC_TEST_UNIT=1) runs the tests not named *.server.test.ts, with no server: a test
 * there that reaches for a test server fails at once with the rule it broke, instead of waiting
 * for a connection (a hang, where loopback is down) or passing only where servers happen to run.
 */
function unitRunGuard<T extends object>(name: string, value: T): T {
  if (process.env.CHSYNC_TEST_UNIT !== '1') return value
  return new Proxy(value, {
    get(target, key) {
      if (typeof key === 'string' && key in target)
        throw new Error(
          `${name}.${key}: this test uses the test servers, but \`make unit\` runs without them; name its file *.server.test.ts`,
        )
      return Reflect.get(target, key)
    },
  })
}

export const SOURCES: Record<TestServer, SourceOptions> = unitRunGuard('SOURCES', {
  mariadb10: { host: '127.0.0.1', port: 33306, ...ACCOUNT },
  mysql: { host: '127.0.0.1', port: 33307, ...ACCOUNT },
  mariadb11: { host: '127.0.0.1', port: 33308, ...ACCOUNT },
})

/** The server_id test/servers/up gives each. */
export const SERVER_IDS: Record<TestServer, number> = { mysql: 3, mariadb10: 2, mariadb11: 4 }

/** The protocol and SQL dialect a test server speaks. */
export function flavorOf(server: TestServer): Flavor {
  return server === 'mysql' ? 'mysql' : 'mariadb'
}

/** The first test server of a flavor: where a per-flavor fixture is captured. */
export function serverOf(flavor: Flavor): TestServer {
  return flavor === 'mysql' ? 'mysql' : 'mariadb10'
}

export const CLICKHOUSE_URL = 'http://127.0.0.1:18123'

/** A plain client session on a test server, for writing test data and reading it back. */
/** `on`: another server than the shared test server (a dedicated instance). */
export async function sqlSession(server: TestServer, database?: string, on?: SourceOptions): Promise<mysql.Connection> {
  const o = on ?? SOURCES[server]
  const conn = await mysql.createConnection({
    host: o.host,
    port: o.port,
    user: o.user,
    password: o.password,
    database,
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    timezone: 'Z',
    multipleStatements: true,
    charset: 'utf8mb4_general_ci',
  })
  await conn.query("SET time_zone = '+00:00'")
  return conn
}

/** A fresh, empty database named `${prefix}_${server}` (dropped first if a previous run left it). */
export async function freshDatabase(
  server: TestServer,
  prefix: string,
  on?: SourceOptions,
): Promise<{ name: string; sql: mysql.Connection }> {
  const name = `${prefix}_${server}`
  const sql = await sqlSession(server, undefined, on)
  await sql.query(`DROP DATABASE IF EXISTS \`${name}\``)
  await sql.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`)
  await sql.query(`USE \`${name}\``)
  return { name, sql }
}

/** A server id for one test replica connection; two replicas with one id would evict each other. */
export function replicaServerId(): number {
  return 100_000 + Math.floor(Math.random() * 1_000_000_000)
}

/**
 * XA COMMIT or XA ROLLBACK (`statement`) of a transaction another session prepared and closed:
 * MariaDB lets go of it a moment after the session ends, and until then says XAER_NOTA.
 */
export async function endPrepared(sql: mysql.Connection, statement: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await sql.query(statement)
      return
    } catch (err) {
      if ((err as { code?: string }).code !== 'ER_XAER_NOTA' || i >= 200) throw err
      await Bun.sleep(10)
    }
  }
}
