// Reads back chsync's position records from the position topic: each exactly-once transaction ends
// with one (key: the transactional id, value: the commit record, see state/commit-record.ts). The
// committed one with the highest seq is where the last acknowledged transaction ended.
//
// Read with plain Fetch requests in read_committed, from each partition's start (the topic is
// compacted: one record per transactional id stays) to its last stable offset. Records of aborted
// transactions are left out as a consumer must: a batch of a producer listed in the response's
// aborted transactions, from that transaction's first offset until the producer's abort marker.

import type { BaseOptions, Consumer, RecordsBatch } from '@platformatic/kafka'
import type { KafkaClient } from './client.ts'
import { type CommitRecord, decodeCommitRecord } from '../../state/index.ts'
import type { DdlMark } from './ddls-ahead.ts'
import type { CopyMarks } from './keyless-copies.ts'

/** A position record: the commit, the marks of unfinished keyless copies, the last binlog change version sent, the statements sent ahead of it. */
export interface PositionRecord {
  commit: CommitRecord
  copies?: CopyMarks
  lastVersion?: bigint
  ddlsAhead?: DdlMark[]
}

/** Record batch attributes: part of a transaction; a control batch (commit or abort marker). */
const TRANSACTIONAL = 0x10
const CONTROL = 0x20
/** Control record key: int16 version, int16 type (0 abort, 1 commit). */
const ABORT = 0

export async function lastPositionRecord(
  client: KafkaClient,
  options: BaseOptions,
  topic: string,
  transactionalId: string,
): Promise<PositionRecord | null> {
  const consumer = new client.Consumer({ ...options, groupId: `${transactionalId}.position-reader`, autocommit: false })
  try {
    const meta = await consumer.metadata({ topics: [topic] })
    const t = meta.topics.get(topic)
    if (!t) return null
    let best: PositionRecord | null = null
    for (let partition = 0; partition < t.partitionsCount; partition++) {
      for (const r of await readPartition(client, consumer, topic, t.id, partition, t.partitions[partition].leader)) {
        if (r.key?.toString() !== transactionalId || !r.value) continue
        const text = r.value.toString()
        const commit = decodeCommitRecord(text, `position topic ${topic} partition ${partition} offset ${r.offset}`)
        if (!best || commit.seq > best.commit.seq) {
          const more = JSON.parse(text) as { copies?: CopyMarks; lastVersion?: string; ddlsAhead?: DdlMark[] }
          best = {
            commit,
            copies: more.copies,
            lastVersion: /^\d{1,20}$/.test(more.lastVersion ?? '') ? BigInt(more.lastVersion!) : undefined,
            ddlsAhead: more.ddlsAhead,
          }
        }
      }
    }
    return best
  } finally {
    await consumer.close(true).catch(() => {})
  }
}

/** What this reader uses of a Fetch response's partition. */
interface FetchedPartition {
  partitionIndex: number
  errorCode: number
  lastStableOffset: bigint
  logStartOffset: bigint
  abortedTransactions: { producerId: bigint; firstOffset: bigint }[] | null
  records?: RecordsBatch[] | null
}

interface CommittedRecord {
  offset: bigint
  key: Buffer | null
  value: Buffer | null
}

async function readPartition(
  client: KafkaClient,
  consumer: Consumer,
  topic: string,
  topicId: string,
  partition: number,
  node: number,
): Promise<CommittedRecord[]> {
  const out: CommittedRecord[] = []
  const aborting = new Set<bigint>()
  for (let offset = 0n; ; ) {
    const response = await consumer.fetch({
      node,
      isolationLevel: client.FetchIsolationLevels.READ_COMMITTED,
      maxWaitTime: 0,
      topics: [
        {
          topicId,
          partitions: [{ partition, fetchOffset: offset, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, lastFetchedEpoch: -1 }],
        },
      ],
    })
    const p = response.responses[0]?.partitions.find((x) => x.partitionIndex === partition) as FetchedPartition | undefined
    if (!p) throw new Error(`no answer for ${topic} partition ${partition}`)
    // OFFSET_OUT_OF_RANGE: the start was compacted or deleted away; go on from the log start.
    if (p.errorCode === 1 && offset < p.logStartOffset) {
      offset = p.logStartOffset
      continue
    }
    if (p.errorCode !== 0) throw new Error(`reading ${topic} partition ${partition} failed with Kafka error ${p.errorCode}`)
    const batches = p.records ?? []
    const aborted = (p.abortedTransactions ?? []).slice().sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : 1))
    for (const batch of batches) {
      const last = batch.firstOffset + BigInt(batch.lastOffsetDelta)
      if (last < offset) continue
      while (aborted.length && aborted[0].firstOffset <= last) aborting.add(aborted.shift()!.producerId)
      if (batch.attributes & CONTROL) {
        if (isAbortMarker(batch)) aborting.delete(batch.producerId)
      } else if (!(batch.attributes & TRANSACTIONAL && aborting.has(batch.producerId))) {
        for (const r of batch.records) out.push({ offset: batch.firstOffset + BigInt(r.offsetDelta), key: r.key, value: r.value })
      }
      offset = last + 1n
    }
    if (batches.length === 0 || offset >= p.lastStableOffset) return out
  }
}

function isAbortMarker(batch: RecordsBatch): boolean {
  const key = batch.records[0]?.key
  return key !== null && key !== undefined && key.length >= 4 && key.readInt16BE(2) === ABORT
}
