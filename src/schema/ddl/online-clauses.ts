// Clauses about how a DDL statement runs, never about what it changes: MariaDB's WAIT n /
// NOWAIT lock timeouts, and ALGORITHM= / LOCK= of CREATE INDEX and DROP INDEX.

import type { TokenStream } from './token-stream.ts'

/** WAIT n | NOWAIT (MariaDB), or nothing. */
export function skipLockWait(ts: TokenStream): void {
  if (ts.acceptWord('NOWAIT')) return
  if (ts.isWord('WAIT') && ts.peek(1).kind === 'number') {
    ts.next()
    ts.next()
  }
}

/** ALGORITHM [=] x and LOCK [=] x, any number, in any order (CREATE / DROP INDEX). */
export function skipAlgorithmAndLock(ts: TokenStream): void {
  while (ts.isAnyWord(['ALGORITHM', 'LOCK'])) {
    ts.next()
    ts.acceptEquals()
    ts.symbol('ALGORITHM or LOCK value')
  }
}
