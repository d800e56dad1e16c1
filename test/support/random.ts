// The one seeded generator of the tests (mulberry32): a failing random case prints its seed, and the
// same seed replays the same case.

/** Returns a generator of floats in [0, 1) that depends only on `seed`. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
