// The user's layout of a ClickHouse table ([[target.layout]]): whether it fits the table, and the
// clauses it adds to CREATE TABLE and to the columns chsync adds later. A ReplacingMergeTree keeps
// one row per sorting key (within a partition when merging): a sorting key or partition that names
// a column outside the source's primary key would keep an old row beside the new one when that
// column changes, and one that leaves a key column out would merge different rows.

import type { TableLayout } from '../../config/index.ts'
import type { TargetTable } from './target-table.ts'

/** Why the layout cannot serve the table, or null. */
export function layoutProblem(t: TargetTable, layout: TableLayout): string | null {
  const where = `[[target.layout]] for "${layout.tables}"`
  if (t.keyless && (layout.orderBy || layout.partitionBy))
    return `${where}: the table has no primary key (its rows are keyed by _key, a hash of the whole row), so order_by and partition_by cannot apply`
  const key = t.source.primaryKey.map((i) => t.columns[i].name)
  for (const [clause, expr] of [
    ['order_by', layout.orderBy],
    ['partition_by', layout.partitionBy],
  ] as const) {
    if (expr === null) continue
    const named = columnsIn(expr, t)
    const other = named.filter((n) => !key.includes(n))
    if (other.length)
      return `${where}: ${clause} "${expr}" names ${other.join(', ')}, not in the primary key (${key.join(', ')}): a row whose ${other[0]} changes would be kept twice`
    const missing = clause === 'order_by' ? key.filter((k) => !named.includes(k)) : []
    if (missing.length)
      return `${where}: order_by "${expr}" leaves out the primary key column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: different rows would merge into one`
  }
  return null
}

/** The column names an expression uses (identifiers that are not function names, outside string literals). */
function columnsIn(expr: string, t: TargetTable): string[] {
  const names = new Set(t.columns.map((c) => c.name))
  const found = new Set<string>()
  const text = expr.replace(/'(?:[^'\\]|\\.)*'/g, "''")
  for (const m of text.matchAll(/`((?:[^`\\]|\\.)+)`|"((?:[^"\\]|\\.)+)"|\b([A-Za-z_][A-Za-z0-9_]*)\b(?!\s*\()/g)) {
    const name = m[1] ?? m[2] ?? m[3]
    if (names.has(name)) found.add(name)
  }
  return [...found]
}

/** The sorting key as system.tables prints it (without outer parentheses). */
export function orderByOf(layout: TableLayout): string {
  return layout.orderBy!.replace(/^\((.*)\)$/s, '$1')
}

/** The table clauses after ENGINE, in ClickHouse's order. */
export function tableClauses(layout: TableLayout | null, orderBy: string): string {
  const out: string[] = []
  if (layout?.partitionBy) out.push(`PARTITION BY ${layout.partitionBy}`)
  out.push(`ORDER BY ${orderBy}`)
  if (layout?.ttl) out.push(`TTL ${layout.ttl}`)
  if (layout?.settings.size) out.push(`SETTINGS ${[...layout.settings].map(([k, v]) => `${k} = ${v}`).join(', ')}`)
  return out.join('\n')
}

/** ` CODEC(...)` for a column the layout gives one, else ''. */
export function codecOf(layout: TableLayout | null, column: string): string {
  const codec = layout?.codecs.get(column)
  return codec ? ` CODEC(${codec})` : ''
}
