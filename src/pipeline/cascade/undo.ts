// Taking emulated child changes back: an XA ROLLBACK undoes the parent change, and with it what
// its referential actions did (the source rolls both back). Newest first, as new versions.

import type { RowChange } from '../../model/index.ts'

/** The changes that undo `changes` (in reverse order), each with the version `nextVersion` gives. */
export function undoCascade(changes: readonly RowChange[], nextVersion: () => bigint): RowChange[] {
  return changes.toReversed().map((c) => ({
    ...c,
    kind: c.kind === 'delete' ? 'insert' : c.kind === 'insert' ? 'delete' : 'update',
    before: c.after,
    after: c.before,
    version: nextVersion(),
  }))
}
