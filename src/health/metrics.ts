// GET /metrics: the same figures as the health JSON in the Prometheus text exposition format 0.0.4
// (`# HELP`, `# TYPE`, then `name{label="value"} number` lines; label values escape \ " and newline).

import { splitTableKey } from '../schema/model.ts'
import type { Stage, Stats } from './stats.ts'

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

const STAGES: readonly Stage[] = ['starting', 'snapshot', 'catchup', 'streaming', 'stopping', 'error']

type Labels = Record<string, string>

class Exposition {
  private readonly lines: string[] = []

  family(name: string, type: 'gauge' | 'counter', help: string, samples: [Labels, number][]): void {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)
    for (const [labels, value] of samples) this.lines.push(`${name}${labelText(labels)} ${numberText(value)}`)
  }

  one(name: string, type: 'gauge' | 'counter', help: string, value: number | null): void {
    // An unknown figure is left out rather than written as 0 or NaN, so alerts do not misfire.
    this.family(name, type, help, value === null ? [] : [[{}, value]])
  }

  text(): string {
    return this.lines.join('\n') + '\n'
  }
}

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`)
  return parts.length ? `{${parts.join(',')}}` : ''
}

function numberText(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return '+Inf'
  if (value === -Infinity) return '-Inf'
  return String(value)
}

export interface MetricsInfo {
  version: string
  commit: string
}

export function metricsText(stats: Stats, info: MetricsInfo, now = Date.now()): string {
  const m = new Exposition()
  m.family('chsync_build_info', 'gauge', 'Always 1; the labels name the version and commit.', [[{ version: info.version, commit: info.commit }, 1]])
  m.family('chsync_stage', 'gauge', '1 for the stage chsync is in, 0 for the others.', STAGES.map((s) => [{ stage: s }, stats.stage === s ? 1 : 0]))
  m.one('chsync_start_time_seconds', 'gauge', 'When this process started (Unix time).', stats.startedAtMs / 1000)
  m.one('chsync_uptime_seconds', 'gauge', 'Seconds since this process started.', Math.round((now - stats.startedAtMs) / 1000))
  const lag = stats.lagSeconds
  m.one('chsync_lag_seconds', 'gauge', 'How far ClickHouse is behind the source, in seconds (0 when caught up).', lag === null ? null : Math.round(lag * 1000) / 1000)
  m.one('chsync_caught_up', 'gauge', '1 when the committed position had reached the end of the source\'s binlog at the last look.', stats.caughtUp ? 1 : 0)
  m.one('chsync_gtid_diff', 'gauge', 'Transactions the source executed that chsync has not applied yet.', stats.gtidDiff)
  m.one(
    'chsync_last_committed_commit_timestamp_seconds',
    'gauge',
    'Source commit time of the last transaction whose position is committed (Unix time).',
    stats.lastCommittedCommitMs === null ? null : stats.lastCommittedCommitMs / 1000,
  )
  m.one(
    'chsync_last_applied_commit_timestamp_seconds',
    'gauge',
    'Source commit time of the last applied transaction (Unix time).',
    stats.lastAppliedCommitMs === null ? null : stats.lastAppliedCommitMs / 1000,
  )
  m.one('chsync_events_total', 'counter', 'Binlog events read.', stats.events)
  m.one('chsync_events_per_second', 'gauge', 'Binlog events read per second (last ~10 s).', stats.eventsPerSecond)
  m.one('chsync_rows_total', 'counter', 'Row changes applied (binlog and initial copy).', stats.rowChanges)
  m.one('chsync_rows_per_second', 'gauge', 'Row changes applied per second (last ~10 s).', stats.rowsPerSecond)
  m.one('chsync_binlog_bytes_total', 'counter', 'Binlog bytes read.', stats.binlogBytes)
  m.one('chsync_binlog_bytes_per_second', 'gauge', 'Binlog bytes read per second (last ~10 s).', stats.bytesPerSecond)
  m.one('chsync_batches_total', 'counter', 'Insert batches sent to the sink.', stats.batches)
  m.one('chsync_flushes_total', 'counter', 'Flushes that the sink acknowledged and the state store committed.', stats.flushes)
  m.family(
    'chsync_errors_total',
    'counter',
    'Errors counted, by kind (source, sink, monitor, ddl_parse, ddl_translate, ddl_untranslatable, value_clamped, ...).',
    [...stats.errors].sort(([a], [b]) => a.localeCompare(b)).map(([kind, n]) => [{ kind }, n]),
  )
  m.family(
    'chsync_table_rows_total',
    'counter',
    'Row changes applied, by source table.',
    [...stats.rowsByTable].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => [tableLabels(key), n]),
  )
  m.family(
    'chsync_table_failed',
    'gauge',
    '1 for each table set aside: the target refused its changes (see the health output for why).',
    [...stats.tablesFailed.keys()].sort().map((key) => [tableLabels(key), 1]),
  )
  m.one('chsync_tables_failed', 'gauge', 'Tables set aside.', stats.tablesFailed.size)
  m.one('chsync_tables_left_out', 'gauge', 'Replicated tables left out: chsync cannot read them, or the target cannot hold them.', stats.tablesLeftOut.size)
  m.one('chsync_degraded', 'gauge', '1 while a table is set aside or flushes keep failing.', stats.degradedBecause(now) === null ? 0 : 1)
  m.one('chsync_init_rows_total', 'gauge', 'Rows the initial copy expects (estimate from the source).', stats.initRowsTotal)
  m.one('chsync_init_rows_parsed', 'gauge', 'Rows the initial copy has read so far.', stats.initRowsParsed)
  return m.text()
}

/** Stats keys tables by tableKey: the pair it was made of. */
function tableLabels(key: string): Labels {
  const [database, table] = splitTableKey(key)
  return { database, table }
}
