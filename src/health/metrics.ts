// GET /metrics: the same figures as the health JSON in the Prometheus text exposition format 0.0.4
// (`# HELP`, `# TYPE`, then `name{label="value"} number` lines; label values escape \ " and newline).
// Names, types and help come from metric-catalog.ts; this file only puts the values in.

import { splitTableKey } from '../model/index.ts'
import type { Histogram } from './histogram.ts'
import { METRIC_FAMILIES, type MetricFamily } from './metric-catalog.ts'
import type { Stage, Stats } from './stats.ts'

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

const STAGES: readonly Stage[] = ['starting', 'snapshot', 'catchup', 'streaming', 'stopping', 'error']

const BY_NAME = new Map(METRIC_FAMILIES.map((f) => [f.name, f]))

type Labels = Record<string, string>

class Exposition {
  private readonly lines: string[] = []

  private head(name: string): MetricFamily {
    const f = BY_NAME.get(name)
    if (!f) throw new Error(`metric ${name} is not in the metric catalog`)
    this.lines.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`)
    return f
  }

  family(name: string, samples: [Labels, number][]): void {
    this.head(name)
    for (const [labels, value] of samples) this.lines.push(`${name}${labelText(labels)} ${numberText(value)}`)
  }

  one(name: string, value: number | null): void {
    // An unknown figure is left out rather than written as 0 or NaN, so alerts do not misfire.
    this.family(name, value === null ? [] : [[{}, value]])
  }

  histogram(name: string, h: Histogram): void {
    this.head(name)
    for (const [le, n] of h.cumulative()) this.lines.push(`${name}_bucket{le="${le}"} ${n}`)
    this.lines.push(`${name}_sum ${numberText(h.sum)}`, `${name}_count ${h.count}`)
  }

  text(): string {
    return this.lines.join('\n') + '\n'
  }
}

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(
    ([k, v]) => `${k}="${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`,
  )
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

const byKey = <T>(m: Map<string, T>): [string, T][] => [...m].sort(([a], [b]) => a.localeCompare(b))

export function metricsText(stats: Stats, info: MetricsInfo, now = Date.now()): string {
  const m = new Exposition()
  const memory = process.memoryUsage()
  m.family('chsync_build_info', [[{ version: info.version, commit: info.commit }, 1]])
  m.family(
    'chsync_stage',
    STAGES.map((s) => [{ stage: s }, stats.stage === s ? 1 : 0]),
  )
  m.one('chsync_start_time_seconds', stats.startedAtMs / 1000)
  m.one('chsync_uptime_seconds', Math.round((now - stats.startedAtMs) / 1000))
  const lag = stats.lagSeconds
  m.one('chsync_lag_seconds', lag === null ? null : Math.round(lag * 1000) / 1000)
  m.one('chsync_caught_up', stats.caughtUp ? 1 : 0)
  m.one('chsync_gtid_diff_transactions', stats.gtidDiff)
  m.one('chsync_last_committed_commit_timestamp_seconds', stats.lastCommittedCommitMs === null ? null : stats.lastCommittedCommitMs / 1000)
  m.one('chsync_last_applied_commit_timestamp_seconds', stats.lastAppliedCommitMs === null ? null : stats.lastAppliedCommitMs / 1000)
  m.one('chsync_events_total', stats.events)
  m.one('chsync_events_per_second', stats.eventsPerSecond)
  m.one('chsync_rows_total', stats.rowChanges)
  m.one('chsync_rows_per_second', stats.rowsPerSecond)
  m.one('chsync_binlog_bytes_total', stats.binlogBytes)
  m.one('chsync_binlog_bytes_per_second', stats.bytesPerSecond)
  m.one('chsync_batches_total', stats.batches)
  m.one('chsync_flushes_total', stats.flushes)
  m.histogram('chsync_flush_duration_seconds', stats.flushSeconds)
  m.histogram('chsync_batch_rows', stats.batchRows)
  m.histogram('chsync_apply_lag_seconds', stats.applyLagSeconds)
  m.family(
    'chsync_errors_total',
    byKey(stats.errors).map(([kind, n]) => [{ kind }, n]),
  )
  m.family(
    'chsync_table_rows_total',
    byKey(stats.rowsByTable).map(([key, n]) => [tableLabels(key), n]),
  )
  m.family(
    'chsync_table_failed',
    [...stats.tablesFailed.keys()].sort().map((key) => [tableLabels(key), 1]),
  )
  m.one('chsync_tables_failed', stats.tablesFailed.size)
  m.one('chsync_tables_left_out', stats.tablesLeftOut.size)
  m.one('chsync_degraded', stats.degradedBecause(now) === null ? 0 : 1)
  m.one('chsync_copy_rows_expected', stats.initRowsTotal)
  m.one('chsync_copy_rows_copied', stats.initRowsParsed)
  const copies = byKey(stats.copyProgress)
  m.family(
    'chsync_table_copy_rows_expected',
    copies.map(([key, p]) => [tableLabels(key), p.expected]),
  )
  m.family(
    'chsync_table_copy_rows_copied',
    copies.map(([key, p]) => [tableLabels(key), p.copied]),
  )
  m.one('chsync_resident_memory_bytes', memory.rss)
  m.one('chsync_heap_used_bytes', memory.heapUsed)
  return m.text()
}

/** Stats keys tables by tableKey: the pair it was made of. */
function tableLabels(key: string): Labels {
  const [database, table] = splitTableKey(key)
  return { database, table }
}
