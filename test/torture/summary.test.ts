// The torture summary: a scenario that failed or never ended counts as a difference and is named,
// so "torture: N scenarios, 0 differences" cannot stand next to a failed test; and scenario()
// writes the start before the body runs and the failure when it throws.

import { afterEach, expect, test } from 'bun:test'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { summarize, summaryText } from './summary.ts'
import { type ReportLine, scenario } from './support/report.ts'

const SUMMARY = join(import.meta.dir, 'summary.ts')

const saved = process.env.CHSYNC_TORTURE_REPORT
let dir: string | null = null
afterEach(() => {
  if (saved === undefined) delete process.env.CHSYNC_TORTURE_REPORT
  else process.env.CHSYNC_TORTURE_REPORT = saved
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = null
})

test('a failed scenario and one that never ended are differences, each named', () => {
  const lines: ReportLine[] = [
    { event: 'start', id: 'a', scenario: 'clean' },
    { event: 'result', id: 'a', scenario: 'clean', written: 10, found: 10, differences: 0 },
    { event: 'end', id: 'a', scenario: 'clean', passed: true },
    { event: 'start', id: 'b', scenario: 'counted, then an assertion failed' },
    { event: 'result', id: 'b', scenario: 'counted, then an assertion failed', written: 5, found: 5, differences: 0 },
    { event: 'end', id: 'b', scenario: 'counted, then an assertion failed', passed: false, error: 'not equal after 120000 ms' },
    { event: 'start', id: 'c', scenario: 'timed out' },
  ]
  const s = summarize(lines)
  expect(s.map((x) => [x.scenario, x.outcome, x.differences])).toEqual([
    ['clean', 'passed', 0],
    ['counted, then an assertion failed', 'failed: not equal after 120000 ms', 1],
    ['timed out', 'did not finish', 1],
  ])
  const text = summaryText(s)
  expect(text).toEndWith('torture: 3 scenarios, 2 differences')
  expect(text).toContain('failed: counted, then an assertion failed — not equal after 120000 ms')
  expect(text).toContain('did not finish: timed out')
})

test('scenario() writes its start first and its failure when the body throws; the summary exits 1', async () => {
  dir = mkdtempSync(join(tmpdir(), 'chsync-summary-'))
  const file = join(dir, 'report.jsonl')
  process.env.CHSYNC_TORTURE_REPORT = file
  await scenario('fixture: passes', async (result) => result({ written: 3, found: 3, differences: 0 }))
  let seenStart = false
  const failing = scenario('fixture: throws after counting', async (result) => {
    seenStart =
      readFileSync(file, 'utf8').includes('{"event":"start"') &&
      readFileSync(file, 'utf8').includes('"scenario":"fixture: throws after counting"}')
    result({ written: 1, found: 1, differences: 0 })
    throw new Error('expected 0, got 1\nmore lines')
  })
  await expect(failing).rejects.toThrow('expected 0, got 1')
  expect(seenStart).toBe(true)
  const p = Bun.spawnSync(['bun', SUMMARY, file])
  const out = p.stdout.toString()
  expect(out).toContain('failed: fixture: throws after counting — expected 0, got 1')
  expect(out.trim().split('\n').at(-1)).toBe('torture: 2 scenarios, 1 differences')
  expect(p.exitCode).toBe(1)
})
