// What check shows of the shape each replicated table takes in ClickHouse: the user's layout
// ([[target.layout]]) and the columns left out or masked; fatal where they cannot apply to the
// table (a sorting key outside its primary key, a key column left out or masked).

import { type ChsyncConfig, type TableLayout, layoutFor, tableFilter } from '../config/index.ts'
import { type SourceTable, tableName } from '../model/index.ts'
import { describeSourceTable } from '../schema/source/index.ts'
import { layoutProblem } from '../sink/clickhouse/layout.ts'
import { clickHouseNaming } from '../sink/create-sink.ts'
import { targetTable } from '../sink/clickhouse/target-table.ts'
import { columnShaping } from '../sink/shaping/index.ts'
import { type CheckResult, fatal, ok } from './result.ts'
import type { SourceSession } from './source-session.ts'

export async function checkTableShaping(
  config: ChsyncConfig,
  session: SourceSession,
  tables: readonly [string, string][],
): Promise<CheckResult[]> {
  const shaping = columnShaping(config)
  if (!shaping.active && config.target.layout.length === 0) return []
  const wanted = tableFilter(config)
  const out: CheckResult[] = []
  for (const [db, t] of tables) {
    const layout = layoutFor(config.target.layout, db, t)
    if (!wanted(db, t) || (layout === null && !shaping.active)) continue
    const shape = await describeSourceTable((sql, params) => session.query(sql, params as string[]), db, t).catch(() => null)
    if (shape === null) continue
    const source: SourceTable = { database: db, table: t, columns: shape.columns, primaryKey: shape.primaryKey }
    const name = tableName(db, t)
    const keyProblem = shaping.keyProblem(source)
    if (keyProblem)
      out.push(
        fatal(
          `table ${name}`,
          `${keyProblem}; the table would be set aside`,
          'narrow the pattern in replicate.exclude_columns or [replicate.mask]',
        ),
      )
    const columns = source.columns.flatMap((c) => {
      const treatment = shaping.treatment(db, t, c.name)
      return treatment === null ? [] : [`${c.name} ${treatment === 'out' ? 'left out' : `masked (${treatment})`}`]
    })
    if (columns.length && !keyProblem) out.push(ok(`table ${name}`, `columns: ${columns.join(', ')}`))
    if (layout === null || config.sink.kind !== 'clickhouse') continue
    const problem = layoutProblem(targetTable(shaping.table(source), clickHouseNaming(config)), layout)
    if (problem)
      out.push(
        fatal(
          `table ${name}`,
          `${problem}; the table would be set aside`,
          `change order_by / partition_by of the [[target.layout]] entry for "${layout.tables}"`,
        ),
      )
    else out.push(ok(`table ${name}`, `layout: ${describeLayout(layout)}`))
  }
  return out
}

function describeLayout(l: TableLayout): string {
  const parts = [
    l.mode === 'history' && 'history mode (every change a row, ordered by the key and _version)',
    l.partitionBy && `PARTITION BY ${l.partitionBy}`,
    l.orderBy && `ORDER BY ${l.orderBy}`,
    l.ttl && `TTL ${l.ttl}`,
    l.settings.size > 0 && `SETTINGS ${[...l.settings].map(([k, v]) => `${k} = ${v}`).join(', ')}`,
    ...l.indexes,
    ...[...l.codecs].map(([c, codec]) => `${c} CODEC(${codec})`),
  ]
  return parts.filter(Boolean).join('; ') + ' (applied when the table is created)'
}
