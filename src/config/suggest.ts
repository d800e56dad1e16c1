// "did you mean ...?" for a misspelt key or env var: the closest known name within a small edit distance.

/**
 * The candidate nearest to `name`. Names share long prefixes ("CHSYNC_LOG_"), so the distance
 * allowed is measured on what follows the common prefix: 2, or a third of that part when more.
 */
export function closest(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const a = name.toLowerCase()
    const b = candidate.toLowerCase()
    const common = commonPrefixLength(a, b)
    const allowed = Math.max(2, Math.ceil((Math.max(a.length, b.length) - common) / 3))
    const d = editDistance(a, b)
    if (d <= allowed && d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return i
}

export function didYouMean(name: string, candidates: Iterable<string>, quote = '"'): string {
  const near = closest(name, candidates)
  return near === null ? '' : `; did you mean ${quote}${near}${quote}?`
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]!
}
