// A bound on each step the client library takes for a flush (metadata, producer id, transaction
// requests, topic creation): the tries the configuration allows, each timeout_ms, with their pauses.
// The library's own bound is looser: its retries nest (an operation retried around a connection
// lookup that is retried in turn), and its idempotent producer reads a retry count under 2 as
// "retry forever", so without this a flush could wait for silent brokers until they answered.

import { retryPause } from './client-options.ts'

/** Milliseconds a step may take: every try waits timeout_ms for an answer, with the pauses between. */
export function stepBudgetMs(timeoutMs: number, retries: number): number {
  let ms = (retries + 1) * timeoutMs
  for (let attempt = 1; attempt <= retries; attempt++) ms += retryPause(attempt)
  return ms
}

/** The step's result, or an error once `ms` passed (the step is left to its client, whose close ends it). */
export async function withinBudget<T>(what: string, ms: number, step: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms (the tries of timeout_ms and retries)`)), ms)
  })
  try {
    return await Promise.race([step, late])
  } finally {
    clearTimeout(timer)
  }
}
