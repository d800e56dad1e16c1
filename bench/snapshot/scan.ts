// Child process: the source's own full-scan speed. One streaming SELECT of the whole table, read
// the way chsync's copy reads (mysql2, text protocol, every value as the server's bytes), into
// nothing but a count of rows and bytes.

import mysql from 'mysql2'
import type { SourceOptions } from '../../src/binlog/index.ts'
import { readJob, reportResult } from '../support/child.ts'

export interface ScanJob {
  source: SourceOptions
  database: string
  table: string
}

export interface ScanResult {
  rows: number
  /** Bytes of the values as the server sent them (text protocol). */
  valueBytes: number
  seconds: number
  /** CPU seconds of this process while reading. */
  cpuSeconds: number
  /** Filled in by the parent: CPU seconds of every process involved. */
  cpu?: Record<string, number>
}

const job = readJob<ScanJob>()
const conn = mysql.createConnection({
  host: job.source.host,
  port: job.source.port,
  user: job.source.user,
  password: job.source.password ?? '',
  charset: 'utf8mb4_general_ci',
  rowsAsArray: true,
  typeCast: (field) => field.buffer(),
})
const began = performance.now()
const cpuBefore = process.cpuUsage()
const result = await new Promise<ScanResult>((resolve, reject) => {
  let rows = 0
  let valueBytes = 0
  const stream = conn.query(`SELECT * FROM \`${job.database}\`.\`${job.table}\``).stream({ highWaterMark: 256 })
  stream.on('data', (raw: (Buffer | null)[]) => {
    rows++
    for (let i = 0; i < raw.length; i++) valueBytes += raw[i]?.length ?? 0
  })
  stream.on('error', reject)
  stream.on('end', () =>
    resolve({ rows, valueBytes, seconds: (performance.now() - began) / 1000, cpuSeconds: cpuOf(process.cpuUsage(cpuBefore)) }),
  )
})
conn.destroy()
reportResult(result)

function cpuOf(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1e6
}
