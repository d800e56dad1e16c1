// Where "everything written so far" ends, in a form chsync's committed position can be compared
// with. chsync commits a position when it flushes rows of replicated tables; transactions of other
// databases (other tests on the same server) that follow the last replicated one move the end of
// the binlog without a commit. So: the end is taken, then one more row is written to the
// replicated table; its flush commits a position at or after that end.

import type { Flavor } from '../../src/binlog/index.ts'
import { binlogEnd, sourceSession } from '../support/servers.ts'
import { DATABASE, TABLE } from './workload.ts'

let marks = 0

export async function endWithMark(flavor: Flavor): Promise<{ file: string; offset: number }> {
  const sql = await sourceSession(flavor, DATABASE)
  try {
    const end = await binlogEnd(sql, flavor)
    const id = 8_000_000_000_000_000_000n + BigInt(process.pid) * 1_000_000n + BigInt(++marks)
    await sql.query(`INSERT INTO ${TABLE} VALUES (${id}, 0, 'end mark', 0, '2000-01-01', 0, 0, NULL)`)
    return end
  } finally {
    await sql.end()
  }
}
