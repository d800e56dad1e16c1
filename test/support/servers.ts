// The test servers test/servers/up starts, and helpers to use them from tests.

import mysql from 'mysql2/promise'
import type { Flavor, SourceOptions } from '../../src/binlog/index.ts'

export const SOURCES: Record<Flavor, SourceOptions> = {
  mariadb: { host: '127.0.0.1', port: 33306, user: 'chsync', password: 'chsync-test-pw' },
  mysql: { host: '127.0.0.1', port: 33307, user: 'chsync', password: 'chsync-test-pw' },
}

export const CLICKHOUSE_URL = 'http://127.0.0.1:18123'

export const FLAVORS: Flavor[] = ['mysql', 'mariadb']

/** A plain client session on a test server, for writing test data and reading it back. */
/** `on`: another server than the flavor's shared test server (a dedicated instance). */
export async function sqlSession(flavor: Flavor, database?: string, on?: SourceOptions): Promise<mysql.Connection> {
  const o = on ?? SOURCES[flavor]
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

/** A fresh, empty database named `${prefix}_${flavor}` (dropped first if a previous run left it). */
export async function freshDatabase(flavor: Flavor, prefix: string, on?: SourceOptions): Promise<{ name: string; sql: mysql.Connection }> {
  const name = `${prefix}_${flavor}`
  const sql = await sqlSession(flavor, undefined, on)
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
