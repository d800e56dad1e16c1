// [[target.layout]]: the user's layout of the ClickHouse tables of a table glob — replacing or
// history mode, partitioning, sorting key, TTL, settings, skip indexes and column codecs. Checked
// here for shape only; whether a sorting key fits a table is known once its primary key is
// (sink/clickhouse/layout.ts).

import { compileTablePattern } from './glob.ts'
import { type Converted, describeValue, failure, isTable, kindOf, ok, type ValueType } from './value-type.ts'

export interface TableLayout {
  /** Which tables: a glob on "table", or on "db.table" when it has a dot (as replicate.tables). */
  tables: string
  partitionBy: string | null
  orderBy: string | null
  ttl: string | null
  /** Table settings, each value as ClickHouse SQL (numbers bare, text quoted). */
  settings: ReadonlyMap<string, string>
  /** Skip indexes as ClickHouse writes them: "INDEX name expr TYPE type GRANULARITY n". */
  indexes: readonly string[]
  /** Column name → codec, e.g. "ZSTD(3)" or "Delta, ZSTD". */
  codecs: ReadonlyMap<string, string>
  /** replacing: one row per key (the default); history: every change kept as its own row. */
  mode: TableMode
}

export type TableMode = 'replacing' | 'history'
const MODES: readonly TableMode[] = ['replacing', 'history']

const FIELDS = ['tables', 'mode', 'partition_by', 'order_by', 'ttl', 'settings', 'indexes', 'codecs']

export function tableLayouts(): ValueType<readonly TableLayout[]> {
  const check = (items: unknown[]): Converted<readonly TableLayout[]> => {
    const problems: string[] = []
    const layouts = items.map((item, i) => readLayout(item, `entry ${i + 1}`, problems))
    return problems.length ? failure(...problems) : ok(layouts.filter((l): l is TableLayout => l !== null))
  }
  return {
    label: 'list of tables',
    fromToml: (value) =>
      Array.isArray(value) ? check(value) : failure(`must be a list of tables ([[target.layout]]), got ${kindOf(value)}`),
    fromEnv: (text) => {
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        return failure(`must be a JSON list of objects, got ${describeValue(text)}`)
      }
      return Array.isArray(value) ? check(value) : failure(`must be a JSON list of objects, got ${kindOf(value)}`)
    },
  }
}

/** The first layout whose glob takes the table, or null. */
export function layoutFor(layouts: readonly TableLayout[], database: string, table: string): TableLayout | null {
  return layouts.find((l) => compileTablePattern(l.tables)(database, table)) ?? null
}

function readLayout(item: unknown, at: string, problems: string[]): TableLayout | null {
  if (!isTable(item)) {
    problems.push(`${at} must be a table, got ${kindOf(item)}`)
    return null
  }
  for (const key of Object.keys(item))
    if (!FIELDS.includes(key)) problems.push(`${at} has an unknown key "${key}" (known: ${FIELDS.join(', ')})`)
  const text = (key: string, required = false): string | null => {
    const v = item[key]
    if (v === undefined && !required) return null
    if (typeof v === 'string' && v.trim() !== '') return v.trim()
    problems.push(`${at} "${key}" must be a non-empty string, got ${v === undefined ? 'nothing' : kindOf(v)}`)
    return null
  }
  const tables = text('tables', true)
  const settings = new Map<string, string>()
  const s = item.settings ?? {}
  if (!isTable(s)) problems.push(`${at} "settings" must be a table, got ${kindOf(s)}`)
  else
    for (const [k, v] of Object.entries(s)) {
      if (!/^\w+$/.test(k)) problems.push(`${at} settings: "${k}" is not a setting name`)
      else if (typeof v === 'number' || typeof v === 'bigint') settings.set(k, String(v))
      else if (typeof v === 'boolean') settings.set(k, v ? '1' : '0')
      else if (typeof v === 'string') settings.set(k, `'${v.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`)
      else problems.push(`${at} settings: "${k}" must be a number, a boolean or a string, got ${kindOf(v)}`)
    }
  const ix = item.indexes ?? []
  const indexes =
    Array.isArray(ix) && ix.every((x) => typeof x === 'string' && /^INDEX\s+\S+\s+.+\s+TYPE\s+.+$/is.test(x.trim()))
      ? ix.map((x: string) => x.trim())
      : null
  if (indexes === null)
    problems.push(
      `${at} "indexes" must be a list of "INDEX name expression TYPE type [GRANULARITY n]", got ${Array.isArray(ix) ? 'another text' : kindOf(ix)}`,
    )
  const codecs = new Map<string, string>()
  const c = item.codecs ?? {}
  if (!isTable(c)) problems.push(`${at} "codecs" must be a table of column = "codec", got ${kindOf(c)}`)
  else
    for (const [k, v] of Object.entries(c)) {
      if (typeof v === 'string' && v.trim() !== '') codecs.set(k, v.trim())
      else problems.push(`${at} codecs: "${k}" must be a codec such as "ZSTD(3)", got ${kindOf(v)}`)
    }
  const mode = item.mode ?? 'replacing'
  if (!MODES.includes(mode as TableMode))
    problems.push(`${at} "mode" must be one of ${MODES.map((m) => `"${m}"`).join(', ')}, got ${describeValue(mode)}`)
  if (tables === null) return null
  return {
    tables,
    partitionBy: text('partition_by'),
    orderBy: text('order_by'),
    ttl: text('ttl'),
    settings,
    indexes: indexes ?? [],
    codecs,
    mode: mode as TableMode,
  }
}
