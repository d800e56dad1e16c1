// The copy's progress on a terminal: the whole copy's bar with its rate and time left, one line
// per table being copied, drawn only while copying, and erased (not left half-drawn) after.

import { expect, test } from 'bun:test'
import { etaText, progressLine, showProgress, tableLine } from '../../src/cli/progress.ts'
import { Stats } from '../../src/health/stats.ts'

test('the bar says how far the copy is and how long it has left', () => {
  expect(progressLine(0, 1000, 0)).toBe('copy ░░░░░░░░░░░░░░░░░░░░░░░░   0%  0 / 1,000 rows  0 rows/s')
  expect(progressLine(500, 1000, 10.4)).toBe('copy ████████████░░░░░░░░░░░░  50%  500 / 1,000 rows  10 rows/s  49s left')
  expect(progressLine(1000, 1000, 50)).toBe('copy ████████████████████████ 100%  1,000 / 1,000 rows  50 rows/s')
})

test('time left: seconds, minutes, hours; unknown without a rate or past the estimate', () => {
  expect(etaText(100, 10)).toBe('10s')
  expect(etaText(3050, 10)).toBe('5m 05s')
  expect(etaText(7_380_000, 1000)).toBe('2h 03m')
  expect(etaText(100, 0)).toBeNull()
  expect(etaText(0, 10)).toBeNull()
  expect(etaText(-5, 10)).toBeNull()
})

test('a table line: its rows of its estimate, a copy past the estimate counted as its own total', () => {
  expect(tableLine('shop.orders', 250, 1000, 25)).toBe('  shop.orders  25%  250 / 1,000 rows  30s left')
  expect(tableLine('shop.items', 1200, 1000, 25)).toBe('  shop.items 100%  1,200 / 1,200 rows')
})

test('drawn while the stage is snapshot, a line per table being copied, erased after', async () => {
  const stats = new Stats()
  const out: string[] = []
  const p = showProgress(stats, (t) => out.push(t), 10)
  stats.stage = 'snapshot'
  stats.copyStarts('shop', 'orders', 100, 40)
  stats.copyStarts('crm', 'users', 200, 10)
  const [orders, users] = [...stats.copyProgress.values()]
  orders.running = users.running = true
  await Bun.sleep(100)
  orders.running = false
  await Bun.sleep(100)
  stats.stage = 'streaming'
  await Bun.sleep(60)
  p.stop()
  expect(out).toContain(
    '\r\x1b[J' +
      [
        'copy ████░░░░░░░░░░░░░░░░░░░░  16%  50 / 300 rows  0 rows/s',
        '  shop.orders  40%  40 / 100 rows',
        '  crm.users     5%  10 / 200 rows',
      ].join('\n') +
      '\x1b[2A\r',
  )
  expect(out).toContain(
    '\r\x1b[J' +
      ['copy ████░░░░░░░░░░░░░░░░░░░░  16%  50 / 300 rows  0 rows/s', '  crm.users   5%  10 / 200 rows'].join('\n') +
      '\x1b[1A\r',
  )
  // Erased once when the stage moved on, and nothing drawn after.
  expect(out.filter((t) => t === '\r\x1b[J')).toHaveLength(1)
  expect(out.at(-1)).toBe('\r\x1b[J')
})
