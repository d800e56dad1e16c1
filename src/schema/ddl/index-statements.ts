// CREATE [UNIQUE | FULLTEXT | SPATIAL] INDEX ... ON t, and DROP INDEX ... ON t.

import type { CreateIndexStatement, DropIndexStatement, IndexKind } from './ast.ts'
import { indexBody, indexOptions } from './key-definition.ts'
import { skipAlgorithmAndLock, skipLockWait } from './online-clauses.ts'
import type { TokenStream } from './token-stream.ts'

/** After CREATE [OR REPLACE] [ONLINE | OFFLINE] [UNIQUE | FULLTEXT | SPATIAL | VECTOR] INDEX. */
export function parseCreateIndex(ts: TokenStream, kind: IndexKind, orReplace: boolean): CreateIndexStatement {
  const ifNotExists = ts.acceptWords('IF', 'NOT', 'EXISTS')
  const name = ts.name('index name')
  // USING type may come before ON; indexBody reads it after ON when it comes there.
  let using: string | null = null
  if (ts.acceptWord('USING') || (ts.isWord('TYPE') && ts.isAnyWord(['BTREE', 'HASH', 'RTREE'], 1) && ts.acceptWord('TYPE'))) {
    using = ts.expectAnyWord(['BTREE', 'HASH', 'RTREE'], 'BTREE, HASH or RTREE')
  }
  ts.expectWord('ON')
  const table = ts.tableRef()
  const index = indexBody(ts, kind, null, name)
  index.using ??= using
  // MariaDB's WAIT n / NOWAIT, ALGORITHM= and LOCK= may sit among the index options.
  for (let before = -1; before !== ts.mark(); ) {
    before = ts.mark()
    skipLockWait(ts)
    skipAlgorithmAndLock(ts)
    indexOptions(ts, index)
  }
  ts.expectEnd()
  return { kind: 'create_index', table, index, ifNotExists, orReplace }
}

/** After DROP [ONLINE | OFFLINE] INDEX. */
export function parseDropIndex(ts: TokenStream): DropIndexStatement {
  const ifExists = ts.acceptWords('IF', 'EXISTS')
  const name = ts.name('index name')
  ts.expectWord('ON')
  const table = ts.tableRef()
  skipLockWait(ts)
  skipAlgorithmAndLock(ts)
  ts.expectEnd()
  return { kind: 'drop_index', table, name, ifExists }
}
