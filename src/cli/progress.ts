// The copy's progress on a terminal: a line for the whole copy (rows of the estimate, percent,
// rate, time left) and one per table being copied. Redrawn in place with the cursor parked on the
// block's first line, so a log line (which starts by clearing to the end of the screen, see
// src/log) replaces the whole block, and the next tick draws it again below that line.

import type { Stats } from '../health/stats.ts'

const WIDTH = 24

function bar(frac: number): string {
  const full = Math.round(frac * WIDTH)
  return '█'.repeat(full) + '░'.repeat(WIDTH - full)
}

const n = (x: number) => Math.round(x).toLocaleString('en-US')

/** "12s", "4m 05s", "2h 03m"; null when it cannot be known (no rate yet, or past the estimate). */
export function etaText(remainingRows: number, rate: number): string | null {
  if (rate <= 0 || remainingRows <= 0) return null
  const s = Math.ceil(remainingRows / rate)
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

export function progressLine(copied: number, total: number, rate: number): string {
  const frac = total > 0 ? Math.min(1, copied / total) : 0
  const eta = etaText(total - copied, rate)
  return `copy ${bar(frac)} ${String(Math.floor(frac * 100)).padStart(3)}%  ${n(copied)} / ${n(total)} rows  ${n(rate)} rows/s${eta ? `  ${eta} left` : ''}`
}

/** One table's line: its own percent of its estimate and time left at its own rate. */
export function tableLine(name: string, copied: number, estimate: number, rate: number): string {
  const total = Math.max(estimate, copied)
  const frac = total > 0 ? Math.min(1, copied / total) : 0
  const eta = etaText(total - copied, rate)
  return `  ${name} ${String(Math.floor(frac * 100)).padStart(3)}%  ${n(copied)} / ${n(total)} rows${eta ? `  ${eta} left` : ''}`
}

/** Rows per second of a growing count, measured over at least a second. */
class Rate {
  private at = Date.now()
  value = 0
  constructor(private rows: number) {}
  update(rows: number, now: number): number {
    const dt = (now - this.at) / 1000
    if (dt >= 1) {
      this.value = Math.max(0, rows - this.rows) / dt
      this.at = now
      this.rows = rows
    }
    return this.value
  }
}

/** Draws the block while the stage is "snapshot"; stop() erases it. */
export function showProgress(stats: Stats, write: (text: string) => void, everyMs = 250): { stop(): void } {
  const total = new Rate(stats.initRowsParsed)
  const tables = new Map<string, Rate>()
  let drawn = false
  const erase = () => {
    if (drawn) write('\r\x1b[J')
    drawn = false
  }
  const timer = setInterval(() => {
    if (stats.stage !== 'snapshot') return erase()
    const now = Date.now()
    const lines = [
      progressLine(stats.initRowsParsed, Math.max(stats.initRowsTotal, stats.initRowsParsed), total.update(stats.initRowsParsed, now)),
    ]
    const running = [...stats.copyProgress].filter(([, t]) => t.running)
    for (const key of tables.keys()) if (!running.some(([k]) => k === key)) tables.delete(key)
    const width = Math.max(0, ...running.map(([, t]) => t.name.length))
    for (const [key, t] of running) {
      let rate = tables.get(key)
      if (!rate) tables.set(key, (rate = new Rate(t.copied)))
      lines.push(tableLine(t.name.padEnd(width), t.copied, t.expected, rate.update(t.copied, now)))
    }
    // Back to the block's first line: the next draw, or a log line, starts there.
    write(`\r\x1b[J${lines.join('\n')}${lines.length > 1 ? `\x1b[${lines.length - 1}A` : ''}\r`)
    drawn = true
  }, everyMs)
  return {
    stop() {
      clearInterval(timer)
      erase()
    },
  }
}
