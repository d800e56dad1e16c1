// After a run: the target, read with FINAL, holds what the source holds (row count and exact sums
// of an integer, a TINYINT and a DECIMAL column). The tests check value for value; this check makes
// sure a fast figure is not one of a wrong copy.

import type { Flavor } from '../../src/binlog/index.ts'
import { clickhouse, rows } from '../support/clickhouse.ts'
import { sourceSession } from '../support/servers.ts'
import { DATABASE, TABLE } from './workload.ts'

export async function checkEqual(flavor: Flavor): Promise<string> {
  const sql = await sourceSession(flavor)
  const [src] = await sql.query(
    `SELECT COUNT(*) AS n, CAST(COALESCE(SUM(account), 0) AS CHAR) AS a, CAST(COALESCE(SUM(flag), 0) AS CHAR) AS f, CAST(COALESCE(SUM(price * 100), 0) AS SIGNED) AS p FROM ${DATABASE}.${TABLE}`,
  )
  await sql.end()
  const s = (src as { n: string | number; a: string; f: string; p: string | number }[])[0]
  const ch = clickhouse()
  const [t] = await rows<{ n: string; a: string; f: string; p: string }>(
    ch,
    `SELECT count() AS n, toString(sum(account)) AS a, toString(sum(flag)) AS f, toString(toInt64(sum(price) * 100)) AS p FROM ${DATABASE}.${TABLE} FINAL`,
  )
  await ch.close()
  const want = `${s.n} rows, sums ${s.a} / ${s.f} / ${s.p}`
  const got = `${t.n} rows, sums ${t.a} / ${t.f} / ${t.p}`
  if (want !== got) throw new Error(`the target differs from the source: source ${want}, target ${got}`)
  return got
}
