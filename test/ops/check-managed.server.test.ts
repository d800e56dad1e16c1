// `chsync check` against managed MySQL (Amazon RDS, Aurora, Google Cloud SQL): the platform is told
// from server variables as those services set them, and the fixes name the parameter group or the
// database flags (no SUPER there: SET PERSIST / SET GLOBAL are refused) and RDS/Aurora's own
// binlog retention (mysql.rds_show_configuration). No managed server runs here: the variable sets
// and the procedure's rows (its documented shape: name, value, description) go through the fake
// query layer, and the self-managed test servers must still be told apart from them.

import { describe, expect, test } from 'bun:test'
import { checkBinlogSettings, detectPlatform, preflight, problemsOf } from '../../src/check/index.ts'
import { loadConfig } from '../../src/config/index.ts'
import { SERVERS, flavorOf, SOURCES } from '../support/servers.ts'
import { fakeDeps, type FakeServer } from './support/fake-source.ts'
import { REPL } from './support/world.ts'

const vars = (o: Record<string, string>) => new Map(Object.entries(o))

const BINLOG_OK = {
  log_bin: 'ON',
  binlog_format: 'ROW',
  binlog_row_image: 'FULL',
  binlog_row_metadata: 'FULL',
  gtid_mode: 'ON',
  enforce_gtid_consistency: 'ON',
  binlog_expire_logs_seconds: '2592000',
  server_id: '1234567',
}

const RDS = { basedir: '/rdsdbbin/mysql-8.0.39.R2/', datadir: '/rdsdbdata/db/', version_comment: 'Source distribution' }
const RDS_MARIADB = {
  basedir: '/rdsdbbin/mariadb-10.11.8.R1/',
  datadir: '/rdsdbdata/db/',
  version_comment: 'managed by https://aws.amazon.com/rds/',
}
const AURORA = {
  aurora_version: '3.07.1',
  basedir: '/rdsdbbin/oscar-8.0.mysql_aurora.3.07.1.0.0.0/',
  datadir: '/rdsdbdata/db/',
  version_comment: 'Source distribution',
}
const CLOUD_SQL = { basedir: '/usr/', datadir: '/mysql/datadir/', version_comment: '(Google)', cloudsql_iam_authentication: 'OFF' }

describe('the platform, from server variables', () => {
  test.each([
    ['RDS for MySQL', 'mysql', RDS, 'rds', 'Amazon RDS for MySQL', 'basedir = /rdsdbbin/mysql-8.0.39.R2/'],
    ['RDS for MariaDB', 'mariadb', RDS_MARIADB, 'rds', 'Amazon RDS for MariaDB', 'basedir = /rdsdbbin/mariadb-10.11.8.R1/'],
    ['RDS without basedir', 'mysql', { datadir: '/rdsdbdata/db/' }, 'rds', 'Amazon RDS for MySQL', 'datadir = /rdsdbdata/db/'],
    ['Aurora MySQL', 'mysql', AURORA, 'aurora', 'Amazon Aurora MySQL', 'aurora_version = 3.07.1'],
    [
      'Aurora, told by its basedir alone',
      'mysql',
      { basedir: AURORA.basedir },
      'aurora',
      'Amazon Aurora MySQL',
      `basedir = ${AURORA.basedir}`,
    ],
    ['Cloud SQL', 'mysql', CLOUD_SQL, 'cloud-sql', 'Google Cloud SQL for MySQL', 'cloudsql_iam_authentication is set'],
    [
      'Cloud SQL, told by version_comment',
      'mysql',
      { version_comment: '(Google)' },
      'cloud-sql',
      'Google Cloud SQL for MySQL',
      'version_comment = (Google)',
    ],
    [
      'a server of its own',
      'mysql',
      { basedir: '/usr/', datadir: '/var/lib/mysql/', version_comment: '(Debian)' },
      'self-managed',
      'MySQL',
      null,
    ],
  ] as const)('%s', (_, flavor, v, kind, name, evidence) => {
    expect(detectPlatform(flavor, vars(v))).toEqual({ kind, name, evidence })
  })

  test.each(SERVERS)('the %s test server is self-managed (its real variables, through check)', async (server) => {
    const flavor = flavorOf(server)
    const src = SOURCES[server]
    const report = await preflight(
      loadConfig({
        text: `[source]\nurl = "${flavor}://repl@${src.host}:${src.port}"\nserver_id = 4242\n[sink]\nkind = "ndjson"\n[replicate]\ndatabases = ["t_none_managed"]`,
        env: { CHSYNC_SOURCE_PASSWORD: REPL.password },
      }),
    )
    // The server answered (else nothing below could fail): its binlog settings were read.
    expect(report.results.find((r) => r.subject === 'source.binlog_format')?.severity).toBe('ok')
    expect(report.results.some((r) => r.subject === 'source.platform')).toBe(false)
    expect(report.results.find((r) => r.subject === 'source.binlog_retention')?.fix ?? '').not.toContain('rds_set_configuration')
  })
})

