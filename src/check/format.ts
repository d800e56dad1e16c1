// The preflight report for people (one line per check, then every problem with its fix) and as
// JSON for scripts.

import { type CheckReport, problemsOf } from './result.ts'

const MARK = { ok: 'ok   ', warning: 'WARN ', fatal: 'FATAL' } as const

export function formatReport(report: CheckReport): string {
  const lines: string[] = [...report.targets, '']
  const width = Math.max(...report.results.map((r) => r.subject.length), 8)
  for (const r of report.results) lines.push(`  ${MARK[r.severity]}  ${r.subject.padEnd(width)}  ${r.message}`)
  const problems = problemsOf(report)
  lines.push('')
  if (problems.length === 0) {
    lines.push('all checks passed')
    return lines.join('\n') + '\n'
  }
  const fatal = problems.filter((p) => p.severity === 'fatal').length
  const warnings = problems.length - fatal
  lines.push(
    `${problems.length} problem${problems.length === 1 ? '' : 's'} (${fatal} fatal, ${warnings} warning${warnings === 1 ? '' : 's'}):`,
  )
  for (const p of problems) {
    lines.push(`  ${MARK[p.severity]}  ${p.subject}: ${p.message}`)
    lines.push(`         fix: ${p.fix}`)
  }
  return lines.join('\n') + '\n'
}

export function reportJson(report: CheckReport): string {
  const problems = problemsOf(report)
  return (
    JSON.stringify({
      ok: !problems.some((p) => p.severity === 'fatal'),
      targets: report.targets,
      results: report.results,
      problems,
    }) + '\n'
  )
}
