// Sends a flush's messages as record batches encoded by chsync: the partition of each message
// from its key, one request per leader with one batch per partition, each batch numbered with
// the producer's sequence for that partition. The client library keeps the rest: metadata,
// InitProducerId, AddPartitionsToTxn, EndTxn and the connections.
//
// Sequences: the broker accepts a producer's batch for a partition only if its base sequence
// follows the last one it has (OUT_OF_ORDER_SEQUENCE_NUMBER otherwise). They start at 0 for a
// producer id and epoch and are never reused: after any failed request the sink drops this sender
// with its producer, and the new producer's InitProducerId starts a new epoch at 0.

import type { ClusterMetadata, Connection, Producer } from '@platformatic/kafka'
import { ByteWriter } from './byte-writer.ts'
import type { KafkaClient } from './client.ts'
import { murmur2 } from './murmur2.ts'
import type { MessageEntry, TakenMessages } from './pending-messages.ts'
import { sendProduceRequest, writeProduceRequest } from './produce-request.ts'
import { type BatchProducer, RecordBatchWriter } from './record-batch.ts'

const ACKS_ALL = -1
const SEQUENCE_WRAP = 2 ** 31

export interface RecordSenderOptions {
  client: KafkaClient
  producer: Producer
  transactionalId: string | null
  compression: 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd'
  timeoutMs: number
}

export class RecordSender {
  private readonly sequences = new Map<string, number>()
  private readonly batches: RecordBatchWriter
  private readonly client: KafkaClient
  private readonly producer: Producer

  constructor(private readonly o: RecordSenderOptions) {
    this.client = o.client
    this.producer = o.producer
    const codec = o.compression === 'none' ? null : o.client.compressionsAlgorithms[o.compression]
    this.batches = new RecordBatchWriter({
      crc32c: o.client.crc32c,
      compression: codec ? { bitmask: codec.bitmask, compress: (data) => codec.compressSync(data) } : null,
    })
  }

  /** Sets each entry's partition from its key and the topics' partition counts. */
  assignPartitions(meta: ClusterMetadata, taken: TakenMessages, entries: readonly MessageEntry[]): void {
    for (const e of entries) {
      const count = meta.topics.get(e.topic)?.partitionsCount ?? 1
      // The client library's default partitioner: murmur2 of the key as unsigned, modulo the count.
      e.partition = count === 1 ? 0 : (murmur2(taken.side, e.keyStart, e.keyEnd) >>> 0) % count
    }
  }

  /** Sends the entries (partitions assigned, in source order): one request per leader, at once. */
  async send(
    meta: ClusterMetadata,
    taken: TakenMessages,
    entries: readonly MessageEntry[],
    p: BatchProducer,
    txn: Buffer | null,
  ): Promise<void> {
    const byLeader = new Map<number, Map<string, Map<number, MessageEntry[]>>>()
    const bytes = new Map<number, number>()
    for (const e of entries) {
      const leader = meta.topics.get(e.topic)?.partitions[e.partition]?.leader ?? -1
      if (leader < 0) throw new Error(`no leader for partition ${e.partition} of topic ${e.topic}`)
      let topics = byLeader.get(leader)
      if (!topics) byLeader.set(leader, (topics = new Map()))
      let partitions = topics.get(e.topic)
      if (!partitions) topics.set(e.topic, (partitions = new Map()))
      let list = partitions.get(e.partition)
      if (!list) partitions.set(e.partition, (list = []))
      list.push(e)
      bytes.set(leader, (bytes.get(leader) ?? 0) + entrySize(e))
    }
    const requests: Promise<unknown>[] = []
    const now = BigInt(Date.now())
    for (const [leader, topics] of byLeader) {
      const w = new ByteWriter((bytes.get(leader) ?? 0) + 4096)
      writeProduceRequest(w, this.o.transactionalId, ACKS_ALL, this.o.timeoutMs, topics, (w, topic, partition, list) =>
        this.batches.write(w, taken, list, p, this.nextSequence(topic, partition, list.length), txn, now),
      )
      const payload = w.take()
      requests.push(this.connection(meta, leader).then((c) => sendProduceRequest(this.client, c, payload)))
    }
    await Promise.all(requests)
  }

  private nextSequence(topic: string, partition: number, records: number): number {
    const key = `${topic}:${partition}`
    const first = this.sequences.get(key) ?? 0
    this.sequences.set(key, (first + records) % SEQUENCE_WRAP)
    return first
  }

  private connection(meta: ClusterMetadata, leader: number): Promise<Connection> {
    const broker = meta.brokers.get(leader)
    if (!broker) return Promise.reject(new Error(`broker ${leader} is not in the cluster's metadata`))
    return this.producer.connections.get(broker)
  }
}

/** About the bytes of the entry's record on the wire (headers included). */
export function entrySize(e: MessageEntry): number {
  return (
    Math.max(e.end - e.start, 0) +
    (e.versionEnd - e.keyStart) +
    64 +
    (e.where.gtidBytes?.length ?? 0) +
    (e.where.positionBytes?.length ?? 0)
  )
}