describe('fixes on a managed platform', () => {
  const bad = { ...BINLOG_OK, binlog_format: 'MIXED', binlog_row_image: 'MINIMAL' }

  test('RDS: the DB parameter group, never SET PERSIST', () => {
    const results = checkBinlogSettings('mysql', vars({ ...bad, ...RDS }), detectPlatform('mysql', vars(RDS)), { hours: 168 })
    const byName = new Map(results.map((r) => [r.subject, r]))
    expect(byName.get('source.platform')?.message).toBe(
      'Amazon RDS for MySQL (basedir = /rdsdbbin/mysql-8.0.39.R2/): settings are changed in its DB parameter group, not with SET',
    )
    expect(byName.get('source.binlog_format')?.fix).toBe(
      'set binlog_format = ROW in the instance\'s DB parameter group (console, or aws rds modify-db-parameter-group --db-parameter-group-name GROUP --parameters "ParameterName=binlog_format,ParameterValue=ROW,ApplyMethod=immediate"; a default parameter group cannot be changed: create one and attach it); Amazon RDS for MySQL allows no SET PERSIST / SET GLOBAL',
    )
    expect(byName.get('source.binlog_row_image')?.fix).toContain('ParameterName=binlog_row_image,ParameterValue=FULL')
    expect(byName.get('source.binlog_retention')).toEqual({
      subject: 'source.binlog_retention',
      severity: 'ok',
      message: 'binlogs are kept 7 days (binlog retention hours)',
      fix: null,
    })
    for (const r of results) expect(r.fix ?? '').not.toMatch(/SET (PERSIST|GLOBAL) \w+ =/)
  })

  test('Aurora: the DB cluster parameter group; GTIDs the same way, a step at a time', () => {
    const results = checkBinlogSettings(
      'mysql',
      vars({ ...BINLOG_OK, gtid_mode: 'OFF', enforce_gtid_consistency: 'OFF', ...AURORA }),
      detectPlatform('mysql', vars(AURORA)),
      { hours: 48 },
    )
    const gtid = results.find((r) => r.subject === 'source.gtid_mode')!
    expect(gtid.fix).toBe(
      'set enforce_gtid_consistency = ON in the DB cluster parameter group (console, or aws rds modify-db-cluster-parameter-group --db-cluster-parameter-group-name GROUP --parameters "ParameterName=enforce_gtid_consistency,ParameterValue=ON,ApplyMethod=pending-reboot", then reboot the writer); Amazon Aurora MySQL allows no SET PERSIST / SET GLOBAL; then gtid_mode the same way, one step at a time: OFF_PERMISSIVE, ON_PERMISSIVE, ON',
    )
    expect(results.find((r) => r.subject === 'source.binlog_retention')?.message).toBe('binlogs are kept 2 days (binlog retention hours)')
  })

  test('Cloud SQL: database flags; its retention is binlog_expire_logs_seconds, set as a flag', () => {
    const results = checkBinlogSettings(
      'mysql',
      vars({ ...BINLOG_OK, binlog_expire_logs_seconds: '3600', ...CLOUD_SQL }),
      detectPlatform('mysql', vars(CLOUD_SQL)),
    )
    const retention = results.find((r) => r.subject === 'source.binlog_retention')!
    expect(retention.severity).toBe('warning')
    expect(retention.fix).toBe(
      'set the database flag binlog_expire_logs_seconds=604800 (console, or gcloud sql instances patch INSTANCE --database-flags=binlog_expire_logs_seconds=604800,… listing every flag the instance has: the option replaces them all); Google Cloud SQL for MySQL allows no SET PERSIST / SET GLOBAL',
    )
  })

  test('binary logging off: RDS needs automated backups, Cloud SQL point-in-time recovery', () => {
    const off = { ...BINLOG_OK, log_bin: 'OFF' }
    const fixOf = (v: Record<string, string>) =>
      checkBinlogSettings('mysql', vars({ ...off, ...v }), detectPlatform('mysql', vars(v)), { hours: 24 }).find(
        (r) => r.subject === 'source.log_bin',
      )!.fix
    expect(fixOf(RDS)).toBe(
      'RDS writes binlogs only with automated backups on: set the backup retention period to 1 day or more (aws rds modify-db-instance --backup-retention-period 7 --apply-immediately)',
    )
    expect(fixOf(CLOUD_SQL)).toBe(
      'turn on point-in-time recovery, which writes binlogs (gcloud sql instances patch INSTANCE --enable-bin-log)',
    )
  })
})

