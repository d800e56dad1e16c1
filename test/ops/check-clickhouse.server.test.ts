// `chsync check` on the ClickHouse side: the privileges chsync uses on each target database
// (CHECK GRANT) and the cluster of target.cluster (system.clusters). The test ClickHouse (chDB
// behind the HTTP adapter) runs every query as `default`, which has every grant, cannot create
// users (CREATE USER needs a grant it lacks) and has no cluster: so the missing grants are shown
// through the fake query layer, and the real server shows the good case and an unknown cluster.

import { describe, expect, test } from 'bun:test'
import { $ } from 'bun'
import { formatReport, hasFatal, preflight, problemsOf } from '../../src/check/index.ts'
import { loadConfig } from '../../src/config/index.ts'
import { freshDatabase } from '../support/servers.ts'
import { fakeDeps, type FakeServer, type FakeTarget, GOOD_MYSQL } from './support/fake-source.ts'
import { CLI, REPL } from './support/world.ts'

const config = (extra = '', databases = '["shop"]', url = 'mysql://repl@127.0.0.1:33307') =>
  loadConfig({
    text: `[source]\nurl = "${url}"\nserver_id = 4242\n[target]\nurl = "http://loader@127.0.0.1:18123"\n${extra}\n[replicate]\ndatabases = ${databases}\n`,
    env: { CHSYNC_SOURCE_PASSWORD: REPL.password },
  })

const SOURCE: FakeServer = {
  ...GOOD_MYSQL,
  user: 'repl@%',
  grants: ['GRANT SELECT, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `repl`@`%`'],
  tables: [
    ['shop', 'orders'],
    ['crm', 'deals'],
  ],
}

const targetResults = async (c: ReturnType<typeof config>, target: FakeTarget) =>
  (await preflight(c, fakeDeps(SOURCE, '24.8.4.13', undefined, target))).results.filter(
    (r) => r.subject.startsWith('target.') && r.subject !== 'target.connect' && r.subject !== 'target.version',
  )

describe('privileges on the target databases (fake query layer)', () => {
  test('each missing privilege is fatal, named with what chsync uses it for, and fixed by one GRANT', async () => {
    const results = await targetResults(config(), { denied: ['INSERT ON `shop`.*', 'DROP TABLE ON `shop`.*'] })
    expect(results).toEqual([
      {
        subject: 'target.privileges shop',
        severity: 'fatal',
        message: 'loader lacks INSERT (writes the rows), DROP TABLE (drops the tables dropped on the source) on `shop`.*',
        fix: 'GRANT INSERT, DROP TABLE ON `shop`.* TO `loader`',
      },
    ])
  })

  test('every privilege chsync uses is asked, on the target name of each replicated database', async () => {
    const c = config('database_prefix = "src_"\n[target.databases]\ncrm = "sales"', '["shop", "c*"]')
    const results = await targetResults(c, {})
    expect(results.map((r) => [r.severity, r.subject, r.message])).toEqual([
      [
        'ok',
        'target.privileges sales',
        'loader has CREATE DATABASE, CREATE TABLE, ALTER, INSERT, SELECT, DROP TABLE, TRUNCATE on `sales`.*',
      ],
      [
        'ok',
        'target.privileges src_shop',
        'loader has CREATE DATABASE, CREATE TABLE, ALTER, INSERT, SELECT, DROP TABLE, TRUNCATE on `src_shop`.*',
      ],
    ])
  })

  test('OPTIMIZE too when apply.optimize_interval is set', async () => {
    const results = await targetResults(config('[apply]\noptimize_interval = "1h"'), { denied: ['OPTIMIZE ON `shop`.*'] })
    expect(results.map((r) => [r.severity, r.message, r.fix])).toEqual([
      [
        'fatal',
        'loader lacks OPTIMIZE (runs OPTIMIZE TABLE ... FINAL CLEANUP (apply.optimize_interval)) on `shop`.*',
        'GRANT OPTIMIZE ON `shop`.* TO `loader`',
      ],
    ])
  })

  test('a ClickHouse without CHECK GRANT: one warning with the GRANTs to make sure of', async () => {
    const results = await targetResults(config(), {
      noCheckGrant: new Error('HTTP 500: Code: 62. DB::Exception: Syntax error: failed at position 1 (CHECK)'),
    })
    expect(results).toEqual([
      {
        subject: 'target.privileges',
        severity: 'warning',
        message:
          'cannot ask ClickHouse which privileges loader has (CHECK GRANT: HTTP 500: Code: 62. DB::Exception: Syntax error: failed at position 1 (CHECK)); chsync needs CREATE DATABASE, CREATE TABLE, ALTER, INSERT, SELECT, DROP TABLE, TRUNCATE on each target database',
        fix: 'GRANT CREATE DATABASE, CREATE TABLE, ALTER, INSERT, SELECT, DROP TABLE, TRUNCATE ON `shop`.* TO `loader`',
      },
    ])
  })
})

