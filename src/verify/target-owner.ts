// Whether a ClickHouse table is chsync's, so that verify compares only what chsync made: a table
// chsync creates carries the comment "chsync <owner> <id>" (sink/clickhouse/ownership.ts), <owner>
// being the id of the state file of the chsync that made it. A user's table of the same name, or
// one another chsync made, says nothing about this chsync's copy.

import type { ClickHouseClient } from '@clickhouse/client'
import { readTableMark } from '../sink/clickhouse/ownership.ts'

export type TargetOwner =
  | { kind: 'missing' }
  | { kind: 'ours' }
  /** Not chsync's: why, in a sentence. */
  | { kind: 'foreign'; why: string }

/**
 * `owner`: this configuration's state file id, or null when there is no state file to ask (then
 * any chsync mark is taken as this chsync's, and the caller says so).
 */
export async function targetOwner(client: ClickHouseClient, database: string, table: string, owner: string | null): Promise<TargetOwner> {
  const r = await client.query({
    query: 'SELECT comment FROM system.tables WHERE database = {db:String} AND name = {t:String}',
    query_params: { db: database, t: table },
    format: 'JSONEachRow',
  })
  const rows = (await r.json()) as { comment: string }[]
  if (rows.length === 0) return { kind: 'missing' }
  const comment = rows[0]!.comment
  const mark = readTableMark(comment)
  if (mark === null)
    return {
      kind: 'foreign',
      why: `it is not chsync's: its comment ${JSON.stringify(comment)} is not chsync's mark (a table of the same name chsync did not create)`,
    }
  if (owner !== null && mark.owner !== owner)
    return { kind: 'foreign', why: `another chsync made it (state file id ${mark.owner}; this configuration's state file is ${owner})` }
  return { kind: 'ours' }
}