describe('RDS and Aurora binlog retention, through check (fake query layer)', () => {
  const rds = (rdsConfiguration: FakeServer['rdsConfiguration']): FakeServer => ({
    version: '8.0.39',
    user: 'repl@%',
    variables: { ...BINLOG_OK, ...RDS },
    grants: ['GRANT SELECT, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `repl`@`%`'],
    replicas: [],
    rdsConfiguration,
  })
  const config = loadConfig({
    text: '[source]\nurl = "mysql://repl@db.abc.eu-west-1.rds.amazonaws.com"\nserver_id = 4242\n[sink]\nkind = "ndjson"\n[replicate]\ndatabases = ["shop"]',
    env: {},
  })
  const retention = async (server: FakeServer) =>
    (await preflight(config, fakeDeps(server))).results.find((r) => r.subject === 'source.binlog_retention')!
  const row = (value: string | null) => [
    {
      name: 'binlog retention hours',
      value,
      description: 'binlog retention hours specifies the duration in hours before binary logs are automatically deleted.',
    },
    { name: 'source delay', value: '0', description: 'source delay specifies replication delay in seconds' },
  ]

  test('NULL (the default): a warning with CALL mysql.rds_set_configuration, whatever binlog_expire_logs_seconds says', async () => {
    const r = await retention(rds(row(null)))
    expect(r).toEqual({
      subject: 'source.binlog_retention',
      severity: 'warning',
      message:
        'binlog retention hours is NULL on Amazon RDS for MySQL: binlogs are not kept once the server is done with them, so a stopped chsync can find its position gone and every table must be copied again',
      fix: "CALL mysql.rds_set_configuration('binlog retention hours', 168);",
    })
  })

  test('a few hours: a warning; a week: ok', async () => {
    expect((await retention(rds(row('6')))).message).toBe(
      'binlogs are purged after 6 hours (binlog retention hours): if chsync is stopped longer than that, its position is gone and every table must be copied again',
    )
    expect((await retention(rds(row('168')))).severity).toBe('ok')
  })

  test('the procedure refused: a warning saying how to look', async () => {
    const r = await retention(rds(new Error("execute command denied to user 'repl'@'%' for routine 'mysql.rds_show_configuration'")))
    expect(r.severity).toBe('warning')
    expect(r.message).toBe(
      "cannot read Amazon RDS for MySQL's binlog retention hours (CALL mysql.rds_show_configuration: execute command denied to user 'repl'@'%' for routine 'mysql.rds_show_configuration'); Amazon RDS for MySQL keeps binlogs by it, not by binlog_expire_logs_seconds",
    )
    expect(r.fix).toBe(
      "CALL mysql.rds_show_configuration; as the admin user, and if binlog retention hours is NULL or under 24: CALL mysql.rds_set_configuration('binlog retention hours', 168);",
    )
  })

  test('the whole report names the platform and has no SET PERSIST', async () => {
    const report = await preflight(
      config,
      fakeDeps({ ...rds(row(null)), variables: { ...BINLOG_OK, ...RDS, binlog_row_image: 'MINIMAL' } }),
    )
    expect(report.results.find((r) => r.subject === 'source.platform')?.severity).toBe('ok')
    expect(problemsOf(report).map((p) => p.subject)).toEqual(['source.binlog_row_image', 'source.binlog_retention'])
    for (const p of problemsOf(report)) expect(p.fix).not.toMatch(/SET (PERSIST|GLOBAL) \w+ =/)
  })
})
