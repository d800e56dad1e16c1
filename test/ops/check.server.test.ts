// `chsync check`: grants parsed from real SHOW GRANTS captures; every bad setting found at once,
// each with its exact fix, through a fake query layer (the shared servers' globals must not
// change); the good cases and the privilege warning against the real servers; the CLI's exit codes.

import { describe, expect, test } from 'bun:test'
import { $ } from 'bun'
import {
  type CheckReport,
  checkPrivileges,
  formatReport,
  hasFatal,
  parseGrants,
  preflight,
  problemsOf,
  reportJson,
  versionAtLeast,
} from '../../src/check/index.ts'
import { loadConfig } from '../../src/config/index.ts'
import { SERVERS, SERVER_IDS, SOURCES, type TestServer, flavorOf, freshDatabase } from '../support/servers.ts'
import grants from './fixtures/grants.json'
import { fakeDeps, type FakeServer, GOOD_MYSQL } from './support/fake-source.ts'
import { CLI, REPL } from './support/world.ts'

const config = (url = 'mysql://repl@127.0.0.1:33307', database = 'shop') =>
  loadConfig({
    text: `[source]\nurl = "${url}"\nserver_id = 4242\n[target]\nurl = "http://default@127.0.0.1:18123"\n[replicate]\ndatabases = ["${database}"]\n`,
    env: { CHSYNC_SOURCE_PASSWORD: REPL.password },
  })

describe('SHOW GRANTS, as captured from the test servers', () => {
  test('MySQL repl: the three privileges on *.*', () => {
    expect(parseGrants(grants.mysql.repl)).toEqual({
      grants: [{ privileges: ['SELECT', 'REPLICATION SLAVE', 'REPLICATION CLIENT'], level: { kind: 'global' }, grantOption: false }],
      roles: [],
      revokes: [],
      publicGrants: [],
      unknown: [],
    })
  })

  test("MariaDB repl: BINLOG MONITOR, and the PUBLIC grants of a default install are not the account's", () => {
    const p = parseGrants(grants.mariadb.repl)
    expect(p.grants).toEqual([
      { privileges: ['SELECT', 'REPLICATION SLAVE', 'BINLOG MONITOR'], level: { kind: 'global' }, grantOption: false },
    ])
    expect(p.unknown).toEqual([])
  })

  test('MySQL chsync: static and dynamic privileges, WITH GRANT OPTION', () => {
    const p = parseGrants(grants.mysql.chsync)
    expect(p.grants.length).toBe(2)
    expect(p.grants[0]!.grantOption).toBe(true)
    expect(p.grants[0]!.privileges.slice(0, 4)).toEqual(['SELECT', 'INSERT', 'UPDATE', 'DELETE'])
    expect(p.grants[1]!.privileges).toContain('BINLOG_ADMIN')
    expect(p.grants[1]!.privileges).toContain('REPLICATION_SLAVE_ADMIN')
  })

  test.each(SERVERS)('%s: repl has exactly what is needed', (server) => {
    const flavor = flavorOf(server)
    const account = "'repl'@'127.0.0.1'"
    const needed = flavor === 'mysql' ? 'REPLICATION SLAVE, REPLICATION CLIENT, SELECT' : 'REPLICATION SLAVE, BINLOG MONITOR, SELECT'
    expect(checkPrivileges(flavor, account, grants[flavor].repl)).toEqual([
      { subject: 'source.privileges', severity: 'ok', message: `${account} has ${needed} on *.* and nothing more`, fix: null },
    ])
  })

  test.each(SERVERS)('%s: chsync (ALL) is a warning with the statements that narrow it', (server) => {
    const flavor = flavorOf(server)
    const account = "'chsync'@'127.0.0.1'"
    const [r, ...more] = checkPrivileges(flavor, account, grants[flavor].chsync)
    expect(more).toEqual([])
    expect(r!.severity).toBe('warning')
    expect(r!.message).toStartWith(
      `${account} has more privileges than replication needs: ${flavor === 'mysql' ? 'INSERT, UPDATE, DELETE' : 'ALL PRIVILEGES, GRANT OPTION'}`,
    )
    const needed = flavor === 'mysql' ? 'REPLICATION SLAVE, REPLICATION CLIENT, SELECT' : 'REPLICATION SLAVE, BINLOG MONITOR, SELECT'
    expect(r!.fix).toBe(
      `REVOKE ALL PRIVILEGES, GRANT OPTION FROM ${account}; GRANT ${needed} ON *.* TO ${account};  (or create a dedicated account with only these)`,
    )
  })

  test('missing privileges are fatal with the GRANT that adds them', () => {
    const account = "'r'@'%'"
    expect(checkPrivileges('mysql', account, ['GRANT REPLICATION SLAVE ON *.* TO `r`@`%`'])).toEqual([
      {
        subject: 'source.privileges',
        severity: 'fatal',
        message: `${account} lacks REPLICATION CLIENT, SELECT on *.*`,
        fix: `GRANT REPLICATION CLIENT, SELECT ON *.* TO ${account};`,
      },
    ])
  })

  test('SELECT per database or table is no privilege problem (source.readable weighs it); column lists and table grants are read', () => {
    const account = "'r'@'%'"
    const lines = [
      'GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `r`@`%`',
      'GRANT SELECT ON `shop`.* TO `r`@`%`',
      'GRANT SELECT (`id`, `total`), UPDATE (`note`) ON `crm`.`deals` TO `r`@`%`',
    ]
    expect(checkPrivileges('mysql', account, lines).map((r) => [r.severity, r.message])).toEqual([
      [
        'warning',
        `${account} has more privileges than replication needs: UPDATE on \`crm\`.\`deals\`; a replication account should have only REPLICATION SLAVE, REPLICATION CLIENT, SELECT`,
      ],
    ])
    expect(parseGrants(lines).grants[2]).toEqual({
      privileges: ['SELECT', 'UPDATE'],
      columnsOnly: ['SELECT', 'UPDATE'],
      level: { kind: 'table', database: 'crm', table: 'deals' },
      grantOption: false,
    })
  })

  test('roles are reported as not checked', () => {
    const r = checkPrivileges('mysql', "'r'@'%'", ['GRANT USAGE ON *.* TO `r`@`%`', 'GRANT `replicator`@`%` TO `r`@`%`'])
    expect(r.map((x) => x.severity)).toEqual(['fatal', 'warning'])
    expect(r[1]!.message).toBe("'r'@'%' has roles (`replicator`@`%`) whose privileges are not checked here")
  })
})

