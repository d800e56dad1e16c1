// Which written lines the committed position covers. A line is covered when a restart from the
// committed state would not produce it again:
// - a binlog row change: its version is at most the committed version counter (versions rise by
//   one per change and a replay hands out the same numbers);
// - a DDL line: a commit happened after it (the pipeline flushes before DDL, so the position
//   committed when the line was written is the one just before the statement);
// - a snapshot row: its table's committed copy progress counts it (rows are numbered from the
//   copy's start; a finished or superseded copy covers all of its rows). A keyless table's row
//   only once its copy finished: the committed count of a scan under way says how far it got, but
//   a restart scans from the first row again and produces every row anew;
// - what a restart found after the mark: see RunMeta 'tail'.
// The first uncovered run is where the recovery mark stays.

import { splitTableKey } from '../../model/index.ts'
import type { Checkpoint, TableState } from '../../state/index.ts'
import type { RunMeta, SegmentPoint, WrittenRun } from './output.ts'

/** What the tracker reads of the state store. */
export interface FeedState {
  readonly checkpoint: Checkpoint | null
  table(database: string, table: string): TableState | null
}

export class CommitTracker {
  private runs: WrittenRun[] = []
  private head = 0

  written(runs: WrittenRun[]): void {
    for (const r of runs) this.runs.push(r)
  }

  /** Lines of an earlier process, before everything written by this one. */
  restarted(run: WrittenRun): void {
    this.runs.unshift(run)
  }

  /** After a commit at `position`: drops what is covered; the mark is where the rest starts, else `end`. */
  advance(state: FeedState, position: string, end: SegmentPoint): SegmentPoint {
    const cp = state.checkpoint
    while (this.head < this.runs.length && covered(this.runs[this.head].meta, cp, position, state)) this.head++
    if (this.head > 1024 && this.head * 2 > this.runs.length) {
      this.runs = this.runs.slice(this.head)
      this.head = 0
    }
    return this.head < this.runs.length ? this.runs[this.head].start : end
  }

  /** Runs written and not yet covered. */
  get uncovered(): number {
    return this.runs.length - this.head
  }
}

function covered(meta: RunMeta, cp: Checkpoint | null, position: string, state: FeedState): boolean {
  switch (meta.cls) {
    case 'row':
      return cp !== null && meta.lastVersion <= cp.version
    case 'ddl':
      return meta.committedAt !== position
    case 'snapshot': {
      const t = state.table(meta.database, meta.table)
      const finished = !t || t.snapshotVersion !== meta.version || t.stage === 'streaming'
      return finished || (meta.lastOrdinal !== null && meta.lastOrdinal <= t.rowsCopied)
    }
    case 'tail': {
      for (const key of meta.copies) if (copyFinished(state, key)) meta.copies.delete(key)
      if (meta.copies.size > 0) return false
      return meta.binlog === 'none' || (typeof meta.binlog === 'bigint' && cp !== null && cp.version >= meta.binlog)
    }
  }
}

/** Whether the copy (a snapshotKey) is finished (or will never go on). */
export function copyFinished(state: FeedState, key: string): boolean {
  const at = key.lastIndexOf('@')
  const t = state.table(...splitTableKey(key.slice(0, at)))
  return !t || t.snapshotVersion !== BigInt(key.slice(at + 1)) || t.stage === 'streaming'
}
