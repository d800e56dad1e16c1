// ClickHouse helpers for the encoder tests: a client on the test server, a fresh database,
// RowBinary inserts and JSONEachRow reads.

import { Readable } from 'node:stream'
import { type ClickHouseClient, createClient } from '@clickhouse/client'
import { ROW_BINARY_INSERT_SETTINGS } from '../../../../src/sink/clickhouse/encode/index.ts'
import { CLICKHOUSE_URL } from '../../../support/servers.ts'

export function clickhouse(): ClickHouseClient {
  return createClient({ url: CLICKHOUSE_URL, username: 'default', password: '' })
}

export async function run(client: ClickHouseClient, query: string): Promise<void> {
  await client.command({ query })
}

export async function freshClickHouseDatabase(client: ClickHouseClient, name: string): Promise<void> {
  await run(client, `DROP DATABASE IF EXISTS ${name}`)
  await run(client, `CREATE DATABASE ${name}`)
}

/** INSERT … FORMAT RowBinary with `body` as the request body. */
export async function insertRowBinary(client: ClickHouseClient, table: string, body: Uint8Array): Promise<void> {
  const res = await client.exec({
    query: `INSERT INTO ${table} FORMAT RowBinary`,
    values: Readable.from([Buffer.from(body)]),
    clickhouse_settings: ROW_BINARY_INSERT_SETTINGS,
  })
  for await (const _ of res.stream) {
    // drain the (empty) answer so the connection is released
  }
}

export const READ_SETTINGS = {
  output_format_json_quote_64bit_integers: 1,
  output_format_json_quote_decimals: 1,
  output_format_decimal_trailing_zeros: 1,
} as const

export async function selectRows(
  client: ClickHouseClient,
  query: string,
  settings: Record<string, number> = READ_SETTINGS,
): Promise<Record<string, unknown>[]> {
  const rs = await client.query({ query, format: 'JSONEachRow', clickhouse_settings: settings })
  return rs.json<Record<string, unknown>>()
}
