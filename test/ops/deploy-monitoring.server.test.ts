// deploy/prometheus/chsync-alerts.yml and deploy/grafana/chsync.json against the real tools and a
// real chsync: promtool accepts the rules and their unit tests pass (each alert fires on what should
// set it off, none on a healthy chsync), and every metric the rules and the dashboard use is one a
// running chsync serves on /metrics. The same run shows the per-table figures a resync must keep.

import { afterAll, describe, expect, test } from 'bun:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ERROR_KINDS } from '../../src/health/index.ts'
import type { ChildRun } from '../support/child.ts'
import { ensureTools, healthOf, socatGet } from './support/http-tools.ts'
import { CLI, OpsWorld } from './support/world.ts'

const ROOT = join(import.meta.dir, '../..')
const RULES = join(ROOT, 'deploy/prometheus/chsync-alerts.yml')
const DASHBOARD = join(ROOT, 'deploy/grafana/chsync.json')
const RULE_TESTS = join(import.meta.dir, 'fixtures/chsync-alerts.promtest.yml')

/** promtool, or a failure that says how to get it: CI installs it (.ci/run), so it never skips. */
function promtool(): string {
  const path = Bun.which('promtool')
  if (!path) throw new Error('promtool is missing: apt-get install -y --no-install-recommends prometheus (.ci/run installs it)')
  return path
}

function run(argv: string[]): { code: number; out: string } {
  const p = Bun.spawnSync(argv, { stdout: 'pipe', stderr: 'pipe' })
  return { code: p.exitCode, out: p.stdout.toString() + p.stderr.toString() }
}

/** The chsync_* names an expression uses. */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/\bchsync_[a-z0-9_]+/g)].map((m) => m[0])
}

function dashboardExpressions(): string[] {
  const dash = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
    panels: { title: string; targets: { expr: string }[] }[]
    templating: { list: { query: { query: string } }[] }
    annotations: { list: { expr: string }[] }
  }
  return [
    ...dash.panels.flatMap((p) => p.targets.map((t) => t.expr)),
    ...dash.templating.list.map((v) => v.query.query),
    ...dash.annotations.list.map((a) => a.expr),
  ]
}

function ruleExpressions(): string[] {
  return [...readFileSync(RULES, 'utf8').matchAll(/^\s+expr: (.+)$/gm)].map((m) => m[1]!)
}

describe('promtool', () => {
  test('check rules accepts deploy/prometheus/chsync-alerts.yml', () => {
    const r = run([promtool(), 'check', 'rules', RULES])
    expect(r.out).toContain('SUCCESS: 10 rules found')
    expect(r.code).toBe(0)
  })

  test("the rules' unit tests pass: each alert fires on its series, none on a healthy chsync", () => {
    const r = run([promtool(), 'test', 'rules', RULE_TESTS])
    expect(r.out).toContain('SUCCESS')
    expect(r.code).toBe(0)
  })

  test('the dashboard covers lag, throughput, copy progress, errors by kind, tables set aside, memory', () => {
    const used = new Set(dashboardExpressions().flatMap(metricNames))
    for (const name of [
      'chsync_lag_seconds',
      'chsync_rows_total',
      'chsync_copy_rows_copied',
      'chsync_table_copy_rows_copied',
      'chsync_errors_total',
      'chsync_tables_failed',
      'chsync_table_failed',
      'chsync_resident_memory_bytes',
    ])
      expect([name, used.has(name)]).toEqual([name, true])
  })
})

