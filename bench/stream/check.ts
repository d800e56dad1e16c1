// After a run: the target, read with FINAL, holds what the source holds (row count and exact sums
// of an integer, a TINYINT and a DECIMAL column). The tests check value for value; this check makes
// sure a fast figure is not one of a wrong copy.

import type { Flavor } from '../../src/binlog/index.ts'
import { clickhouse, rows } from '../support/clickhouse.ts'
import { sourceSession } from '../support/servers.ts'
import { BIG_ROW_TABLE, DATABASE, TABLE } from './workload.ts'

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

/** The big rows: ids, lengths and SHA-256 of every value, the same on both sides. */
export async function checkBigRows(flavor: Flavor): Promise<string> {
  const sql = await sourceSession(flavor)
  const [src] = await sql.query(
    `SELECT CAST(GROUP_CONCAT(id, ':', LENGTH(payload), ':', SHA2(payload, 256) ORDER BY id) AS CHAR) AS v FROM ${DATABASE}.${BIG_ROW_TABLE}`,
  )
  await sql.end()
  const ch = clickhouse()
  const [t] = await rows<{ v: string }>(
    ch,
    `SELECT arrayStringConcat(groupArray(concat(toString(id), ':', toString(length(payload)), ':', lower(hex(SHA256(payload))))), ',') AS v
     FROM (SELECT id, payload FROM ${DATABASE}.${BIG_ROW_TABLE} FINAL ORDER BY id)`,
  )
  await ch.close()
  const want = (src as { v: string | null }[])[0].v ?? ''
  if (want !== t.v) throw new Error(`the big rows differ: source ${want}, target ${t.v}`)
  return `${want.split(',').length} big rows, lengths and SHA-256 equal`
}
