// chsync's initial copy of the bench table: `chsync run` with snapshot.mode = "initial_only", a
// fresh state file and an empty target each time, timed from its "initial copy" log line to its
// "copy done" line (the table's rows inserted, acknowledged and committed), peak RSS sampled.

import type { Flavor } from '../../src/binlog/index.ts'
import { ChsyncProcess } from '../support/chsync.ts'
import { cpuMeter, serverPids } from '../support/cpu.ts'

export interface CopyJob {
  flavor: Flavor
  database: string
  table: string
  parallelism?: number
  chunkRows?: number
  serverId: number
  timeoutMs: number
}

export interface CopyResult {
  rows: number
  /** From "initial copy" to "copy done". */
  seconds: number
  /** From the process start to its exit. */
  processSeconds: number
  peakRssMb: number
  /** CPU seconds during the copy: the source server, the ClickHouse engine, chsync. */
  cpu: Record<string, number>
}

export async function runCopy(job: CopyJob): Promise<CopyResult> {
  const snapshot = ['[snapshot]', 'mode = "initial_only"']
  if (job.parallelism) snapshot.push(`parallelism = ${job.parallelism}`)
  if (job.chunkRows) snapshot.push(`chunk_rows = ${job.chunkRows}`)
  const chsync = new ChsyncProcess({
    flavor: job.flavor,
    databases: [job.database],
    tables: [`${job.database}.${job.table}`],
    serverId: job.serverId,
    extra: snapshot.join('\n'),
  })
  try {
    chsync.start()
    const began = await chsync.waitFor('initial copy', 60_000)
    const servers = cpuMeter(serverPids(job.flavor))
    const chsyncCpuBefore = chsync.cpuSeconds
    const copied = await chsync.waitFor('table copied', job.timeoutMs)
    const done = await chsync.waitFor('copy done', 60_000)
    // chsync's own figure as of now, not of the last 50 ms sample.
    await chsync.sampleNow()
    const cpu = { ...servers(), chsync: chsync.cpuSeconds - chsyncCpuBefore }
    const code = await chsync.exited(60_000)
    if (code !== 0) throw new Error(`chsync exited with ${code}: ${chsync.tail()}`)
    return {
      rows: Number(copied.line.rows),
      seconds: (done.at - began.at) / 1000,
      processSeconds: (performance.now() - chsync.startedAt) / 1000,
      peakRssMb: chsync.peakRssMb,
      cpu,
    }
  } finally {
    chsync.close()
  }
}
