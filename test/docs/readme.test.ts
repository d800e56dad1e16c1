// README.md stays true: its configuration and type-mapping tables are what the code defines
// (regenerate with `bun docs/readme-tables.ts`), and it names the test command CI runs.

import { expect, test } from 'bun:test'
import { readFileSync } from 'node:fs'
import { withGeneratedSections } from '../../docs/readme-tables.ts'

const readme = readFileSync(`${import.meta.dir}/../../README.md`, 'utf8')

test('the generated README sections match the code', () => {
  expect(withGeneratedSections(readme)).toBe(readme)
})

test('README gives the two commands: run the main job, run the tests', () => {
  expect(readme).toContain('make run')
  expect(readme).toContain('make test')
})
