// The health routes without a socket (`app.request`): the JSON of DESIGN.md with its HTTP status
// by stage, the Prometheus text with exact lines, and no secret in either.

import { describe, expect, test } from 'bun:test'
import { RateWindow } from '../../src/health/rate.ts'
import { tableKey } from '../../src/model/index.ts'
import {
  ERROR_KINDS,
  healthApp,
  healthReport,
  Histogram,
  httpStatusOf,
  METRIC_FAMILIES,
  metricsText,
  RENAMED_METRICS,
  Stats,
  withAbsoluteUrl,
} from '../../src/health/index.ts'
import { redactor } from '../../src/config/index.ts'
import { load } from '../config/support.ts'

function streamingStats(): Stats {
  const s = new Stats()
  s.stage = 'streaming'
  s.copyStarts('shop', 'orders', 90000, 0)
  s.copyStarts('shop', 'items', 10000, 10000)
  for (let i = 0; i < 90000; i++) s.rowCopied('shop', 'orders')
  s.serverGtid = '3E11FA47-71CA-11E1-9E33-C80AA9429562:1-105'
  s.consumerGtid = '3E11FA47-71CA-11E1-9E33-C80AA9429562:1-100'
  s.gtidDiff = 5
  s.lastAppliedCommitMs = Date.now() - 100
  s.lastCommittedCommitMs = Date.now() - 400
  s.events = 120
  s.binlogBytes = 4096
  s.batches = 7
  s.flushes = 6
  s.countRows('shop', 'orders', 90)
  s.countRows('shop', 'items', 10)
  s.flushSeconds.observe(0.02)
  s.flushSeconds.observe(3)
  s.batchRows.observe(500)
  s.applyLagSeconds.observe(0.4)
  s.countError('sink')
  s.countError('sink')
  s.countError('ddl_parse')
  return s
}

const app = (stats: Stats, redact?: (t: string) => string) => healthApp({ stats, version: '0.1.0', commit: 'abc123', redact })

