// The preflight's report: its findings (the sink contract's PreflightFinding, which the sinks'
// own checks speak too) and what was checked.

import type { PreflightFinding } from '../sink/preflight-finding.ts'

export { fatal, ok, type Severity, warning } from '../sink/preflight-finding.ts'
export type CheckResult = PreflightFinding

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
