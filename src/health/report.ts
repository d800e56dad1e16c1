// The health JSON of GET / and GET /health (DESIGN.md), built from the shared Stats, and the HTTP
// status that goes with it: 200 while chsync copies or streams with every table, 503 while it
// starts, stops, failed, or is degraded (a table set aside, flushes failing).

import { splitTableKey, tableName } from '../model/index.ts'
import type { Stage, Stats } from './stats.ts'

export type HealthStatus = 'ok' | 'degraded' | 'starting' | 'stopping' | 'error'

/** A table named in the health output, with why. */
export interface TableIssue {
  /** db.table, a part in backquotes when it holds a dot. */
  table: string
  reason: string
}

export interface HealthReport {
  status: HealthStatus
  stage: Stage
  init_rows_total: number
  init_rows_parsed: number
  server_gtid: string | null
  consumer_gtid: string | null
  /** Transactions the source has executed that chsync has not applied (null without GTIDs). */
  gtid_diff: number | null
  /** From the committed position; null before the first committed transaction. */
  lag_seconds: number | null
  events_per_second: number
  error: string | null
  // Beyond DESIGN.md's example:
  rows_per_second: number
  /** What chsync is retrying right now (the source or ClickHouse unreachable), else null. */
  waiting_for: string | null
  caught_up: boolean
  /** Why the status is degraded; null otherwise. */
  degraded: string | null
  /** Tables set aside: the target refused their changes; the others keep streaming. */
  tables_failed: TableIssue[]
  /** Replicated tables chsync leaves out (cannot read them, or the target cannot hold them). */
  tables_left_out: TableIssue[]
  uptime_seconds: number
  version: string
}

/** The stages in which chsync does its job; the health endpoint answers 200 only in these. */
export const WORKING_STAGES: readonly Stage[] = ['snapshot', 'catchup', 'streaming']

export function healthStatus(stage: Stage, degraded: string | null = null): HealthStatus {
  if (stage === 'error') return 'error'
  if (stage === 'starting') return 'starting'
  if (stage === 'stopping') return 'stopping'
  return degraded === null ? 'ok' : 'degraded'
}

export function httpStatusOf(report: Pick<HealthReport, 'stage' | 'status'>): 200 | 503 {
  return WORKING_STAGES.includes(report.stage) && report.status === 'ok' ? 200 : 503
}

export function healthReport(stats: Stats, version: string, now = Date.now()): HealthReport {
  const lag = stats.lagSeconds
  const degraded = stats.degradedBecause(now)
  return {
    status: healthStatus(stats.stage, degraded),
    stage: stats.stage,
    init_rows_total: stats.initRowsTotal,
    init_rows_parsed: stats.initRowsParsed,
    server_gtid: stats.serverGtid,
    consumer_gtid: stats.consumerGtid,
    gtid_diff: stats.gtidDiff,
    lag_seconds: lag === null ? null : Math.round(lag * 1000) / 1000,
    events_per_second: stats.eventsPerSecond,
    error: stats.error,
    rows_per_second: stats.rowsPerSecond,
    waiting_for: stats.waitingFor,
    caught_up: stats.caughtUp,
    degraded,
    tables_failed: [...stats.tablesFailed].map(([key, f]) => ({ table: tableName(...splitTableKey(key)), reason: f.reason })),
    tables_left_out: [...stats.tablesLeftOut].map(([key, reason]) => ({ table: tableName(...splitTableKey(key)), reason })),
    uptime_seconds: Math.round((now - stats.startedAtMs) / 1000),
    version,
  }
}
