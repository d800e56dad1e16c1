// A redactor applied to the strings inside a value (a log line's message and fields, a health
// report), never to its numbers, keys or syntax: with a short password such as "1", a counter or
// the JSON around it must not turn into "***" (only a string holding those characters can).

/** `value` with `redact` applied to every string in it; an Error becomes its redacted message. */
export function redactStrings(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value)
  if (value instanceof Error) return redact(value.message)
  if (Array.isArray(value)) return value.map((v) => redactStrings(v, redact))
  if (value !== null && typeof value === 'object') {
    if (!isPlain(value)) return redactStrings(asJson(value), redact)
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = redactStrings(v, redact)
    return out
  }
  return value
}

/** A class instance, Date or Map as it would be written (its JSON), so no string in it escapes the redactor. */
function asJson(value: object): unknown {
  try {
    return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null')
  } catch {
    return String(value)
  }
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
