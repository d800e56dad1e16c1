// The initial copy's progress as a bar on a terminal: rows copied of the estimate, percent, rate.
// Redrawn in place; log lines clear it first (see src/log) and it comes back on the next tick.

import type { Stats } from '../health/stats.ts'

const WIDTH = 24

export function progressLine(copied: number, total: number, rate: number): string {
  const frac = total > 0 ? Math.min(1, copied / total) : 0
  const full = Math.round(frac * WIDTH)
  const bar = '█'.repeat(full) + '░'.repeat(WIDTH - full)
  const n = (x: number) => Math.round(x).toLocaleString('en-US')
  return `copy ${bar} ${String(Math.floor(frac * 100)).padStart(3)}%  ${n(copied)} / ${n(total)} rows  ${n(rate)} rows/s`
}

/** Draws the bar while the stage is "snapshot"; stop() ends the line. */
export function showProgress(stats: Stats, write: (text: string) => void, everyMs = 250): { stop(): void } {
  let last = { at: Date.now(), rows: stats.initRowsParsed }
  let rate = 0
  let drawn = false
  const timer = setInterval(() => {
    if (stats.stage !== 'snapshot') {
      if (drawn) write('\n')
      drawn = false
      return
    }
    const now = Date.now()
    const dt = (now - last.at) / 1000
    if (dt >= 1) {
      rate = (stats.initRowsParsed - last.rows) / dt
      last = { at: now, rows: stats.initRowsParsed }
    }
    write(`\r\x1b[K${progressLine(stats.initRowsParsed, Math.max(stats.initRowsTotal, stats.initRowsParsed), rate)}`)
    drawn = true
  }, everyMs)
  return {
    stop() {
      clearInterval(timer)
      if (drawn) write('\n')
    },
  }
}
