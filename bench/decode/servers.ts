// The live sources the benchmark reads (the test servers), and the accounts it uses on each.

import type { Flavor, SourceOptions } from '../../src/binlog/index.ts'
import type { TestServer } from '../../test/support/servers.ts'

export const DATABASE = 'bench_decode'
export const TABLE = 'events'

export interface BenchServer {
  /** As the report names it. */
  name: TestServer
  flavor: Flavor
  /** The account that creates the data (all privileges). */
  admin: SourceOptions
  /**
   * The account every decoder reads with. MariaDB: a replication-only user with
   * mysql_native_password, which the old `mysql` package behind two of the peers can speak. MySQL 9
   * has no mysql_native_password any more, so there it is the caching_sha2_password test account.
   */
  reader: SourceOptions
}

export const SERVERS: Record<TestServer, BenchServer> = {
  mysql: {
    name: 'mysql',
    flavor: 'mysql',
    admin: { host: '127.0.0.1', port: 33307, user: 'chsync', password: 'chsync-test-pw' },
    reader: { host: '127.0.0.1', port: 33307, user: 'chsync', password: 'chsync-test-pw' },
  },
  mariadb10: {
    name: 'mariadb10',
    flavor: 'mariadb',
    admin: { host: '127.0.0.1', port: 33306, user: 'chsync', password: 'chsync-test-pw' },
    reader: { host: '127.0.0.1', port: 33306, user: 'bench', password: 'bench-pw' },
  },
  mariadb11: {
    name: 'mariadb11',
    flavor: 'mariadb',
    admin: { host: '127.0.0.1', port: 33308, user: 'chsync', password: 'chsync-test-pw' },
    reader: { host: '127.0.0.1', port: 33308, user: 'bench', password: 'bench-pw' },
  },
}

/** Statements that make the MariaDB reader account (idempotent). */
export const MARIADB_READER_SQL = [
  "CREATE USER IF NOT EXISTS 'bench'@'127.0.0.1' IDENTIFIED VIA mysql_native_password USING PASSWORD('bench-pw')",
  "GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.* TO 'bench'@'127.0.0.1'",
]
