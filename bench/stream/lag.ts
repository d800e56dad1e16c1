// (b) Lag under a steady load: paced writers write row changes at a fixed rate while chsync
// streams; every 100 ms the newest `created` time visible in ClickHouse is compared with the
// wall clock (both on this machine), from the moment the query's answer arrives: the end-to-end
// lag, from the source's NOW(6) at the write to the row being queryable, as an upper bound.

import type { Flavor } from '../../src/binlog/index.ts'
import { clickhouse, rows } from '../support/clickhouse.ts'
import { TxWriter } from './writer.ts'
import { DATABASE, TABLE, type TxShape } from './workload.ts'

export interface LagJob {
  flavor: Flavor
  /** Row changes per second to write. */
  rate: number
  seconds: number
  /** Seconds at the start not sampled (the writers and chsync settle). */
  warmupSeconds: number
  connections: number
  /** Ids of the rows written: connection c inserts from firstId + c * 10^9 on (default 10^9). */
  firstId?: number
}

export interface LagResult {
  /** Row changes written per second over the whole run. */
  achievedRate: number
  changes: number
  /** Transactions that started more than 100 ms after their slot (the writers could not keep the pace). */
  lateTransactions: number
  samples: number[]
  p50Ms: number
  p99Ms: number
  maxMs: number
  /** ClickHouse parts the inserts made per second while the load ran (each INSERT takes one block number). */
  partsPerSecond: number
}

const SHAPE: TxShape = { inserts: 80, updates: 15, deletes: 5 }

export async function measureLag(job: LagJob): Promise<LagResult> {
  const writers = await Promise.all(
    Array.from({ length: job.connections }, (_, c) => TxWriter.open(job.flavor, (job.firstId ?? 1_000_000_000) + c * 1_000_000_000)),
  )
  const ch = clickhouse()
  const blocksBefore = await lastBlock(ch)
  const perTx = SHAPE.inserts + SHAPE.updates + SHAPE.deletes
  const interval = (perTx / job.rate) * 1000
  const slots = Math.ceil((job.seconds * 1000) / interval)
  const began = performance.now()
  let next = 0
  let late = 0
  const write = async (w: TxWriter) => {
    for (let k = next++; k < slots; k = next++) {
      const due = began + k * interval
      const wait = due - performance.now()
      if (wait > 0) await Bun.sleep(wait)
      else if (wait < -100) late++
      await w.write(SHAPE, true)
    }
  }
  const samples: number[] = []
  let sampling = true
  const sample = async () => {
    const from = began + job.warmupSeconds * 1000
    while (sampling) {
      const t0 = performance.now()
      const [r] = await rows<{ t: string }>(ch, `SELECT toUnixTimestamp64Micro(max(created)) AS t FROM ${DATABASE}.${TABLE}`)
      const now = Date.now() * 1000
      if (performance.now() >= from) samples.push((now - Number(r.t)) / 1000)
      const rest = 100 - (performance.now() - t0)
      if (rest > 0) await Bun.sleep(rest)
    }
  }
  const sampler = sample()
  try {
    await Promise.all(writers.map(write))
  } finally {
    sampling = false
    await sampler
    await Promise.all(writers.map((w) => w.close()))
  }
  const seconds = (performance.now() - began) / 1000
  const partsPerSecond = ((await lastBlock(ch)) - blocksBefore) / seconds
  await ch.close()
  const changes = writers.reduce((n, w) => n + w.changes, 0)
  const sorted = [...samples].sort((a, b) => a - b)
  const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN)
  return {
    achievedRate: changes / seconds,
    changes,
    lateTransactions: late,
    samples,
    p50Ms: pct(50),
    p99Ms: pct(99),
    maxMs: sorted.at(-1) ?? NaN,
    partsPerSecond,
  }
}

/**
 * The table's newest block number: every INSERT takes the next one for the part it writes (the
 * table has one partition), so the difference counts the parts made even after merges removed them.
 */
async function lastBlock(ch: ReturnType<typeof clickhouse>): Promise<number> {
  const [r] = await rows<{ b: string }>(
    ch,
    `SELECT toString(max(max_block_number)) AS b FROM system.parts WHERE database = '${DATABASE}' AND table = '${TABLE}' AND active`,
  )
  return Number(r?.b ?? 0)
}