describe('target.cluster (fake query layer)', () => {
  test('a cluster of system.clusters passes', async () => {
    const results = await targetResults(config('cluster = "main"'), { clusters: ['backup', 'main'] })
    expect(results[0]).toEqual({ subject: 'target.cluster', severity: 'ok', message: "cluster 'main' is in system.clusters", fix: null })
  })

  test('a wrong name is fatal and lists the clusters there are', async () => {
    const results = await targetResults(config('cluster = "mian"'), { clusters: ['backup', 'main'] })
    expect(results[0]).toEqual({
      subject: 'target.cluster',
      severity: 'fatal',
      message: "target.cluster 'mian' is not a cluster of this ClickHouse: the clusters ClickHouse knows: backup, main",
      fix: "set target.cluster to one of backup, main, or define 'mian' in remote_servers",
    })
  })

  test('no cluster set: system.clusters is not asked', async () => {
    expect((await targetResults(config(), {})).map((r) => r.subject)).toEqual(['target.privileges shop'])
  })
})

describe('against the real servers', () => {
  test('the privileges of the real ClickHouse user pass; a cluster it does not have fails check with exit 3', async () => {
    const { name, sql } = await freshDatabase('mysql', 't_ops_check_ch')
    const dir = (await $`mktemp -d`.text()).trim()
    try {
      await sql.query('CREATE TABLE t (id INT PRIMARY KEY)')
      const real = (extra: string) =>
        loadConfig({
          text: `[source]\nurl = "mysql://repl@127.0.0.1:33307"\nserver_id = 4242\n[target]\nurl = "http://default@127.0.0.1:18123"\n${extra}\n[replicate]\ndatabases = ["${name}"]\n`,
          env: { CHSYNC_SOURCE_PASSWORD: REPL.password },
        })
      const good = await preflight(real(''))
      expect(problemsOf(good)).toEqual([])
      expect(good.results.find((r) => r.subject === `target.privileges ${name}`)?.message).toBe(
        `default has CREATE DATABASE, CREATE TABLE, ALTER, INSERT, SELECT, DROP TABLE, TRUNCATE on \`${name}\`.*`,
      )

      const wrong = await preflight(real('cluster = "no_such_cluster"'))
      expect(hasFatal(wrong)).toBe(true)
      expect(problemsOf(wrong).map((p) => [p.subject, p.message])).toEqual([
        [
          'target.cluster',
          "target.cluster 'no_such_cluster' is not a cluster of this ClickHouse: ClickHouse knows no cluster (system.clusters is empty)",
        ],
      ])
      expect(formatReport(wrong)).toContain(
        'fix: define it in remote_servers of the ClickHouse configuration, or set target.cluster = "" for a single server',
      )

      await Bun.write(
        `${dir}/config.toml`,
        `[source]\nurl = "mysql://repl@127.0.0.1:33307"\nserver_id = 4242\n[target]\nurl = "http://default@127.0.0.1:18123"\ncluster = "no_such_cluster"\n[replicate]\ndatabases = ["${name}"]\n`,
      )
      const cli = await $`bun ${CLI} check -c ${dir}/config.toml`
        .env({ ...process.env, CHSYNC_SOURCE_PASSWORD: REPL.password })
        .quiet()
        .nothrow()
      expect(cli.stdout.toString()).toContain("target.cluster 'no_such_cluster' is not a cluster of this ClickHouse")
      expect(cli.exitCode).toBe(3)
    } finally {
      await sql.query(`DROP DATABASE \`${name}\``)
      await sql.end()
      await $`rm -rf ${dir}`.quiet()
    }
  }, 60_000)
})
