// Whether a failure may pass by itself: the other side could not be reached or did not answer
// (refused, reset, timed out, name not resolved yet), or it said it is busy (TransientError).

/** Thrown where chsync knows the failure passes by itself (e.g. ClickHouse out of memory, busy). */
export class TransientError extends Error {
  readonly transient = true
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNABORTED',
])

/** True when `err`, or an error it was caused by, is a network failure or a TransientError. */
export function isTransient(err: unknown): boolean {
  for (
    let e = err as Record<string, unknown> | undefined, depth = 0;
    e && typeof e === 'object' && depth < 8;
    e = e.cause as typeof e, depth++
  ) {
    if (e.transient === true) return true
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true
    // fetch()'s own deadline (AbortSignal.timeout), as ClickHouse INSERTs are sent.
    if (e.name === 'TimeoutError') return true
    if (typeof e.message === 'string' && /socket hang up|timeout error|connection refused|unable to connect/i.test(e.message)) return true
  }
  return false
}
