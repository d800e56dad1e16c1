// The ClickHouse sink as a contract harness, on the ClickHouse engine behind the test adapter
// (18123), read back with SELECT … FINAL. Its flush failure is a connection cut by a TCP relay in
// front of the server (retryable, then healed); a table's rows are refused by dropping its table
// behind the sink's back; a name is taken by a table chsync did not make. `wrap` puts a sink in
// front of it (the column shaping).

import { afterAll } from 'bun:test'
import { type Socket, connect, createServer } from 'node:net'
import { ClickHouseLogLevel, createClient } from '@clickhouse/client'
import { Stats } from '../../../src/health/stats.ts'
import { silentLogger } from '../../../src/log/index.ts'
import type { SourceTable } from '../../../src/model/index.ts'
import { ClickHouseSink } from '../../../src/sink/clickhouse/index.ts'
import { CLICKHOUSE_URL } from '../../support/servers.ts'
import type { Sink } from '../../../src/sink/sink.ts'
import type { SinkHarness } from './contract.ts'

const ch = createClient({ url: CLICKHOUSE_URL, username: 'default', password: '', log: { level: ClickHouseLogLevel.OFF } })
const created: string[] = []
afterAll(async () => {
  for (const db of created) await ch.command({ query: `DROP DATABASE IF EXISTS ${db}` })
  await ch.close()
})

/** A TCP relay to ClickHouse that can cut every connection and refuse new ones until healed. */
async function relay(): Promise<{ url: string; cut(): void; heal(): void; close(): void }> {
  const target = new URL(CLICKHOUSE_URL)
  const open = new Set<Socket>()
  let cut = false
  const server = createServer((client) => {
    if (cut) return client.destroy()
    const up = connect(Number(target.port), target.hostname)
    for (const s of [client, up]) {
      open.add(s)
      s.on('close', () => open.delete(s))
      s.on('error', () => {})
    }
    client.pipe(up).pipe(client)
    client.on('close', () => up.destroy())
    up.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      cut = true
      for (const s of open) s.destroy()
    },
    heal() {
      cut = false
    },
    close() {
      for (const s of open) s.destroy()
      server.close()
    },
  }
}

export function clickHouseHarness(name: string, wrap: (sink: ClickHouseSink) => Sink = (s) => s): SinkHarness {
  return {
    name,
    async open(tag) {
      const database = `i17b_${tag}`
      created.push(database)
      await ch.command({ query: `DROP DATABASE IF EXISTS ${database}` })
      const r = await relay()
      const inner = new ClickHouseSink({
        url: r.url,
        username: 'default',
        password: '',
        naming: { database: (db) => db, override: () => undefined, jsonType: 'String', timeType: 'Time64', cluster: null },
        timeType: 'auto',
        log: silentLogger,
        stats: new Stats(),
      })
      const sink = wrap(inner)
      await sink.start({ owner: `contract-${tag}` })
      return {
        sink,
        async read() {
          // The sink's tables (not someone else's, which takeName puts there).
          const tables = (await (
            await ch.query({
              query: `SELECT name FROM system.tables WHERE database = {db:String} AND engine LIKE '%ReplacingMergeTree'`,
              query_params: { db: database },
              format: 'JSONEachRow',
            })
          ).json()) as { name: string }[]
          const rows = new Map<string, Record<string, unknown>[]>()
          for (const { name } of tables) {
            const rs = await ch.query({
              query: `SELECT * EXCEPT (_version, _is_deleted) FROM ${database}.\`${name}\` FINAL WHERE _is_deleted = 0 ORDER BY id`,
              format: 'JSONEachRow',
            })
            rows.set(`${database}.${name}`, (await rs.json()) as Record<string, unknown>[])
          }
          return { rows }
        },
        fault: {
          expected: 'retryable',
          inject: async () => r.cut(),
          heal: async () => r.heal(),
        },
        async refuseRows(t: SourceTable) {
          await ch.command({ query: `DROP TABLE ${t.database}.\`${t.table}\`` })
        },
        async takeName(t: SourceTable) {
          await ch.command({ query: `CREATE DATABASE IF NOT EXISTS ${t.database}` })
          await ch.command({ query: `CREATE TABLE ${t.database}.\`${t.table}\` (x Int8) ENGINE = Memory` })
        },
        async close() {
          await sink.close()
          r.close()
        },
      }
    },
  }
}