describe('against a running chsync (mysql)', () => {
  let world: OpsWorld
  let chsync: ChildRun | undefined
  afterAll(async () => {
    chsync?.kill()
    await world?.close()
  })

  const metrics = async () => (await socatGet(world.socketPath, '/metrics')).body
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `))
    return line === undefined ? undefined : Number(line.slice(series.length + 1))
  }

  test("serves every metric the alert rules and the dashboard use; a resync keeps the other tables' copy figures", async () => {
    await ensureTools()
    world = await OpsWorld.open('mysql', 't_ops_monitoring')
    const { sql, db } = world
    await sql.query('CREATE TABLE a (id INT PRIMARY KEY)')
    await sql.query('CREATE TABLE b (id INT PRIMARY KEY)')
    await sql.query('CREATE TABLE quiet (id INT PRIMARY KEY)')
    await sql.query('INSERT INTO a VALUES (1), (2), (3)')
    await sql.query('INSERT INTO b VALUES (1), (2)')
    chsync = world.startFromSource(['run'])
    await chsync.waitFor(
      'streaming',
      async () => ((await healthOf(world.socketPath))?.json.stage === 'streaming' ? true : undefined),
      60_000,
    )

    const text = await metrics()
    const families = new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]))
    const served = (name: string) =>
      families.has(name) || (/_(bucket|sum|count)$/.test(name) && families.get(name.replace(/_(bucket|sum|count)$/, '')) === 'histogram')
    const used = [...new Set([...ruleExpressions(), ...dashboardExpressions()].flatMap(metricNames))].sort()
    expect(used.length).toBeGreaterThan(15)
    expect(used.filter((n) => !served(n))).toEqual([])

    // Labelled counters have their series at 0 before anything happens to them.
    expect(value(text, `chsync_table_rows_total{database="${db}",table="quiet"}`)).toBe(0)
    for (const kind of ERROR_KINDS) expect([kind, value(text, `chsync_errors_total{kind="${kind}"}`)]).toEqual([kind, 0])
    expect(value(text, `chsync_table_copy_rows_copied{database="${db}",table="a"}`)).toBe(3)
    expect(value(text, `chsync_table_copy_rows_copied{database="${db}",table="b"}`)).toBe(2)
    expect(value(text, 'chsync_copy_rows_copied')).toBe(5)
    expect(value(text, 'chsync_resident_memory_bytes')).toBeGreaterThan(1 << 20)

    // A streamed change shows in the histograms of flushes, batches and lag.
    await sql.query('INSERT INTO b VALUES (3)')
    await chsync.waitFor('row streamed', async () =>
      value(await metrics(), `chsync_table_rows_total{database="${db}",table="b"}`) === 3 ? true : undefined,
    )
    await chsync.waitFor('a flush counted', async () =>
      (value(await metrics(), 'chsync_apply_lag_seconds_count') ?? 0) >= 1 ? true : undefined,
    )
    const after = await metrics()
    expect(value(after, 'chsync_flush_duration_seconds_count')).toBeGreaterThanOrEqual(1)
    expect(value(after, 'chsync_batch_rows_count')).toBeGreaterThanOrEqual(1)
    expect(value(after, 'chsync_batch_rows_bucket{le="+Inf"}')).toBe(value(after, 'chsync_batch_rows_count'))

    // Resync b: its figures start again (3 rows now), a's stay as its initial copy left them.
    const resync = Bun.spawnSync(['bun', CLI, 'resync', '-c', world.configPath, `${db}.b`], {
      env: world.env(),
      stdout: 'pipe',
      stderr: 'pipe',
    })
    expect(resync.exitCode).toBe(0)
    await chsync.waitFor(
      'b copied again',
      async () => (value(await metrics(), `chsync_table_rows_total{database="${db}",table="b"}`) === 6 ? true : undefined),
      30_000,
    )
    const resynced = await metrics()
    expect(value(resynced, `chsync_table_copy_rows_copied{database="${db}",table="b"}`)).toBe(3)
    expect(value(resynced, `chsync_table_copy_rows_copied{database="${db}",table="a"}`)).toBe(3)
    expect(value(resynced, `chsync_table_copy_rows_expected{database="${db}",table="a"}`)).toBe(3)
    expect(value(resynced, 'chsync_copy_rows_copied')).toBe(6)
  }, 120_000)
})
