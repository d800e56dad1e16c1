// The one way chsync tries a connection or a delivery again: growing waits between attempts, no
// attempt after a failure that cannot pass (isPermanent), and no waiting once the run is stopping.

import { isPermanent } from './permanent.ts'

/** The wait before the next attempt was cut short: the run is stopping. */
export class RetryStopped extends Error {
  constructor(what: string, options?: { cause?: unknown }) {
    super(`stopped while waiting to try ${what} again`, options)
  }
}

export interface RetryOptions {
  /** What is tried, for messages: "the source", "ClickHouse", "POST http://…". */
  what: string
  /** Aborted when the run stops: the wait ends at once and RetryStopped is thrown. */
  signal?: AbortSignal
  /** The first wait; each next one is twice as long, up to capMs. */
  firstDelayMs?: number
  capMs?: number
  /** The most attempts in all (Infinity: until it works, a permanent failure or a stop). */
  attempts?: number
  /** Whether a failure is worth another attempt; isPermanent decides first. */
  transient?: (err: unknown) => boolean
  /** Before each wait: for the log and the health output. */
  onRetry?: (err: Error, attempt: number, delayMs: number) => void
}

export async function retry<T>(fn: (attempt: number) => Promise<T>, o: RetryOptions): Promise<T> {
  let delay = o.firstDelayMs ?? 500
  const cap = o.capMs ?? 30_000
  const attempts = o.attempts ?? Number.POSITIVE_INFINITY
  for (let attempt = 1; ; attempt++) {
    if (o.signal?.aborted) throw new RetryStopped(o.what)
    try {
      return await fn(attempt)
    } catch (err) {
      if (isPermanent(err) || attempt >= attempts || (o.transient && !o.transient(err))) throw err
      if (o.signal?.aborted) throw new RetryStopped(o.what, { cause: err })
      o.onRetry?.(err as Error, attempt, delay)
      if (!(await pause(delay, o.signal))) throw new RetryStopped(o.what, { cause: err })
      delay = Math.min(delay * 2, cap)
    }
  }
}

/** Waits `ms`; resolves false at once when `signal` aborts (before or during the wait). */
export function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false)
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      resolve(ok)
    }
    const onAbort = () => done(false)
    const timer = setTimeout(() => done(true), ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
