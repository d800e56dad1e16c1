// Kills chsync (-9) in the middle of its initial copy on any machine: at a point of the copy's
// committed progress (the state file), not at a time after the start, which a fast copy outruns.

import { Database } from 'bun:sqlite'
import { join } from 'node:path'
import type { FeedContext } from './feed-context.ts'

/** The copy's progress as the state file has it committed: rows copied, and tables still copying. */
export function copyProgress(c: FeedContext): { rows: number; copying: number } {
  try {
    const db = new Database(join(c.dir, 'state.db'), { readonly: true })
    try {
      const r = db
        .query<{ rows: number | null; copying: number | null }, []>(
          "SELECT SUM(rows_copied) AS rows, SUM(stage = 'snapshot') AS copying FROM tables",
        )
        .get()
      return { rows: r?.rows ?? 0, copying: r?.copying ?? 1 }
    } finally {
      db.close()
    }
  } catch {
    // No state file yet, or not its tables yet: the copy has not begun.
    return { rows: 0, copying: 1 }
  }
}

/**
 * Starts chsync and kills it: when it copies, once the committed copy has moved `advance` rows
 * further and up to 10 ms more (else at once). Says whether the kill found the copy unfinished (in
 * the state, which is the truth: "copy done" is logged again by each round of copies), and the
 * run's log lines.
 */
export async function killInCopy(
  c: FeedContext,
  advance: number,
  rand: () => number,
): Promise<{ copying: boolean; lines: Record<string, unknown>[] }> {
  const seen = c.logLines().length
  const target = copyProgress(c).rows + advance
  c.start()
  const first = await c.waitForLog((l) => l.msg === 'initial copy' || l.msg === 'streaming', seen, 60_000)
  if (first.msg === 'initial copy') {
    for (const until = Date.now() + 60_000; Date.now() < until; await Bun.sleep(2)) {
      const p = copyProgress(c)
      if (p.rows >= target || p.copying === 0) break
    }
    await Bun.sleep(rand() * 10)
  }
  await c.stop('SIGKILL')
  return { copying: copyProgress(c).copying > 0, lines: c.logLines().slice(seen) }
}
