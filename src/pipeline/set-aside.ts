// The tables set aside: the target refused their rows or DDL, or their copy failed. Their rows are
// skipped until they are copied again, which is tried after a wait that doubles with each failure
// in a row (a resync tries at once). Health names them until a copy brings them back.

import type { Stats } from '../health/stats.ts'
import type { Logger } from '../log/index.ts'
import { splitTableKey, tableName } from '../model/index.ts'

/** First wait before a set-aside table is tried again; it doubles with each failure in a row. */
const FIRST_WAIT_MS = 10_000
const LONGEST_WAIT_MS = 30 * 60_000

interface Entry {
  reason: string
  /** When it is tried again (Infinity: being tried). */
  retryAt: number
}

export class SetAsideTables {
  /** By tableKey: the tables whose rows are skipped now. */
  private readonly aside = new Map<string, Entry>()
  /** Times in a row each table was set aside (by tableKey), also while that is not committed yet. */
  private readonly failures = new Map<string, number>()

  constructor(
    private readonly stats: Stats,
    private readonly log: Logger,
  ) {}

  /** Its rows are skipped now. */
  has(key: string): boolean {
    return this.aside.has(key)
  }

  /** Sets a table aside; `committed` is its count of failures in the state file. Returns the new count. */
  add(key: string, reason: string, committed: number): number {
    const failures = Math.max(committed, this.failures.get(key) ?? 0) + 1
    this.failures.set(key, failures)
    const wait = Math.min(FIRST_WAIT_MS * 2 ** (failures - 1), LONGEST_WAIT_MS)
    this.aside.set(key, { reason, retryAt: Date.now() + wait })
    this.stats.tablesFailed.set(key, { reason, sinceMs: Date.now() })
    this.stats.countError('table_set_aside')
    this.log.error('table set aside: the target refused it; the other tables keep streaming', {
      table: tableName(...splitTableKey(key)),
      reason,
      failures,
      retry_in_seconds: Math.round(wait / 1000),
    })
    return failures
  }

  /** A table the state file has set aside: still aside, tried again after the first wait. */
  restore(key: string, reason: string | null, failures: number): void {
    const why = reason ?? 'set aside before the last start'
    this.failures.set(key, failures)
    this.aside.set(key, { reason: why, retryAt: Date.now() + FIRST_WAIT_MS })
    this.stats.tablesFailed.set(key, { reason: why, sinceMs: Date.now() })
  }

  /** The tables whose wait is over, marked as being tried. */
  due(now = Date.now()): string[] {
    const out: string[] = []
    for (const [key, e] of this.aside) {
      if (e.retryAt > now) continue
      e.retryAt = Number.POSITIVE_INFINITY
      out.push(key)
    }
    return out
  }

  /** Tried now (a resync asked for), whatever the wait. */
  tryNow(key: string): void {
    const e = this.aside.get(key)
    if (e) e.retryAt = Number.POSITIVE_INFINITY
  }

  failuresOf(key: string): number {
    return this.failures.get(key) ?? 0
  }

  /** Its copy is asked for: its rows are taken again from here (health names it until the copy is done). */
  takeRowsAgain(key: string): void {
    this.aside.delete(key)
  }

  /** Its copy is done: it is back. True when it had been set aside. */
  copied(key: string): boolean {
    this.failures.delete(key)
    return this.stats.tablesFailed.delete(key)
  }

  /** Dropped on the source. */
  forget(key: string): void {
    this.aside.delete(key)
    this.failures.delete(key)
    this.stats.tablesFailed.delete(key)
  }

  /** Renamed on the source: what is known of it follows. */
  move(from: string, to: string): void {
    const entry = this.aside.get(from)
    const failures = this.failures.get(from)
    const failed = this.stats.tablesFailed.get(from)
    this.forget(from)
    if (entry) this.aside.set(to, entry)
    if (failures !== undefined) this.failures.set(to, failures)
    if (failed) this.stats.tablesFailed.set(to, failed)
  }
}
