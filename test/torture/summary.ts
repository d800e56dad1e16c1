// Prints the torture report: one line per scenario (changes written, found in the target,
// differences) and the verdict line `torture: N scenarios, D differences`.
// Usage: bun test/torture/summary.ts REPORT.jsonl

import { existsSync, readFileSync } from 'node:fs'
import type { ScenarioResult } from './support/report.ts'

const file = process.argv[2]
const results: ScenarioResult[] =
  file && existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as ScenarioResult)
    : []
const width = Math.max(8, ...results.map((r) => r.scenario.length))
console.log(`${'scenario'.padEnd(width)}  ${'written'.padStart(10)}  ${'found'.padStart(10)}  differences`)
for (const r of results) {
  console.log(`${r.scenario.padEnd(width)}  ${String(r.written).padStart(10)}  ${String(r.found).padStart(10)}  ${r.differences}${r.note ? `  (${r.note})` : ''}`)
}
const differences = results.reduce((n, r) => n + r.differences, 0)
console.log(`torture: ${results.length} scenarios, ${differences} differences`)
process.exit(differences === 0 && results.length > 0 ? 0 : 1)