describe('every problem at once (fake query layer)', () => {
  test('a good MySQL source: nothing to fix', async () => {
    const report = await preflight(config(), fakeDeps(GOOD_MYSQL))
    expect(problemsOf(report)).toEqual([])
    expect(report.results.map((r) => r.subject)).toEqual([
      'source.connect',
      'source.privileges',
      'source.log_bin',
      'source.binlog_format',
      'source.binlog_row_image',
      'source.binlog_row_metadata',
      'source.gtid_mode',
      'source.binlog_retention',
      'source.server_id',
      'replicate',
      'source.readable',
      'target.connect',
      'target.version',
      'target.privileges shop',
    ])
    expect(report.results[1]!.message).toBe("'repl'@'10.0.0.%' has REPLICATION SLAVE, REPLICATION CLIENT, SELECT on *.* and nothing more")
    expect(formatReport(report)).toEndWith('\nall checks passed\n')
  })

  test('a badly set up MySQL source: each problem with its exact fix, in one report', async () => {
    const bad: FakeServer = {
      ...GOOD_MYSQL,
      variables: {
        log_bin: 'OFF',
        binlog_format: 'STATEMENT',
        binlog_row_image: 'MINIMAL',
        binlog_row_metadata: 'MINIMAL',
        gtid_mode: 'OFF_PERMISSIVE',
        binlog_expire_logs_seconds: '3600',
        binlog_expire_logs_auto_purge: 'ON',
        server_id: '4242',
      },
      grants: ['GRANT REPLICATION SLAVE ON *.* TO `repl`@`10.0.0.%`', 'GRANT ALL PRIVILEGES ON `shop`.* TO `repl`@`10.0.0.%`'],
    }
    const report = await preflight(config(), fakeDeps(bad, '23.3.1.1'))
    expect(hasFatal(report)).toBe(true)
    expect(problemsOf(report).map((p) => [p.severity, p.subject, p.fix])).toEqual([
      ['fatal', 'source.privileges', "GRANT REPLICATION CLIENT ON *.* TO 'repl'@'10.0.0.%';"],
      [
        'warning',
        'source.privileges',
        "REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'repl'@'10.0.0.%'; GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.* TO 'repl'@'10.0.0.%';  (or create a dedicated account with only these)",
      ],
      [
        'fatal',
        'source.log_bin',
        'log_bin cannot change at run time: remove skip-log-bin / disable-log-bin from the server options (or set log_bin = binlog under [mysqld]) and restart the server',
      ],
      ['fatal', 'source.binlog_format', "SET PERSIST binlog_format = 'ROW';"],
      ['fatal', 'source.binlog_row_image', "SET PERSIST binlog_row_image = 'FULL';"],
      ['fatal', 'source.binlog_row_metadata', "SET PERSIST binlog_row_metadata = 'FULL';"],
      [
        'warning',
        'source.gtid_mode',
        "SET PERSIST enforce_gtid_consistency = ON; SET PERSIST gtid_mode = 'ON_PERMISSIVE'; (when SHOW STATUS LIKE 'Ongoing_anonymous_transaction_count' shows 0) SET PERSIST gtid_mode = 'ON';",
      ],
      ['warning', 'source.binlog_retention', 'SET PERSIST binlog_expire_logs_seconds = 604800;'],
      [
        'fatal',
        'source.server_id',
        'set source.server_id (or CHSYNC_SOURCE_SERVER_ID) to a number that no other server or replica of this source uses',
      ],
      ['fatal', 'target.version', 'upgrade ClickHouse to 23.8 or newer'],
    ])
    const messages = Object.fromEntries(problemsOf(report).map((p) => [p.subject, p.message]))
    expect(messages['source.binlog_format']).toBe('is STATEMENT; chsync needs ROW (row images, not statements)')
    expect(messages['source.binlog_retention']).toBe(
      'binlogs are purged after 1 hour: if chsync is stopped longer than that, its position is gone and every table must be copied again',
    )
    expect(messages['source.server_id']).toBe("chsync's source.server_id 4242 equals the source's server_id")
    expect(messages['target.version']).toBe('ClickHouse 23.3.1.1 is older than 23.8')
    const text = formatReport(report)
    expect(text).toContain('\n10 problems (7 fatal, 3 warnings):\n')
    expect(text).toContain(
      "  FATAL  source.binlog_format: is STATEMENT; chsync needs ROW (row images, not statements)\n         fix: SET PERSIST binlog_format = 'ROW';\n",
    )
    expect(JSON.parse(reportJson(report)).ok).toBe(false)
  })

  test('MariaDB: fixes for the running server and its option file; no SET PERSIST', async () => {
    const bad: FakeServer = {
      version: '10.11.19-MariaDB-0+deb12u1-log',
      user: 'repl@%',
      variables: {
        log_bin: 'ON',
        binlog_format: 'MIXED',
        binlog_row_image: 'NOBLOB',
        binlog_row_metadata: 'NO_LOG',
        server_id: '0',
        binlog_expire_logs_seconds: '0',
        expire_logs_days: '0.5',
      },
      grants: ['GRANT SELECT, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `repl`@`%`'],
      replicas: null,
    }
    const report = await preflight(config('mariadb://repl@127.0.0.1:33306'), fakeDeps(bad))
    expect(problemsOf(report).map((p) => [p.subject, p.fix])).toEqual([
      ['source.binlog_format', "SET GLOBAL binlog_format = 'ROW';  and binlog_format = ROW under [mysqld] in the server's option file"],
      [
        'source.binlog_row_image',
        "SET GLOBAL binlog_row_image = 'FULL';  and binlog_row_image = FULL under [mysqld] in the server's option file",
      ],
      [
        'source.binlog_row_metadata',
        "SET GLOBAL binlog_row_metadata = 'FULL';  and binlog_row_metadata = FULL under [mysqld] in the server's option file",
      ],
      [
        'source.binlog_retention',
        "SET GLOBAL binlog_expire_logs_seconds = 604800;  and binlog_expire_logs_seconds = 604800 under [mysqld] in the server's option file",
      ],
      ['source.server_id', "SET GLOBAL server_id = 1;  and server_id = 1 under [mysqld] in the server's option file"],
    ])
    expect(report.results.find((r) => r.subject === 'source.gtid_mode')!.message).toBe('MariaDB GTIDs are always on')
    expect(problemsOf(report).find((p) => p.subject === 'source.binlog_retention')!.message).toStartWith(
      'binlogs are purged after 12 hours:',
    )
  })

  test("another replica with chsync's server id is a warning; a server without binlog_row_metadata is fatal", async () => {
    const old: FakeServer = {
      ...GOOD_MYSQL,
      version: '5.7.44-log',
      variables: { ...GOOD_MYSQL.variables, binlog_row_metadata: undefined as unknown as string },
      replicas: [{ Server_Id: 4242, Host: 'etl-1' }],
    }
    delete (old.variables as Record<string, string | undefined>).binlog_row_metadata
    const report = await preflight(config(), fakeDeps(old))
    expect(problemsOf(report).map((p) => [p.severity, p.subject, p.message])).toEqual([
      [
        'fatal',
        'source.binlog_row_metadata',
        'the server has no binlog_row_metadata; chsync needs it set to FULL (column names and types at event time)',
      ],
      [
        'warning',
        'source.server_id',
        'a replica with chsync\'s source.server_id 4242 is already connected (host "etl-1"); two replicas with one id evict each other: is another chsync running with this id?',
      ],
    ])
  })

  test('a source and a ClickHouse that cannot be reached: both reported, with what to check', async () => {
    const report = await preflight(
      config(),
      fakeDeps(new Error('cannot connect to repl@127.0.0.1:33307: connect ECONNREFUSED'), new Error('HTTP 516: Authentication failed')),
    )
    expect(report.results).toEqual([
      {
        subject: 'source.connect',
        severity: 'fatal',
        message: 'cannot connect to mysql://repl@127.0.0.1:33307: connect ECONNREFUSED',
        fix: 'check source.url (host, port, user), CHSYNC_SOURCE_PASSWORD or source.password_file, and that the server accepts connections from this host',
      },
      {
        subject: 'target.connect',
        severity: 'fatal',
        message: 'cannot query ClickHouse at http://default@127.0.0.1:18123: HTTP 516: Authentication failed',
        fix: 'check target.url (scheme, host, port, user) and the password (CHSYNC_TARGET_PASSWORD or target.password_file); ClickHouse must answer HTTP there',
      },
    ])
  })

  test('a filter matching no table is a warning', async () => {
    const report = await preflight(config(), fakeDeps({ ...GOOD_MYSQL, tables: [['crm', 'deals']] }))
    expect(problemsOf(report).map((p) => p.subject)).toEqual(['replicate'])
  })

  test('tables ClickHouse cannot hold are warnings naming the table and the column', async () => {
    const systemNamedColumns = [
      { db: 'shop', t: 'orders', c: '_version', keyed: 1 },
      { db: 'shop', t: 'keyed', c: '_key', keyed: 1 },
      { db: 'shop', t: 'loose', c: '_key', keyed: 0 },
      { db: 'shop', t: 'cased', c: '_Version', keyed: 1 },
      { db: 'crm', t: 'deals', c: '_is_deleted', keyed: 1 },
    ]
    const report = await preflight(config(), fakeDeps({ ...GOOD_MYSQL, systemNamedColumns }))
    expect(problemsOf(report).map((p) => `${p.severity} ${p.subject}: ${p.message}`)).toEqual([
      'warning table shop.orders: column _version has the name of a column chsync adds to each ClickHouse table: chsync leaves the table out and replicates the others',
      'warning table shop.loose: column _key has the name of a column chsync adds to each ClickHouse table: chsync leaves the table out and replicates the others',
    ])
  })

  test('_op and _ts are taken only in history tables', async () => {
    const systemNamedColumns = [
      { db: 'shop', t: 'events', c: '_op', keyed: 1 },
      { db: 'shop', t: 'plain', c: '_ts', keyed: 1 },
    ]
    const history = loadConfig({
      text: `[source]\nurl = "mysql://repl@127.0.0.1:33307"\nserver_id = 4242\n[target]\nurl = "http://default@127.0.0.1:18123"\n[[target.layout]]\ntables = "events"\nmode = "history"\n[replicate]\ndatabases = ["shop"]\n`,
      env: { CHSYNC_SOURCE_PASSWORD: REPL.password },
    })
    const report = await preflight(history, fakeDeps({ ...GOOD_MYSQL, systemNamedColumns }))
    expect(problemsOf(report).map((p) => `${p.severity} ${p.subject}: ${p.message}`)).toEqual([
      'warning table shop.events: column _op has the name of a column chsync adds to each ClickHouse table: chsync leaves the table out and replicates the others',
    ])
  })

  test('ClickHouse versions', () => {
    expect(versionAtLeast('23.8.1.1')).toBe(true)
    expect(versionAtLeast('23.7.9.9')).toBe(false)
    expect(versionAtLeast('24.1')).toBe(true)
    expect(versionAtLeast('22.12.3')).toBe(false)
    expect(versionAtLeast('not a version')).toBe(false)
  })
})

