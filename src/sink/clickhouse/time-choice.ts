// A table keeps the TIME type it was made with: through DDL, restarts and copies again, and
// when the server gains Time64 or the configuration changes. Read from the table itself, the type
// of a column made from a TIME column; for a table without one, the server's choice for new tables.

import type { ClickHouseClient } from '@clickhouse/client'
import { ColumnType, type SourceTable } from '../../model/index.ts'
import type { TimeType } from '../../schema/types/index.ts'
import { TargetCatalog, type TargetTableState } from './catalog.ts'
import { OP_COLUMN, type TargetNaming, type TargetTable, targetTable } from './target-table.ts'

/**
 * The TIME type `here` holds a TIME column of `source` in, or null when it holds none. A column
 * whose type the configuration sets (target.columns) says nothing about the table's choice.
 */
export function timeTypeIn(
  here: Pick<TargetTableState, 'columns'> | null,
  source: SourceTable,
  naming: Pick<TargetNaming, 'override'>,
): TimeType | null {
  if (here === null) return null
  for (const col of source.columns) {
    if (col.type !== ColumnType.TIME && col.type !== ColumnType.TIME2) continue
    if (naming.override(source.database, source.table, col.name) !== undefined) continue
    const type = here.columns.get(col.name)?.type
    if (type === undefined) continue
    return /^(Nullable\()?Time64\(/.test(type) ? 'Time64' : 'String'
  }
  return null
}

/** `source`'s target as its copy in ClickHouse holds it (the TIME type it was made with): for reading it back. */
export async function existingTarget(client: ClickHouseClient, source: SourceTable, naming: TargetNaming): Promise<TargetTable> {
  const catalog = new TargetCatalog(
    async (query, params) => (await (await client.query({ query, query_params: params, format: 'JSONEachRow' })).json()) as never,
  )
  const here = await catalog.table({ database: naming.database(source.database), table: source.table })
  // A history table is read as one whatever the configuration says now (verify, rows read back).
  const history = here ? here.columns.get(OP_COLUMN)?.ours === true : undefined
  return targetTable(source, naming, timeTypeIn(here, source, naming) ?? naming.timeType, history)
}
