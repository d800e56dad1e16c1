// verify's verdicts for people and for scripts. A table that was not compared is listed with why
// and never counted as equal: the summary says "all N tables equal" only when every replicated
// table was compared and found equal.

import type { NotCompared } from './source-tables.ts'
import { type TableVerdict, isEqual } from './verify-table.ts'

export type Outcome = 'equal' | 'different' | 'not_compared'

/** Different wins: a difference found is the stronger news. */
export function outcomeOf(verdicts: readonly TableVerdict[], notCompared: readonly NotCompared[]): Outcome {
  if (verdicts.some((v) => !isEqual(v))) return 'different'
  return notCompared.length > 0 ? 'not_compared' : 'equal'
}

export function verifyReport(verdicts: readonly TableVerdict[], notCompared: readonly NotCompared[]): string {
  const lines: string[] = []
  for (const v of verdicts) {
    if (isEqual(v)) {
      lines.push(
        `ok        ${v.table}  ${v.sourceRows} rows${v.kept ? ` (and ${v.kept} deleted on the source, kept: apply.ignore_deletes)` : ''}`,
      )
      continue
    }
    if (v.targetMissing) lines.push(`DIFFERENT ${v.table}  source ${v.sourceRows} rows; ClickHouse has no such table`)
    else lines.push(`DIFFERENT ${v.table}  source ${v.sourceRows} rows, target ${v.targetRows} rows`)
    if (v.missing.length) lines.push(`  missing in the target: ${listed(v.missing, v.counts.missing)}`)
    if (v.extra.length) lines.push(`  only in the target: ${listed(v.extra, v.counts.extra)}`)
    if (v.different.length) lines.push(`  different values: ${listed(v.different, v.counts.different)}`)
    for (const r of v.ranges) lines.push(`  in key range ${r}`)
    if (v.counts.ranges > v.ranges.length) lines.push(`  … and ${v.counts.ranges - v.ranges.length} more key ranges`)
  }
  for (const n of notCompared) {
    lines.push(`NOT COMPARED ${n.name}  ${n.reason}`)
    if (n.fix) lines.push(`  fix: ${n.fix}`)
  }
  lines.push(summary(verdicts, notCompared))
  return lines.join('\n') + '\n'
}

/** The keys listed, and how many more there are past them. */
function listed(keys: readonly string[], total: number): string {
  return keys.join(', ') + (total > keys.length ? ` … and ${total - keys.length} more` : '')
}

function summary(verdicts: readonly TableVerdict[], notCompared: readonly NotCompared[]): string {
  const bad = verdicts.filter((v) => !isEqual(v)).length
  if (notCompared.length === 0) return bad ? `${bad} of ${verdicts.length} tables differ` : `all ${verdicts.length} tables equal`
  const equal = verdicts.length - bad
  const compared = `${count(equal, 'table')} equal${bad ? `, ${bad} differ${bad === 1 ? 's' : ''}` : ''}`
  const tables = notCompared.filter((n) => !n.name.startsWith('database ')).length
  const databases = notCompared.length - tables
  const parts = [
    tables ? count(tables, 'table') : '',
    databases ? `${count(databases, 'database')} with tables the account cannot see` : '',
  ].filter((p) => p !== '')
  return `${compared}; not compared: ${parts.join(' and ')} (verify cannot say those are equal)`
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/** One JSON array: each compared table's verdict with its status, then each table not compared. */
export function verifyJson(verdicts: readonly TableVerdict[], notCompared: readonly NotCompared[]): string {
  const entries = [
    ...verdicts.map((v) => ({ status: isEqual(v) ? 'equal' : 'different', ...v })),
    ...notCompared.map((n) => ({ status: 'not_compared', table: n.name, reason: n.reason, fix: n.fix })),
  ]
  return JSON.stringify(entries) + '\n'
}
