// Reads back chsync's position records from the position topic: each exactly-once transaction ends
// with one (key: the transactional id, value: the commit record, see state/commit-record.ts). The
// newest committed one for this producer is where the last acknowledged transaction ended.

import { Consumer, FetchIsolationLevels } from '@platformatic/kafka'
import type { BaseOptions } from '@platformatic/kafka'
import { type CommitRecord, decodeCommitRecord } from '../../state/index.ts'

/** Offsets read back at first; doubled while no record of ours is found there. */
const FIRST_WINDOW = 512n
/** A read ends once no record came for this long (transaction markers take offsets no record has). */
const IDLE_MS = 1500

export async function lastPositionRecord(options: BaseOptions, topic: string, transactionalId: string): Promise<CommitRecord | null> {
  const consumer = new Consumer({ ...options, groupId: `${transactionalId}.position-reader`, autocommit: false })
  try {
    const ends = (await consumer.listOffsets({ topics: [topic], isolationLevel: FetchIsolationLevels.READ_COMMITTED })).get(topic) ?? []
    const starts = (await consumer.listOffsets({ topics: [topic], timestamp: -2n })).get(topic) ?? []
    let best: CommitRecord | null = null
    for (let window = FIRST_WINDOW; ; window *= 2n) {
      const from = ends.map((end, p) => (end - window > (starts[p] ?? 0n) ? end - window : (starts[p] ?? 0n)))
      best = await readRange(consumer, topic, transactionalId, from, ends)
      if (best || from.every((f, p) => f <= (starts[p] ?? 0n))) return best
    }
  } finally {
    await consumer.close(true).catch(() => {})
  }
}

/** The record of ours with the highest seq between `from` and `ends` (per partition). */
async function readRange(consumer: Consumer, topic: string, transactionalId: string, from: bigint[], ends: bigint[]): Promise<CommitRecord | null> {
  const wanted = from.map((f, p) => ({ topic, partition: p, offset: f })).filter((o) => o.offset < ends[o.partition])
  if (wanted.length === 0) return null
  const stream = await consumer.consume({
    topics: [topic],
    mode: 'manual',
    offsets: wanted,
    isolationLevel: FetchIsolationLevels.READ_COMMITTED,
    maxWaitTime: 200,
  })
  let best: CommitRecord | null = null
  const left = new Set(wanted.map((o) => o.partition))
  await new Promise<void>((resolve, reject) => {
    let idle = setTimeout(resolve, IDLE_MS)
    stream.on('error', reject)
    stream.on('data', (m: { key: Buffer | null; value: Buffer | null; partition: number; offset: bigint }) => {
      clearTimeout(idle)
      idle = setTimeout(resolve, IDLE_MS)
      if (m.key?.toString() === transactionalId && m.value) {
        const r = decodeCommitRecord(m.value.toString(), `position topic ${topic} partition ${m.partition} offset ${m.offset}`)
        if (!best || r.seq > best.seq) best = r
      }
      if (m.offset + 1n >= ends[m.partition]) left.delete(m.partition)
      if (left.size === 0) {
        clearTimeout(idle)
        resolve()
      }
    })
  })
  await stream.close().catch(() => {})
  return best
}