describe('GET /health', () => {
  test('has every field of DESIGN.md with the values of Stats', async () => {
    const res = await app(streamingStats()).request('/health')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json')
    const body = (await res.json()) as Record<string, unknown>
    expect(Object.keys(body).slice(0, 10)).toEqual([
      'status',
      'stage',
      'init_rows_total',
      'init_rows_parsed',
      'server_gtid',
      'consumer_gtid',
      'gtid_diff',
      'lag_seconds',
      'events_per_second',
      'error',
    ])
    expect(body.status).toBe('ok')
    expect(body.stage).toBe('streaming')
    expect(body.init_rows_total).toBe(100000)
    expect(body.init_rows_parsed).toBe(100000)
    expect(body.server_gtid).toBe('3E11FA47-71CA-11E1-9E33-C80AA9429562:1-105')
    expect(body.consumer_gtid).toBe('3E11FA47-71CA-11E1-9E33-C80AA9429562:1-100')
    expect(body.gtid_diff).toBe(5)
    expect(body.lag_seconds as number).toBeGreaterThanOrEqual(0.4)
    expect(body.lag_seconds as number).toBeLessThan(5)
    expect(body.error).toBeNull()
    expect(body.version).toBe('0.1.0')
    expect(body.waiting_for).toBeNull()
  })

  test('/ answers the same as /health', async () => {
    const s = streamingStats()
    // Without the figures that move between two requests.
    const steady = async (path: string) => {
      const { events_per_second, rows_per_second, lag_seconds, ...rest } = (await (await app(s).request(path)).json()) as Record<
        string,
        unknown
      >
      return rest
    }
    expect(await steady('/')).toEqual(await steady('/health'))
  })

  test('a table set aside makes the status degraded (HTTP 503) and names it with its reason', async () => {
    const s = streamingStats()
    s.tablesFailed.set(tableKey('shop', 'a.b'), {
      reason: 'ClickHouse table shop.x exists and was not made by this chsync',
      sinceMs: Date.now(),
    })
    s.tablesLeftOut.set(tableKey('shop', 'secret'), 'chsync cannot read it')
    const res = await app(s).request('/health')
    expect(res.status).toBe(503)
    const body = (await res.json()) as Record<string, unknown>
    expect(body.status).toBe('degraded')
    expect(body.stage).toBe('streaming')
    expect(body.tables_failed).toEqual([{ table: 'shop.`a.b`', reason: 'ClickHouse table shop.x exists and was not made by this chsync' }])
    expect(body.tables_left_out).toEqual([{ table: 'shop.secret', reason: 'chsync cannot read it' }])
    const metrics = await (await app(s).request('/metrics')).text()
    expect(metrics).toContain('chsync_table_failed{database="shop",table="a.b"} 1')
    expect(metrics).toContain('chsync_tables_left_out 1')
    expect(metrics).toContain('chsync_degraded 1')
  })

  test('flushes failing for a while make the status degraded; a passing failure does not', async () => {
    const s = streamingStats()
    s.sinkFailingSince = Date.now() - 500
    expect(((await (await app(s).request('/health')).json()) as { status: string }).status).toBe('ok')
    s.sinkFailingSince = Date.now() - Stats.SINK_FAILING_DEGRADED_MS - 1
    const res = await app(s).request('/health')
    expect(res.status).toBe(503)
    expect(((await res.json()) as { degraded: string }).degraded).toBe('flushes to the target keep failing')
  })

  test.each([
    ['starting', 503, 'starting'],
    ['snapshot', 200, 'ok'],
    ['catchup', 200, 'ok'],
    ['streaming', 200, 'ok'],
    ['stopping', 503, 'stopping'],
    ['error', 503, 'error'],
  ] as const)('stage %s answers HTTP %d with status %s', async (stage, code, status) => {
    const s = new Stats()
    s.stage = stage
    if (stage === 'error') s.error = 'the source no longer has the binlog'
    const res = await app(s).request('/health')
    expect(res.status).toBe(code)
    const body = (await res.json()) as Record<string, unknown>
    expect(body.status).toBe(status)
    expect(body.error).toBe(stage === 'error' ? 'the source no longer has the binlog' : null)
    expect(httpStatusOf(healthReport(s, 'x'))).toBe(code)
  })

  test('a secret in an error never leaves the process', async () => {
    const s = new Stats()
    s.stage = 'error'
    s.error = "Access denied for user 'repl' using password 's3cr3t-pw'"
    s.waitingFor = 'source: s3cr3t-pw'
    const res = await app(s, (t) => t.replaceAll('s3cr3t-pw', '***')).request('/health')
    const text = await res.text()
    expect(text).not.toContain('s3cr3t-pw')
    expect(JSON.parse(text).error).toBe("Access denied for user 'repl' using password '***'")
    expect(JSON.parse(text).waiting_for).toBe('source: ***')
  })

  test('a one-character password is hidden in strings only: numbers and syntax stay whole', async () => {
    const s = streamingStats()
    s.error = 'refused: password 1'
    const hide = redactor(load('', { CHSYNC_SOURCE_PASSWORD: '1' }))
    const health = (await (await app(s, hide).request('/health')).json()) as Record<string, unknown>
    expect(health).toMatchObject({
      init_rows_total: 100000,
      gtid_diff: 5,
      error: 'refused: password ***',
      server_gtid: s.serverGtid!.replaceAll('1', '***'),
    })
    // A string holding the password's characters is garbled: why chsync warns about short passwords.
    const metrics = await (await app(s, hide).request('/metrics')).text()
    expect(metrics).toContain('chsync_table_rows_total{database="shop",table="orders"} 90090\n')
    expect(metrics).toContain('chsync_flush_duration_seconds_bucket{le="0.01"} 0\n')
    expect(metrics).toContain('chsync_errors_total{kind="sink"} 2\n')
    expect(metrics).toContain('chsync_build_info{version="0.***.0",commit="abc***23"} 1\n')
    // Every sample line still reads as Prometheus text: a name, optional labels, a number.
    for (const line of metrics.split('\n').filter((l) => l && !l.startsWith('#')))
      expect(line).toMatch(/^[a-z_]+(\{.*\})? -?[0-9.e+]+$|^[a-z_]+(\{.*\})? (NaN|[+-]Inf)$/)
  })

  test('lag is null before the first transaction and 0 when caught up', async () => {
    const s = new Stats()
    s.stage = 'catchup'
    expect(healthReport(s, 'x').lag_seconds).toBeNull()
    s.caughtUp = true
    expect(healthReport(s, 'x').lag_seconds).toBe(0)
  })

  test('unknown paths are 404', async () => {
    expect((await app(new Stats()).request('/nope')).status).toBe(404)
  })

  test('a request without Host (relative URL) is routed', async () => {
    const req = withAbsoluteUrl({ url: '/metrics', method: 'GET', headers: new Headers() } as unknown as Request)
    expect(req.url).toBe('http://localhost/metrics')
    const absolute = new Request('http://x/health')
    expect(withAbsoluteUrl(absolute)).toBe(absolute)
  })
})

