// The oracle of the replication tests: a source table and its ClickHouse copy (`SELECT … FINAL`)
// hold the same rows, value for value, under the type mapping — checked from the source server's
// own SELECT text and ClickHouse's own JSON, independently of chsync's encoders.

import type { ClickHouseClient } from '@clickhouse/client'
import type { SourceOptions } from '../../../src/binlog/index.ts'
import { mapColumn } from '../../../src/schema/types/index.ts'
import { describeSourceTable } from '../../../src/schema/source/index.ts'
import { actualValue, clickhouseExpression, expectedValue, sourceExpression } from '../../sink/encode/support/expected.ts'
import { selectRaw } from '../../binlog/support/server-text.ts'
import { READ_SETTINGS } from '../../sink/encode/support/clickhouse.ts'
import { type TestServer, flavorOf, sqlSession } from '../../support/servers.ts'

export interface TableDiff {
  table: string
  missing: string[]
  extra: string[]
  different: string[]
  sourceRows: number
  targetRows: number
}

const q = (n: string) => '`' + n.replace(/`/g, '``') + '`'

export async function compareTable(
  server: TestServer,
  ch: ClickHouseClient,
  db: string,
  table: string,
  on?: SourceOptions,
): Promise<TableDiff> {
  const targetDb = db
  const sql = await sqlSession(server, undefined, on)
  let shape: Awaited<ReturnType<typeof describeSourceTable>>
  try {
    shape = await describeSourceTable(async (text, params) => (await sql.query(text, params))[0] as Record<string, unknown>[], db, table)
  } finally {
    await sql.end()
  }
  const cols = shape.columns.map((c) => mapColumn(c, { jsonType: 'String' }))
  const key = shape.primaryKey.length ? shape.primaryKey : cols.map((_, i) => i)
  const source = await selectRaw(
    server,
    `SELECT ${shape.columns.map((c) => sourceExpression(c, flavorOf(server))).join(', ')} FROM ${q(db)}.${q(table)}`,
    on,
  )
  const expected = new Map<string, unknown[]>()
  for (const raw of source) {
    const values = raw.map((v, i) => expectedValue(v, cols[i]))
    const k = JSON.stringify(key.map((i) => values[i]))
    // Keyless tables: identical rows collapse into one in the target (documented).
    expected.set(k, values)
  }
  const rs = await ch.query({
    query: `SELECT ${cols.map(clickhouseExpression).join(', ')} FROM ${q(targetDb)}.${q(table)} FINAL`,
    format: 'JSONCompactEachRow',
    clickhouse_settings: READ_SETTINGS,
  })
  const target = (await rs.json()) as unknown[][]
  const actual = new Map<string, unknown[]>()
  for (const row of target) {
    const values = row.map((v, i) => actualValue(v, cols[i]))
    actual.set(JSON.stringify(key.map((i) => values[i])), values)
  }
  const diff: TableDiff = {
    table: `${db}.${table}`,
    missing: [],
    extra: [],
    different: [],
    sourceRows: expected.size,
    targetRows: target.length,
  }
  for (const [k, v] of expected) {
    const a = actual.get(k)
    if (!a) diff.missing.push(k)
    else if (JSON.stringify(a) !== JSON.stringify(v)) diff.different.push(`${k}: source ${JSON.stringify(v)} target ${JSON.stringify(a)}`)
  }
  for (const k of actual.keys()) if (!expected.has(k)) diff.extra.push(k)
  return diff
}

export function isEqual(d: TableDiff): boolean {
  return d.missing.length === 0 && d.extra.length === 0 && d.different.length === 0 && d.targetRows === d.sourceRows
}
