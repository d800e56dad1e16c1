// Where a table entered the schema history from the source's catalog (a table renamed into the
// replicated set, a config that now selects it): its copy holds everything the source had at
// that point, so the stream's events for it before that point are left out — applied again to a
// schema that already has them, they would undo what the copy holds.

import { type Flavor, MariadbGtidList, MysqlGtidSet } from '../binlog/index.ts'
import type { EntryPoint } from './schema-history.ts'

/** A transaction of the stream: its GTID (null without GTIDs) and where it begins. */
export interface TxPlace {
  gtid: string | null
  file: string
  offset: number
}

/** True when the transaction happened before the entry point (the table's copy covers it). */
export function beforeEntry(since: EntryPoint, tx: TxPlace, flavor: Flavor): boolean {
  if (since.gtid !== null && tx.gtid !== null)
    return flavor === 'mysql' ? mysqlContains(since.gtid, tx.gtid) : mariadbContains(since.gtid, tx.gtid)
  // Binlog file names of one server sort as their numbers do (fixed-width, zero-padded).
  return tx.file < since.file || (tx.file === since.file && tx.offset < since.offset)
}

const sets = new Map<string, MysqlGtidSet | MariadbGtidList>()

function parsed<T extends MysqlGtidSet | MariadbGtidList>(text: string, parse: (t: string) => T): T {
  let s = sets.get(text)
  if (!s) {
    if (sets.size > 64) sets.clear()
    sets.set(text, (s = parse(text)))
  }
  return s as T
}

/** "uuid:gno" or "uuid:tag:gno" in the set. */
function mysqlContains(setText: string, gtid: string): boolean {
  const parts = gtid.split(':')
  const gno = BigInt(parts[parts.length - 1])
  const tag = parts.length === 3 ? parts[1] : ''
  return parsed(setText, MysqlGtidSet.parse).contains({ uuid: parts[0], tag, gno })
}

/** "domain-server-seq" at or before the list's position in its domain. */
function mariadbContains(listText: string, gtid: string): boolean {
  const [domain, , seq] = gtid.split('-')
  const at = parsed(listText, MariadbGtidList.parse).positionOf(Number(domain))
  return at !== undefined && BigInt(seq) <= at.seqNo
}