describe('GET /metrics', () => {
  test('Prometheus text with every figure', async () => {
    const s = streamingStats()
    const res = await app(s).request('/metrics')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
    const text = await res.text()
    const lines = text.split('\n')
    for (const line of [
      'chsync_build_info{version="0.1.0",commit="abc123"} 1',
      'chsync_stage{stage="streaming"} 1',
      'chsync_stage{stage="starting"} 0',
      'chsync_gtid_diff_transactions 5',
      'chsync_events_total 120',
      'chsync_rows_total 90100',
      'chsync_binlog_bytes_total 4096',
      'chsync_batches_total 7',
      'chsync_flushes_total 6',
      'chsync_errors_total{kind="ddl_parse"} 1',
      'chsync_errors_total{kind="sink"} 2',
      'chsync_table_rows_total{database="shop",table="items"} 10',
      'chsync_table_rows_total{database="shop",table="orders"} 90090',
      'chsync_copy_rows_expected 100000',
      'chsync_copy_rows_copied 100000',
      'chsync_table_copy_rows_expected{database="shop",table="orders"} 90000',
      'chsync_table_copy_rows_copied{database="shop",table="items"} 10000',
      'chsync_errors_total{kind="source"} 0',
      'chsync_errors_total{kind="table_set_aside"} 0',
      '# TYPE chsync_flush_duration_seconds histogram',
      'chsync_flush_duration_seconds_bucket{le="0.025"} 1',
      'chsync_flush_duration_seconds_bucket{le="2.5"} 1',
      'chsync_flush_duration_seconds_bucket{le="5"} 2',
      'chsync_flush_duration_seconds_bucket{le="+Inf"} 2',
      'chsync_flush_duration_seconds_sum 3.02',
      'chsync_flush_duration_seconds_count 2',
      'chsync_batch_rows_bucket{le="100"} 0',
      'chsync_batch_rows_bucket{le="1000"} 1',
      'chsync_batch_rows_count 1',
      'chsync_apply_lag_seconds_bucket{le="0.25"} 0',
      'chsync_apply_lag_seconds_bucket{le="0.5"} 1',
      '# TYPE chsync_copy_rows_expected gauge',
      '# TYPE chsync_resident_memory_bytes gauge',
      'chsync_caught_up 0',
      '# TYPE chsync_lag_seconds gauge',
      '# TYPE chsync_rows_total counter',
      '# TYPE chsync_events_per_second gauge',
      '# TYPE chsync_rows_per_second gauge',
    ])
      expect(lines).toContain(line)
    const lag = lines.find((l) => l.startsWith('chsync_lag_seconds '))
    expect(Number(lag!.split(' ')[1])).toBeGreaterThanOrEqual(0.4)
    // Every sample line is `name{labels} number` and belongs to a declared family.
    const families = new Set(lines.filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]))
    for (const l of lines.filter((l) => l !== '' && !l.startsWith('#'))) {
      expect(l).toMatch(/^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? -?[0-9.e+]+$/)
      const name = l.split(/[{ ]/)[0]!
      expect(families.has(name) || families.has(name.replace(/_(bucket|sum|count)$/, ''))).toBe(true)
    }
  })

  test('unknown figures are left out, not written as 0', () => {
    const text = metricsText(new Stats(), { version: 'v', commit: 'c' })
    expect(text).toContain('# TYPE chsync_lag_seconds gauge\n# HELP chsync_caught_up')
    expect(text).not.toMatch(/^chsync_lag_seconds /m)
    expect(text).not.toMatch(/^chsync_gtid_diff_transactions /m)
  })

  test('Prometheus naming: _total only on counters, every family is in the catalog the README is made from', () => {
    const text = metricsText(new Stats(), { version: 'v', commit: 'c' })
    const types = new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]))
    expect([...types.keys()]).toEqual(METRIC_FAMILIES.map((f) => f.name))
    for (const [name, type] of types) {
      expect(`${name} ${type}`).toBe(`${name} ${name.endsWith('_total') ? 'counter' : type === 'counter' ? 'counter (no _total)' : type}`)
      expect(name).toMatch(/^chsync_[a-z_]+$/)
    }
    for (const [old] of RENAMED_METRICS) expect(types.has(old)).toBe(false)
  })

  test('every error kind is exported at 0 before its first error', () => {
    const text = metricsText(new Stats(), { version: 'v', commit: 'c' })
    for (const kind of ERROR_KINDS) expect(text).toContain(`chsync_errors_total{kind="${kind}"} 0\n`)
  })

  test("a resync starts its own table's copy figures again, not the other tables'", () => {
    const s = new Stats()
    s.copyStarts('shop', 'a', 3, 0)
    s.copyStarts('shop', 'b', 2, 0)
    for (let i = 0; i < 3; i++) s.rowCopied('shop', 'a')
    for (let i = 0; i < 2; i++) s.rowCopied('shop', 'b')
    s.copyStarts('shop', 'b', 4, 0)
    s.rowCopied('shop', 'b')
    expect([s.initRowsTotal, s.initRowsParsed]).toEqual([7, 4])
    const text = metricsText(s, { version: 'v', commit: 'c' })
    expect(text).toContain('chsync_table_copy_rows_copied{database="shop",table="a"} 3\n')
    expect(text).toContain('chsync_table_copy_rows_expected{database="shop",table="a"} 3\n')
    expect(text).toContain('chsync_table_copy_rows_copied{database="shop",table="b"} 1\n')
    expect(text).toContain('chsync_table_copy_rows_expected{database="shop",table="b"} 4\n')
    expect(text).toContain('chsync_table_rows_total{database="shop",table="b"} 3\n')
    // Read past its estimate, a copy expects what it read.
    for (let i = 0; i < 5; i++) s.rowCopied('shop', 'b')
    expect(metricsText(s, { version: 'v', commit: 'c' })).toContain('chsync_table_copy_rows_expected{database="shop",table="b"} 6\n')
    // A table to copy that is gone takes its figures with it.
    s.copyForgotten('shop', 'b')
    expect([s.initRowsTotal, s.initRowsParsed]).toEqual([3, 3])
    expect(metricsText(s, { version: 'v', commit: 'c' })).not.toContain('chsync_table_copy_rows_copied{database="shop",table="b"}')
  })

  test('a histogram counts each observation in every bucket at or above it', () => {
    const h = new Histogram([1, 10])
    for (const v of [0.5, 1, 2, 11, Number.NaN]) h.observe(v)
    expect(h.cumulative()).toEqual([
      ['1', 2],
      ['10', 3],
      ['+Inf', 4],
    ])
    expect(h.sum).toBe(14.5)
    expect(() => new Histogram([2, 1])).toThrow('histogram bounds must increase, got 2, 1')
  })

  test('label values are escaped', () => {
    const s = new Stats()
    s.countRows('db', '"x\\y', 1)
    s.countRows('d.a', 'b', 2)
    s.countError('a\nb')
    const text = metricsText(s, { version: 'v', commit: 'c' })
    expect(text).toContain('chsync_table_rows_total{database="db",table="\\"x\\\\y"} 1')
    expect(text).toContain('chsync_table_rows_total{database="d.a",table="b"} 2')
    expect(text).toContain('chsync_errors_total{kind="a\\nb"} 1')
  })

  test('rates are per second over a sliding window', () => {
    const w = new RateWindow(10_000)
    expect(w.rate(0, 1_000)).toBe(0)
    expect(w.rate(500, 1_500)).toBe(1000)
    expect(w.rate(1500, 3_000)).toBe(750)
    // Samples older than the window drop out: from t=3000 (1500) to t=14000 (2600).
    expect(w.rate(2600, 14_000)).toBe(100)
  })
})
