// The `_version` column across a sink's tables: the highest one there (where a fresh counter
// starts, once a history table lost what a crashed run wrote past the commit), and the clean-up
// after a copy of the rows older than it.

import type { Logger } from '../../log/index.ts'
import type { SourceTable } from '../../model/index.ts'
import { closeMissingKeysSql } from './history.ts'
import type { ClickHouseServer } from './server.ts'
import type { TargetSchema } from './target-schema.ts'
import { type TargetNaming, type TargetTable, onCluster, qualified } from './target-table.ts'

/**
 * At start, before the replay: the highest `_version` in the copies of these tables (0 when
 * there are none). A history table holding versions above the committed counter (written by a
 * run that crashed before committing them) loses them, so the replay's rows are the only ones
 * whatever versions it numbers them with. One read of each table's versions: after a clean stop
 * nothing is above.
 */
export async function maxVersionIn(
  server: ClickHouseServer,
  schema: TargetSchema,
  opts: { naming: TargetNaming; log: Logger },
  tables: SourceTable[],
  committed: bigint,
): Promise<bigint> {
  let max = 0n
  for (const t of tables) {
    const at = t.targetId === undefined ? null : await schema.locate(t)
    if (!at) continue
    const [row] = await server.query<{ v: string }>(`SELECT max(_version) AS v FROM ${qualified(at)}`)
    const v = BigInt(row?.v ?? '0')
    if (v > committed && (await schema.isHistory(at))) {
      opts.log.info('removing history rows past the committed position (the replay writes them again)', {
        table: qualified(at),
        above_version: committed.toString(),
        up_to_version: v.toString(),
      })
      await server.command(`ALTER TABLE ${qualified(at)}${onCluster(opts.naming)} DELETE WHERE _version > ${committed}`, {
        mutations_sync: '2',
      })
      continue
    }
    if (v > max) max = v
  }
  return max
}

/**
 * After a table's copy at `version`: rows older than the copy (left by an earlier copy or by a
 * stream that lost its position) are removed, or closed with deletes in a history table (which
 * keeps every row). Rows the source no longer has stay when deletes are ignored.
 */
export async function closeOrDropOlderRows(
  server: ClickHouseServer,
  target: TargetTable,
  opts: { naming: TargetNaming; ignoreDeletes?: boolean },
  version: bigint,
): Promise<void> {
  if (target.history) return server.command(closeMissingKeysSql(target, version))
  if (opts.ignoreDeletes) return
  await server.command(`ALTER TABLE ${qualified(target)}${onCluster(opts.naming)} DELETE WHERE _version < ${version}`, {
    mutations_sync: '2',
  })
}
