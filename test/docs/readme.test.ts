// README.md and docs/operations.md stay true: the configuration and type-mapping tables, and the
// commands, options and exit codes, are what the code defines (regenerate with
// `bun docs/readme-tables.ts`), and README names the test command CI runs.

import { expect, test } from 'bun:test'
import { readFileSync } from 'node:fs'
import { OPERATIONS, README, withGeneratedSections, withOperationsSections } from '../../docs/readme-tables.ts'
import { COMMANDS } from '../../src/cli/commands.ts'
import { EXIT_CODE_MEANINGS, ExitCode } from '../../src/cli/exit-codes.ts'

const readme = readFileSync(README, 'utf8')
const operations = readFileSync(OPERATIONS, 'utf8')

test('the generated README sections match the code', () => {
  expect(withGeneratedSections(readme)).toBe(readme)
})

test('README gives the two commands: run the main job, run the tests', () => {
  expect(readme).toContain('make run')
  expect(readme).toContain('make test')
})

test('the commands, options and exit codes of docs/operations.md match the code', () => {
  expect(withOperationsSections(operations)).toBe(operations)
})

test('each command has an options list, and its --help names each option', () => {
  for (const c of COMMANDS) {
    expect(c.options, `chsync ${c.name} lists its options`).toBeDefined()
    for (const o of c.options ?? []) expect(c.usage, `chsync ${c.name} --help`).toContain(o.flag)
  }
})

test('every exit code has its meaning, once', () => {
  const codes = EXIT_CODE_MEANINGS.map(([code]) => code)
  expect([...codes].sort((a, b) => a - b)).toEqual(Object.values(ExitCode).sort((a, b) => a - b))
})
