// One finding of the preflight: what was looked at, how it stands, and the exact fix for a problem.

export type Severity = 'ok' | 'warning' | 'fatal'

export interface CheckResult {
  /** What was checked: "source.binlog_format", "source.privileges", "target.version", … */
  subject: string
  severity: Severity
  /** What was found, in a sentence. */
  message: string
  /** The statement or setting that fixes it; null for ok results. */
  fix: string | null
}

export function ok(subject: string, message: string): CheckResult {
  return { subject, severity: 'ok', message, fix: null }
}

export function warning(subject: string, message: string, fix: string): CheckResult {
  return { subject, severity: 'warning', message, fix }
}

export function fatal(subject: string, message: string, fix: string): CheckResult {
  return { subject, severity: 'fatal', message, fix }
}

/** Everything the preflight found, in the order it looked. */
export interface CheckReport {
  results: CheckResult[]
  /** Header lines: what was checked ("source mysql://repl@… MySQL 9.7.4"). */
  targets: string[]
}

export function problemsOf(report: CheckReport): CheckResult[] {
  return report.results.filter((r) => r.severity !== 'ok')
}

export function hasFatal(report: CheckReport): boolean {
  return report.results.some((r) => r.severity === 'fatal')
}
