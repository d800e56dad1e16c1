// Prints the torture report: one line per scenario (changes written, found in the target,
// differences, and how it ended) and the verdict line `torture: N scenarios, D differences`.
// A scenario that failed, or started and has no end (a timeout, a crash), is one difference more
// and is named below the table. Usage: bun test/torture/summary.ts REPORT.jsonl

import { existsSync, readFileSync } from 'node:fs'
import type { ReportLine, ScenarioCounts } from './support/report.ts'

export interface ScenarioSummary {
  scenario: string
  counts: ScenarioCounts | null
  /** 'passed', 'failed: …' or 'did not finish'. */
  outcome: string
  differences: number
}

/** The scenarios of a report file's lines, in the order they started. */
export function summarize(lines: ReportLine[]): ScenarioSummary[] {
  const byId = new Map<string, { scenario: string; counts: ScenarioCounts | null; end: Extract<ReportLine, { event: 'end' }> | null }>()
  const of = (l: ReportLine) => {
    let s = byId.get(l.id)
    if (!s) byId.set(l.id, (s = { scenario: l.scenario, counts: null, end: null }))
    return s
  }
  for (const l of lines) {
    const s = of(l)
    if (l.event === 'result') {
      const { written, found, differences, note } = l
      s.counts = s.counts
        ? {
            written: s.counts.written + written,
            found: s.counts.found + found,
            differences: s.counts.differences + differences,
            note: [s.counts.note, note].filter(Boolean).join('; ') || undefined,
          }
        : { written, found, differences, note }
    }
    if (l.event === 'end') s.end = l
  }
  return [...byId.values()].map((s) => {
    const failed = !s.end?.passed
    return {
      scenario: s.scenario,
      counts: s.counts,
      outcome: !s.end ? 'did not finish' : s.end.passed ? 'passed' : `failed: ${s.end.error ?? ''}`,
      differences: (s.counts?.differences ?? 0) + (failed ? 1 : 0),
    }
  })
}

export function summaryText(scenarios: ScenarioSummary[]): string {
  const out: string[] = []
  const width = Math.max(8, ...scenarios.map((r) => r.scenario.length))
  out.push(`${'scenario'.padEnd(width)}  ${'written'.padStart(10)}  ${'found'.padStart(10)}  differences`)
  for (const r of scenarios) {
    const c = r.counts
    const how = r.outcome === 'passed' ? '' : `  ${r.outcome === 'did not finish' ? 'DID NOT FINISH' : 'FAILED'}`
    out.push(
      `${r.scenario.padEnd(width)}  ${String(c?.written ?? '-').padStart(10)}  ${String(c?.found ?? '-').padStart(10)}  ${r.differences}${how}${c?.note ? `  (${c.note})` : ''}`,
    )
  }
  const bad = scenarios.filter((r) => r.outcome !== 'passed')
  for (const r of bad)
    out.push(
      `${r.outcome === 'did not finish' ? 'did not finish' : 'failed'}: ${r.scenario}${r.outcome.startsWith('failed: ') ? ` — ${r.outcome.slice(8)}` : ''}`,
    )
  const differences = scenarios.reduce((n, r) => n + r.differences, 0)
  out.push(`torture: ${scenarios.length} scenarios, ${differences} differences`)
  return out.join('\n')
}

if (import.meta.main) {
  const file = process.argv[2]
  const lines: ReportLine[] =
    file && existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as ReportLine)
      : []
  const scenarios = summarize(lines)
  console.log(summaryText(scenarios))
  const differences = scenarios.reduce((n, r) => n + r.differences, 0)
  process.exit(differences === 0 && scenarios.length > 0 ? 0 : 1)
}
