// The health JSON of GET / and GET /health (DESIGN.md), built from the shared Stats, and the HTTP
// status that goes with it: 200 while chsync copies or streams, 503 while it starts, stops or failed.

import type { Stage, Stats } from './stats.ts'

export type HealthStatus = 'ok' | 'starting' | 'stopping' | 'error'

export interface HealthReport {
  status: HealthStatus
  stage: Stage
  init_rows_total: number
  init_rows_parsed: number
  server_gtid: string | null
  consumer_gtid: string | null
  /** Transactions the source has executed that chsync has not applied (null without GTIDs). */
  gtid_diff: number | null
  /** null before the first applied transaction. */
  lag_seconds: number | null
  events_per_second: number
  error: string | null
  // Beyond DESIGN.md's example:
  rows_per_second: number
  /** What chsync is retrying right now (the source or ClickHouse unreachable), else null. */
  waiting_for: string | null
  caught_up: boolean
  uptime_seconds: number
  version: string
}

/** The stages in which chsync does its job; the health endpoint answers 200 only in these. */
export const WORKING_STAGES: readonly Stage[] = ['snapshot', 'catchup', 'streaming']

export function healthStatus(stage: Stage): HealthStatus {
  if (stage === 'error') return 'error'
  if (stage === 'starting') return 'starting'
  if (stage === 'stopping') return 'stopping'
  return 'ok'
}

export function httpStatusOf(report: Pick<HealthReport, 'stage'>): 200 | 503 {
  return WORKING_STAGES.includes(report.stage) ? 200 : 503
}

export function healthReport(stats: Stats, version: string, now = Date.now()): HealthReport {
  const lag = stats.lagSeconds
  return {
    status: healthStatus(stats.stage),
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
    uptime_seconds: Math.round((now - stats.startedAtMs) / 1000),
    version,
  }
}
