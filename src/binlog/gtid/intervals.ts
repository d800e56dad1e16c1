// Sets of GTID sequence numbers (gno) as sorted, disjoint, non-adjacent half-open intervals
// [start, end), the shape the server keeps them in and writes them on the wire.

/** Smallest gno. */
export const MIN_GNO = 1n
/** One past the largest gno: the server's GNO_END, INT64_MAX. The largest gno is 2^63 - 2. */
export const GNO_END = (1n << 63n) - 1n
export const MAX_GNO = GNO_END - 1n

/** Half-open interval [start, end) of gnos; start < end. */
export type Span = readonly [start: bigint, end: bigint]

/** Sorts and merges overlapping or touching intervals; drops empty ones. */
export function normalizeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter(([s, e]) => s < e).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const out: [bigint, bigint][] = []
  for (const [s, e] of sorted) {
    const last = out[out.length - 1]
    if (last !== undefined && s <= last[1]) {
      if (e > last[1]) last[1] = e
    } else {
      out.push([s, e])
    }
  }
  return out
}

export function unionSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  if (b.length === 0) return [...a]
  if (a.length === 0) return [...b]
  return normalizeSpans([...a, ...b])
}

/** a minus b; both normalized. */
export function subtractSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = []
  let j = 0
  for (const [start, end] of a) {
    let s = start
    while (j < b.length && b[j][1] <= s) j++
    let k = j
    while (s < end && k < b.length && b[k][0] < end) {
      const [bs, be] = b[k]
      if (bs > s) out.push([s, bs])
      if (be > s) s = be
      k++
    }
    if (s < end) out.push([s, end])
  }
  return out
}

/** Whether every gno of a is in b; both normalized. */
export function spansSubset(a: readonly Span[], b: readonly Span[]): boolean {
  let j = 0
  for (const [s, e] of a) {
    while (j < b.length && b[j][1] <= s) j++
    if (j === b.length || b[j][0] > s || b[j][1] < e) return false
  }
  return true
}

export function spansContain(spans: readonly Span[], gno: bigint): boolean {
  let lo = 0
  let hi = spans.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const [s, e] = spans[mid]
    if (gno < s) hi = mid - 1
    else if (gno >= e) lo = mid + 1
    else return true
  }
  return false
}

export function spansCount(spans: readonly Span[]): bigint {
  let n = 0n
  for (const [s, e] of spans) n += e - s
  return n
}

export function spansEqual(a: readonly Span[], b: readonly Span[]): boolean {
  return a.length === b.length && a.every(([s, e], i) => s === b[i][0] && e === b[i][1])
}
