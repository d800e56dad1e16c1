// A cheap first look before the oracle's full comparison (compare.ts). A table with a primary key
// holds one row per key on both sides once its copy is equal, so while its row count on the source
// and in ClickHouse (`count() … FINAL`) differ, comparing it value by value cannot succeed yet. The
// full comparison reads every column of every row, and in ClickHouse through the test engine's
// single session, where chsync's own inserts wait behind it: polled during a long catch-up, it
// slows the very catch-up it waits for. Counting reads only the key and version columns.

import type { ClickHouseClient } from '@clickhouse/client'
import type { SourceOptions } from '../../../src/binlog/index.ts'
import { type TestServer, sqlSession } from '../../support/servers.ts'

const q = (n: string) => '`' + n.replace(/`/g, '``') + '`'

/**
 * The first table of `db` with a primary key whose row counts differ ("t: source 10 rows, target 7"),
 * or null when they all agree or cannot be counted now (a table missing on one side: the full
 * comparison says what is wrong).
 */
export async function keyedCountsDiffer(server: TestServer, ch: ClickHouseClient, db: string, on?: SourceOptions): Promise<string | null> {
  const sql = await sqlSession(server, undefined, on)
  try {
    // A session of its own: the test's session may be inside a transaction whose rows are not the source's yet.
    const [keyed] = await sql.query(
      "SELECT TABLE_NAME AS t FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ? AND CONSTRAINT_TYPE = 'PRIMARY KEY' ORDER BY 1",
      [db],
    )
    for (const { t } of keyed as { t: string }[]) {
      const [[source]] = (await sql.query(`SELECT COUNT(*) AS n FROM ${q(db)}.${q(t)}`)) as unknown as [{ n: string | number }[]]
      const rs = await ch.query({ query: `SELECT count() AS n FROM ${q(db)}.${q(t)} FINAL`, format: 'JSONEachRow' })
      const [target] = (await rs.json()) as { n: string | number }[]
      if (Number(source!.n) !== Number(target!.n)) return `${db}.${t}: source ${source!.n} rows, target ${target!.n}`
    }
    return null
  } catch {
    return null
  } finally {
    await sql.end()
  }
}
