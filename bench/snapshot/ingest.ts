// Child process: ClickHouse's ingest speed for the bench rows in the fastest exact format. The
// RowBinary file (rowbinary.ts) is read into memory first; then a fresh ReplacingMergeTree table
// is created and the rows are inserted through @clickhouse/client in batches of `batchRows`,
// `concurrency` inserts at a time. Timed from the first insert to the last acknowledgement.

import { Readable } from 'node:stream'
import { ClickHouseLogLevel, createClient } from '@clickhouse/client'
import { readJob, reportResult } from '../support/child.ts'
import { INDEX_STEP } from './rowbinary.ts'

export interface IngestJob {
  url: string
  dataPath: string
  offsets: number[]
  rows: number
  /** Run before the timing starts: drop and create the target table. */
  prepare: string[]
  insertSql: string
  /** A multiple of INDEX_STEP. */
  batchRows: number
  concurrency: number
}

export interface IngestResult {
  rows: number
  bytes: number
  batches: number
  seconds: number
  /** CPU seconds of this process while inserting. */
  cpuSeconds: number
  /** Filled in by the parent: CPU seconds of every process involved. */
  cpu?: Record<string, number>
}

const job = readJob<IngestJob>()
const client = createClient({
  url: job.url,
  request_timeout: 600_000,
  compression: { request: false, response: false },
  clickhouse_settings: { async_insert: 0, wait_end_of_query: 1 },
  log: { level: ClickHouseLogLevel.ERROR },
})
const data = Buffer.from(await Bun.file(job.dataPath).arrayBuffer())
for (const query of job.prepare) await client.command({ query })

const step = job.batchRows / INDEX_STEP
const batches: Buffer[] = []
for (let k = 0; k < job.offsets.length - 1; k += step)
  batches.push(data.subarray(job.offsets[k], job.offsets[Math.min(k + step, job.offsets.length - 1)]))

const began = performance.now()
const cpuBefore = process.cpuUsage()
let next = 0
const worker = async () => {
  while (next < batches.length) {
    const body = batches[next++]
    const r = await client.exec({ query: job.insertSql, values: Readable.from([body]) })
    r.stream.destroy()
  }
}
await Promise.all(Array.from({ length: job.concurrency }, worker))
const seconds = (performance.now() - began) / 1000
const cpu = process.cpuUsage(cpuBefore)
await client.close()
reportResult({
  rows: job.rows,
  bytes: data.length,
  batches: batches.length,
  seconds,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
} satisfies IngestResult)
