// A ClickHouse client for the benchmarks' own queries (checks, clean-up), on the test engine.

import { type ClickHouseClient, ClickHouseLogLevel, createClient } from '@clickhouse/client'
import { CLICKHOUSE_URL } from './servers.ts'

export function clickhouse(): ClickHouseClient {
  return createClient({ url: CLICKHOUSE_URL, request_timeout: 600_000, log: { level: ClickHouseLogLevel.OFF } })
}

export async function rows<T>(ch: ClickHouseClient, query: string): Promise<T[]> {
  const rs = await ch.query({ query, format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 1 } })
  return (await rs.json()) as T[]
}

/** Drops a database and waits until it is gone (no merges of its tables keep running). */
export async function dropDatabase(ch: ClickHouseClient, database: string): Promise<void> {
  await ch.command({ query: `DROP DATABASE IF EXISTS \`${database}\` SYNC` })
}
