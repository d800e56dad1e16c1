// Writes the generated parts of README.md (configuration keys, type mapping, metrics) and of
// docs/operations.md (commands, options, exit codes) from the code that defines them:
// `bun docs/readme-tables.ts`. test/docs/readme.test.ts fails when they drift.

import { readFileSync, writeFileSync } from 'node:fs'
import { COMMANDS } from '../src/cli/commands.ts'
import { commandsMarkdown, exitCodesMarkdown, optionsMarkdown } from '../src/cli/reference.ts'
import { formatConfigKeys } from '../src/config/index.ts'
import { ERROR_KINDS, METRIC_FAMILIES, RENAMED_METRICS } from '../src/health/index.ts'
import { OVERRIDE_DOC, TYPE_MAPPING_DOC, type TypeMappingRow } from '../src/schema/types/index.ts'

export const README = `${import.meta.dir}/../README.md`
export const OPERATIONS = `${import.meta.dir}/operations.md`

function table(rows: readonly TypeMappingRow[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|')
  return [
    '| source | ClickHouse | notes |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| ${cell(r.source)} | ${cell(r.clickhouse)} | ${cell(r.notes)} |`),
  ].join('\n')
}

function metricsTable(): string {
  const rows = METRIC_FAMILIES.map(
    (f) => `| \`${f.name}\` | ${f.type} | ${f.labels.map((l) => `\`${l}\``).join(', ')} | ${f.help.replace(/\|/g, '\\|')} |`,
  )
  return ['| metric | type | labels | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n')
}

function renamedMetrics(): string {
  return ['| before | now |', '| --- | --- |', ...RENAMED_METRICS.map(([from, to]) => `| \`${from}\` | \`${to}\` |`)].join('\n')
}

export function generatedSections(): Record<string, string> {
  return {
    'config-keys': formatConfigKeys('markdown').trim(),
    'type-mapping': table(TYPE_MAPPING_DOC),
    'type-overrides': table(OVERRIDE_DOC),
    metrics: metricsTable(),
    'renamed-metrics': renamedMetrics(),
    'error-kinds': ERROR_KINDS.map((k) => `\`${k}\``).join(', ') + '.',
  }
}

export function operationsSections(): Record<string, string> {
  return {
    commands: commandsMarkdown(COMMANDS),
    options: optionsMarkdown(COMMANDS),
    'exit-codes': exitCodesMarkdown(),
  }
}

/** `text` with each `<!-- name -->…<!-- /name -->` section replaced by its generated content. */
export function withSections(text: string, sections: Record<string, string>, file: string): string {
  let out = text
  for (const [name, body] of Object.entries(sections)) {
    const re = new RegExp(`<!-- ${name} -->[\\s\\S]*?<!-- /${name} -->`)
    if (!re.test(out)) throw new Error(`${file} has no <!-- ${name} --> section`)
    out = out.replace(re, () => `<!-- ${name} -->\n${body}\n<!-- /${name} -->`)
  }
  return out
}

/** README text with its generated sections made anew. */
export function withGeneratedSections(text: string): string {
  return withSections(text, generatedSections(), 'README.md')
}

/** docs/operations.md text with its generated sections made anew. */
export function withOperationsSections(text: string): string {
  return withSections(text, operationsSections(), 'docs/operations.md')
}

if (import.meta.main) {
  writeFileSync(README, withGeneratedSections(readFileSync(README, 'utf8')))
  writeFileSync(OPERATIONS, withOperationsSections(readFileSync(OPERATIONS, 'utf8')))
  console.log('README.md and docs/operations.md updated')
}
