// How lists and tables are spelled in one environment variable: "a, b" and "src=dst,src2=dst2".
// Commas inside parentheses or quotes do not split, so ClickHouse types such as
// "Decimal(18, 2)" or "Enum8('a,b' = 1)" survive as one value.

/** Items separated by top-level commas, trimmed; empty items dropped ("" is an empty list). */
export function splitList(text: string): string[] {
  const items: string[] = []
  let depth = 0
  let quote: string | null = null
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote !== null) {
      if (c === quote) quote = null
    } else if (c === "'" || c === '"') quote = c
    else if (c === '(') depth++
    else if (c === ')') depth = Math.max(0, depth - 1)
    else if (c === ',' && depth === 0) {
      items.push(text.slice(start, i))
      start = i + 1
    }
  }
  items.push(text.slice(start))
  return items.map((item) => item.trim()).filter((item) => item !== '')
}

/**
 * `key=value` items of a list, split at the first "=" and trimmed. A text starting with "{" is read
 * as a JSON object instead. Returns the entries, or the item (or JSON error) that does not fit.
 */
export function parsePairs(text: string): { ok: true; table: Record<string, unknown> } | { ok: false; bad: string } {
  if (text.trim().startsWith('{')) {
    const table = parseJsonObject(text)
    return table === null ? { ok: false, bad: 'JSON that is not an object' } : { ok: true, table }
  }
  const table: Record<string, unknown> = {}
  for (const item of splitList(text)) {
    const eq = item.indexOf('=')
    if (eq <= 0) return { ok: false, bad: `the item ${JSON.stringify(item)} with no "key=" before its value` }
    Object.defineProperty(table, item.slice(0, eq).trim(), {
      value: item.slice(eq + 1).trim(),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return { ok: true, table }
}

/** A JSON object, or null when the text is not one. */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text)
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}
