// Value types of the list and table keys: glob lists, rename tables, column type tables, free tables.

import { parseJsonObject, parsePairs, splitList } from './env-syntax.ts'
import { type Converted, describeValue, describeWrongType, failure, isTable, kindOf, ok, type ValueType, wrongType } from './value-type.ts'

/** A list of glob patterns (strings); in env, comma-separated. `nonEmpty` refuses an empty list. */
export function patterns(opts: { nonEmpty?: boolean } = {}): ValueType<readonly string[]> {
  const expectation = 'a list of glob patterns (strings)'
  const check = (items: unknown[]): Converted<readonly string[]> => {
    const problems: string[] = []
    items.forEach((item, i) => {
      if (typeof item !== 'string' || item.trim() === '') {
        problems.push(`item ${i + 1} must be a non-empty pattern, got ${describeItem(item)}`)
      }
    })
    if (problems.length) return failure(...problems)
    if (opts.nonEmpty && items.length === 0) return failure('must name at least one pattern ("*" for all), got an empty list')
    return ok((items as string[]).map((item) => item.trim()))
  }
  return {
    label: 'list of globs',
    fromToml: (value) => (Array.isArray(value) ? check(value) : wrongType(expectation, value)),
    fromEnv: (value) => check(splitList(value)),
  }
}

/** An item that should be a string: shown plainly if it is one, with its type if not. */
function describeItem(value: unknown): string {
  return typeof value === 'string' ? describeValue(value) : describeWrongType(value)
}

/** A table of non-empty strings keyed by a name; in env `a=b,c=d` or a JSON object. */
export function stringTable(opts: {
  what: string
  checkKey?: (key: string) => string | null
  checkValue?: (value: string) => string | null
}): ValueType<ReadonlyMap<string, string>> {
  const expectation = `a table of ${opts.what}`
  const check = (table: Record<string, unknown>): Converted<ReadonlyMap<string, string>> => {
    const problems: string[] = []
    const map = new Map<string, string>()
    for (const [key, value] of Object.entries(table)) {
      const keyProblem = opts.checkKey?.(key) ?? null
      if (keyProblem !== null) problems.push(`entry ${JSON.stringify(key)} ${keyProblem}`)
      if (typeof value !== 'string' || value.trim() === '') {
        problems.push(`entry ${JSON.stringify(key)} must be a non-empty string, got ${describeItem(value)}`)
      } else {
        const valueProblem = opts.checkValue?.(value.trim()) ?? null
        if (valueProblem !== null) problems.push(`entry ${JSON.stringify(key)} ${valueProblem}`)
        else map.set(key, value.trim())
      }
    }
    return problems.length ? failure(...problems) : ok(map)
  }
  return {
    label: 'table of strings',
    fromToml: (value) => (isTable(value) ? check(value) : wrongType(expectation, value)),
    fromEnv: (value) => {
      const pairs = parsePairs(value)
      return pairs.ok ? check(pairs.table) : failure(`must be "key=value,key2=value2" or a JSON object, got ${pairs.bad}`)
    },
  }
}

/**
 * Column type overrides keyed "db.table.column". Written unquoted in TOML, such a key becomes
 * nested tables (db → table → column); both spellings are accepted and flattened.
 */
export function columnTypes(): ValueType<ReadonlyMap<string, string>> {
  return dotted(
    stringTable({
      what: 'ClickHouse types keyed by "db.table.column"',
      checkKey: (key) => {
        const parts = key.split('.')
        return parts.length === 3 && parts.every((p) => p !== '') ? null : 'must be named "db.table.column"'
      },
    }),
  )
}

/** One of `kinds` per column pattern: "db.table.column", "table.column" or "column", globs in each part. */
export function columnChoices(what: string, kinds: readonly string[]): ValueType<ReadonlyMap<string, string>> {
  return dotted(
    stringTable({
      what: `${what} keyed by "db.table.column" patterns`,
      checkKey: (key) => (key.split('.').some((p) => p === '') ? 'must be a "db.table.column", "table.column" or "column" pattern' : null),
      checkValue: (value) =>
        kinds.includes(value)
          ? null
          : `must be ${kinds
              .map((k) => `"${k}"`)
              .join(', ')
              .replace(/, ([^,]*)$/, ' or $1')}, got ${describeValue(value)}`,
    }),
  )
}

/** A table keyed by dotted names, accepted written as one quoted key or as nested tables. */
function dotted(table: ValueType<ReadonlyMap<string, string>>): ValueType<ReadonlyMap<string, string>> {
  return {
    label: table.label,
    fromToml: (value, ctx) => table.fromToml(isTable(value) ? flatten(value) : value, ctx),
    fromEnv: table.fromEnv,
  }
}

function flatten(table: Record<string, unknown>, prefix = '', into: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, value] of Object.entries(table)) {
    const name = prefix === '' ? key : `${prefix}.${key}`
    if (isTable(value)) flatten(value, name, into)
    else Object.defineProperty(into, name, { value, enumerable: true, writable: true, configurable: true })
  }
  return into
}

/** Any table, passed on untouched; in env a JSON object. Its text is never shown: it may hold a plugin's secrets. */
export function freeTable(): ValueType<Readonly<Record<string, unknown>>> {
  return {
    label: 'table',
    fromToml: (value) => (isTable(value) ? ok(value) : failure(`must be a table, got ${kindOf(value)}`)),
    fromEnv: (value) => {
      const table = parseJsonObject(value)
      return table === null ? failure('must be a JSON object (the text is not shown)') : ok(table)
    },
  }
}
