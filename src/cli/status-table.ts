// The health JSON as a table for a person at a terminal (`chsync status` on a TTY).

import type { HealthReport } from '../health/index.ts'

type Row = [label: string, value: string]
type TableIssue = HealthReport['tables_failed'][number]

export function statusTable(report: Partial<HealthReport>, where: string): string {
  const rows: Row[] = [
    ['status', report.status === 'degraded' && report.degraded ? `degraded: ${report.degraded}` : String(report.status ?? '?')],
    ['stage', String(report.stage ?? '?')],
  ]
  // Each table with its reason on a line of its own: the reason names the fix (resync, a GRANT).
  rows.push(...issueRows('set aside', report.tables_failed), ...issueRows('left out', report.tables_left_out))
  if (report.error) rows.push(['error', report.error])
  if (report.waiting_for) rows.push(['waiting for', report.waiting_for])
  rows.push(['lag', report.lag_seconds === null || report.lag_seconds === undefined ? '-' : `${report.lag_seconds} s`])
  rows.push(['behind (GTIDs)', report.gtid_diff === null || report.gtid_diff === undefined ? '-' : `${report.gtid_diff} transactions`])
  rows.push(['events/s', String(report.events_per_second ?? '-')])
  if (report.rows_per_second !== undefined) rows.push(['rows/s', String(report.rows_per_second)])
  if (report.init_rows_total) {
    const pct = Math.min(100, Math.floor(((report.init_rows_parsed ?? 0) / report.init_rows_total) * 100))
    rows.push(['initial copy', `${report.init_rows_parsed ?? 0} of ~${report.init_rows_total} rows (${pct}%)`])
  }
  rows.push(['source GTIDs', report.server_gtid ?? '-'])
  rows.push(['applied GTIDs', report.consumer_gtid ?? '-'])
  if (report.uptime_seconds !== undefined) rows.push(['uptime', duration(report.uptime_seconds)])
  const width = Math.max(...rows.map(([l]) => l.length))
  const head = `chsync${report.version ? ` ${report.version}` : ''} at ${where}`
  return [head, ...rows.map(([l, v]) => `  ${l.padEnd(width)}  ${v}`)].join('\n') + '\n'
}

function issueRows(label: string, issues: TableIssue[] | undefined): Row[] {
  return (issues ?? []).map((t, i): Row => [i === 0 ? label : '', `${t.table}: ${t.reason}`])
}

function duration(seconds: number): string {
  const d = Math.floor(seconds / 86400)
  const h = Math.floor((seconds % 86400) / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  return d ? `${d}d ${h}h ${m}m` : h ? `${h}h ${m}m ${s}s` : m ? `${m}m ${s}s` : `${s}s`
}
