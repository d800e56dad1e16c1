// What a test starts (chsync runs, proxies, fake servers, receivers) is closed after it, last
// first, whether it passed or not. Call at the top of a test file: it registers that file's hook.

import { afterEach } from 'bun:test'
import type { ChildRun } from '../../support/child.ts'

export interface Cleanups {
  /** `thing` killed (a chsync run) or closed after the test; returned as given. */
  track<T extends { close(): Promise<void> } | ChildRun>(thing: T): T
  /** `fn` called after the test. */
  later(fn: () => Promise<void> | void): void
}

export function cleanupsAfterEach(): Cleanups {
  const cleanups: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })
  return {
    track(thing) {
      cleanups.push(() => ('kill' in thing ? thing.kill() : thing.close()))
      return thing
    },
    later(fn) {
      cleanups.push(fn)
    },
  }
}
