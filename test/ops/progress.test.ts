// The copy's progress bar: percent, rows of the estimate and rate, drawn only while copying.

import { expect, test } from 'bun:test'
import { progressLine, showProgress } from '../../src/cli/progress.ts'
import { Stats } from '../../src/health/stats.ts'

test('the bar says how far the copy is', () => {
  expect(progressLine(0, 1000, 0)).toBe('copy ░░░░░░░░░░░░░░░░░░░░░░░░   0%  0 / 1,000 rows  0 rows/s')
  expect(progressLine(500, 1000, 1234.4)).toBe('copy ████████████░░░░░░░░░░░░  50%  500 / 1,000 rows  1,234 rows/s')
  expect(progressLine(1000, 1000, 0)).toContain('100%')
})

test('it is drawn while the stage is snapshot and ends its line after', async () => {
  const stats = new Stats()
  const out: string[] = []
  const p = showProgress(stats, (t) => out.push(t), 10)
  stats.stage = 'snapshot'
  stats.initRowsTotal = 200
  stats.initRowsParsed = 50
  await Bun.sleep(40)
  stats.stage = 'streaming'
  await Bun.sleep(30)
  p.stop()
  expect(out.some((t) => t.startsWith('\r\x1b[Kcopy') && t.includes(' 25%'))).toBe(true)
  expect(out.filter((t) => t === '\n').length).toBe(1)
})