describe('against the real servers', () => {
  test.each(SERVERS)('%s with repl: every check passes', async (server) => {
    const flavor = flavorOf(server)
    const src = SOURCES[server]
    const { name, sql } = await freshDatabase(server, 't_ops_check')
    try {
      await sql.query('CREATE TABLE t (id INT PRIMARY KEY)')
      const report = await preflight(config(`${flavor}://repl@${src.host}:${src.port}`, name))
      expect(problemsOf(report)).toEqual([])
      expect(report.results.find((r) => r.subject === 'replicate')!.message).toBe('1 table in 1 database to replicate')
      checkReal(report, server)
    } finally {
      await sql.query(`DROP DATABASE \`${name}\``)
      await sql.end()
    }
  })

  function checkReal(report: CheckReport, server: TestServer): void {
    const flavor = flavorOf(server)
    expect(report.results.find((r) => r.subject === 'source.connect')!.message).toBe("connected as 'repl'@'127.0.0.1'")
    expect(report.results.find((r) => r.subject === 'source.binlog_row_metadata')!.message).toBe('FULL')
    expect(report.results.find((r) => r.subject === 'source.gtid_mode')!.message).toBe(
      flavor === 'mysql' ? 'ON' : 'MariaDB GTIDs are always on',
    )
    expect(report.results.find((r) => r.subject === 'source.server_id')!.message).toStartWith(`source ${SERVER_IDS[server]}, chsync 4242`)
  }

  test.each(SERVERS)('%s with chsync (ALL PRIVILEGES): only the privilege warning', async (server) => {
    const flavor = flavorOf(server)
    const src = SOURCES[server]
    const c = loadConfig({
      text: `[source]\nurl = "${flavor}://chsync@${src.host}:${src.port}"\nserver_id = 4242\n[target]\nurl = "http://default@127.0.0.1:18123"`,
      env: { CHSYNC_SOURCE_PASSWORD: src.password! },
    })
    // Every database is replicated here, so there is a table to replicate even on fresh servers
    // (with none, 'replicate' warns); tables other tests leave behind may warn for themselves.
    const { name, sql } = await freshDatabase(server, 't_ops_check_all')
    try {
      await sql.query('CREATE TABLE t (id INT PRIMARY KEY)')
      const report = await preflight(c)
      const problems = problemsOf(report).filter((p) => !p.subject.startsWith('table ') && p.subject !== 'source.foreign_keys')
      expect(problems.map((p) => [p.severity, p.subject])).toEqual([['warning', 'source.privileges']])
      expect(hasFatal(report)).toBe(false)
    } finally {
      await sql.query(`DROP DATABASE \`${name}\``)
      await sql.end()
    }
  })

  test('the CLI: exit 0 on a good setup, 3 with a fatal problem, and no password in the output', async () => {
    const dir = (await $`mktemp -d`.text()).trim()
    const { name, sql } = await freshDatabase('mysql', 't_ops_check_cli')
    await sql.query('CREATE TABLE t (id INT PRIMARY KEY)')
    await sql.end()
    try {
      await Bun.write(
        `${dir}/config.toml`,
        `[source]\nurl = "mysql://repl@127.0.0.1:33307"\nserver_id = 4242\n[target]\nurl = "http://default@127.0.0.1:18123"\n[replicate]\ndatabases = ["${name}"]\n`,
      )
      const env = { ...process.env, CHSYNC_SOURCE_PASSWORD: REPL.password, CHSYNC_CONFIG: `${dir}/config.toml` }
      const good = await $`bun ${CLI} check`.env(env).quiet().nothrow()
      expect(good.exitCode).toBe(0)
      expect(good.stdout.toString()).toContain('\nall checks passed\n')
      const bad = await $`bun ${CLI} check --json`
        .env({ ...env, CHSYNC_SOURCE_PASSWORD: 'wrong-pw-Zq9', CHSYNC_TARGET_URL: 'http://default:tgt-secret-Zq9@127.0.0.1:1' })
        .quiet()
        .nothrow()
      expect(bad.exitCode).toBe(3)
      const json = JSON.parse(bad.stdout.toString())
      expect(json.problems.map((p: { subject: string }) => p.subject)).toEqual(['source.connect', 'target.connect'])
      expect(bad.stdout.toString()).toContain("Access denied for user 'repl'")
      expect(bad.stdout.toString()).not.toContain('Zq9')
      // A one-letter password is hidden in the report's texts only: the JSON's keys and severities stay whole.
      const short = await $`bun ${CLI} check --json`
        .env({ ...env, CHSYNC_SOURCE_PASSWORD: 'e', CHSYNC_TARGET_URL: 'http://default@127.0.0.1:1' })
        .quiet()
        .nothrow()
      expect(short.exitCode).toBe(3)
      const shortJson = JSON.parse(short.stdout.toString())
      expect(shortJson.ok).toBe(false)
      expect(shortJson.problems.map((p: { subject: string; severity: string }) => [p.subject, p.severity])).toEqual([
        ['source.connect', 'fatal'],
        ['target.connect', 'fatal'],
      ])
      expect(shortJson.problems[0].message).toContain('Acc***ss d***ni***d')
    } finally {
      await $`rm -rf ${dir}`.quiet()
    }
  })
})
