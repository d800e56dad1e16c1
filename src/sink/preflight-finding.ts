// One finding of the preflight (`chsync check`): what was looked at, how it stands, and the exact
// fix for a problem. The sinks' own checks (SinkPreflight) speak it as the source's checks do.

export type Severity = 'ok' | 'warning' | 'fatal'

export interface PreflightFinding {
  /** What was checked: "source.binlog_format", "source.privileges", "target.version", … */
  subject: string
  severity: Severity
  /** What was found, in a sentence. */
  message: string
  /** The statement or setting that fixes it; null for ok results. */
  fix: string | null
}

export function ok(subject: string, message: string): PreflightFinding {
  return { subject, severity: 'ok', message, fix: null }
}

export function warning(subject: string, message: string, fix: string): PreflightFinding {
  return { subject, severity: 'warning', message, fix }
}

export function fatal(subject: string, message: string, fix: string): PreflightFinding {
  return { subject, severity: 'fatal', message, fix }
}
