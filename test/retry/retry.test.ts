// The retry policy on its own: growing waits up to a cap, no second attempt after a failure that
// cannot pass, a bounded number of attempts when asked, and a stop that ends a long wait at once.

import { describe, expect, test } from 'bun:test'
import { ClickHouseError } from '@clickhouse/client'
import { PermanentError, RetryStopped, TransientError, isPermanent, isTransient, pause, retry } from '../../src/retry/index.ts'

/** A failure the way mysql2 reports one (the server's errno and code). */
function serverError(errno: number, code: string, message: string): Error {
  return Object.assign(new Error(message), { errno, code })
}

describe('retry', () => {
  test('waits twice as long after each failure, up to the cap, and returns what finally works', async () => {
    const waits: number[] = []
    const out = await retry(
      async (attempt) => {
        if (attempt < 6) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
        return `worked at ${attempt}`
      },
      { what: 'the source', firstDelayMs: 1, capMs: 5, onRetry: (_err, _attempt, delay) => waits.push(delay) },
    )
    expect(out).toBe('worked at 6')
    expect(waits).toEqual([1, 2, 4, 5, 5])
  })

  test('a refused account is tried once and thrown as it is', async () => {
    let calls = 0
    const refused = serverError(1045, 'ER_ACCESS_DENIED_ERROR', "Access denied for user 'repl'@'localhost' (using password: YES)")
    const err = await retry(
      async () => {
        calls++
        throw refused
      },
      { what: 'the source', firstDelayMs: 1 },
    ).catch((e: unknown) => e)
    expect(err).toBe(refused)
    expect(calls).toBe(1)
  })

  test('stops after `attempts`, and at once when `transient` says no', async () => {
    let calls = 0
    const fail = async () => {
      calls++
      throw new Error(`failure ${calls}`)
    }
    expect(((await retry(fail, { what: 'x', attempts: 3, firstDelayMs: 1 }).catch((e: unknown) => e)) as Error).message).toBe('failure 3')
    calls = 0
    expect(((await retry(fail, { what: 'x', firstDelayMs: 1, transient: () => false }).catch((e: unknown) => e)) as Error).message).toBe(
      'failure 1',
    )
  })

  test('a stop ends an hour-long wait at once, with RetryStopped carrying the last failure', async () => {
    const stop = new AbortController()
    let calls = 0
    const waiting = retry(
      async () => {
        calls++
        throw new Error('connect ECONNREFUSED')
      },
      { what: 'ClickHouse', signal: stop.signal, firstDelayMs: 3_600_000, onRetry: () => queueMicrotask(() => stop.abort()) },
    ).catch((e: unknown) => e)
    const err = (await waiting) as RetryStopped
    expect(err).toBeInstanceOf(RetryStopped)
    expect(err.message).toBe('stopped while waiting to try ClickHouse again')
    expect((err.cause as Error).message).toBe('connect ECONNREFUSED')
    expect(calls).toBe(1)
    // Once stopped, nothing is tried any more.
    expect(await retry(async () => 'never', { what: 'ClickHouse', signal: stop.signal }).catch((e: unknown) => e)).toBeInstanceOf(
      RetryStopped,
    )
  })

  test('pause: true when the wait ran out, false when stopped before or during it', async () => {
    expect(await pause(1)).toBe(true)
    const stop = new AbortController()
    const long = pause(3_600_000, stop.signal)
    stop.abort()
    expect(await long).toBe(false)
    expect(await pause(3_600_000, stop.signal)).toBe(false)
  })
})

describe('isPermanent', () => {
  test('the source refusing the account or a privilege, also as the cause of a wrapping error', () => {
    expect(isPermanent(serverError(1045, 'ER_ACCESS_DENIED_ERROR', 'Access denied'))).toBe(true)
    expect(isPermanent(serverError(1227, 'ER_SPECIFIC_ACCESS_DENIED_ERROR', 'you need the REPLICATION SLAVE privilege'))).toBe(true)
    expect(
      isPermanent(new Error('cannot connect to repl@127.0.0.1:3306', { cause: serverError(4151, 'ER_ACCOUNT_HAS_BEEN_LOCKED', 'locked') })),
    ).toBe(true)
    expect(isPermanent(new PermanentError('not ClickHouse'))).toBe(true)
  })

  test('ClickHouse refusing the user, by exception type or code', () => {
    expect(
      isPermanent(new ClickHouseError({ message: 'stranger: Authentication failed', code: '516', type: 'AUTHENTICATION_FAILED' })),
    ).toBe(true)
    expect(isPermanent(new ClickHouseError({ message: 'Not enough privileges', code: '497', type: 'ACCESS_DENIED' }))).toBe(true)
  })

  test('what may pass: refused or cut connections, a server shutting down, ClickHouse busy', () => {
    expect(isPermanent(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', errno: -111 }))).toBe(false)
    expect(isPermanent(serverError(1053, 'ER_SERVER_SHUTDOWN', 'Server shutdown in progress'))).toBe(false)
    expect(isPermanent(serverError(1040, 'ER_CON_COUNT_ERROR', 'Too many connections'))).toBe(false)
    expect(
      isPermanent(new ClickHouseError({ message: 'Too many simultaneous queries', code: '202', type: 'TOO_MANY_SIMULTANEOUS_QUERIES' })),
    ).toBe(false)
    expect(isPermanent(null)).toBe(false)
  })
})

describe('isTransient', () => {
  test('network failures, also as a cause, and what chsync marks as passing', async () => {
    expect(
      isTransient(
        new Error('ClickHouse at http://127.0.0.1:1 does not answer', {
          cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
        }),
      ),
    ).toBe(true)
    expect(isTransient(new Error('socket hang up'))).toBe(true)
    // fetch() past its AbortSignal.timeout (a ClickHouse INSERT's deadline).
    const late = await fetch('http://127.0.0.1:9/', { signal: AbortSignal.timeout(0) }).catch((e: unknown) => e)
    expect(isTransient(late)).toBe(true)
    expect(isTransient(new TransientError('ClickHouse: Too many simultaneous queries'))).toBe(true)
  })

  test('an answer is not: a plugin that cannot load, a file that cannot be written, a refusal', () => {
    expect(isTransient(new Error('cannot load the plugin /nonexistent/plugin.ts: Cannot find module'))).toBe(false)
    expect(isTransient(Object.assign(new Error("EACCES: permission denied, open '/feed.ndjson'"), { code: 'EACCES' }))).toBe(false)
    expect(isTransient(serverError(1045, 'ER_ACCESS_DENIED_ERROR', 'Access denied'))).toBe(false)
  })
})
