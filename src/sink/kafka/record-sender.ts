// Sends a flush's messages as record batches encoded by chsync: the partition of each message
// from its key, one request per leader with one batch per partition, each batch numbered with
// the producer's sequence for that partition. The client library keeps the rest: metadata,
// InitProducerId, AddPartitionsToTxn, EndTxn and the connections.
//
// Sequences: the broker accepts a producer's batch for a partition only if its base sequence
// follows the last one it has (OUT_OF_ORDER_SEQUENCE_NUMBER otherwise). They start at 0 for a
// producer id and epoch and are never reused: after any failed request the sink drops this sender
// with its producer, and the new producer's InitProducerId starts a new epoch at 0.

import type { KafkaSinkConfig } from '../../config/index.ts'
import type { ClusterMetadata, Connection, Producer } from '@platformatic/kafka'
import { ByteWriter } from './byte-writer.ts'
import type { KafkaClient } from './client.ts'
import { murmur2 } from './murmur2.ts'
import type { MessageEntry, TakenMessages } from './pending-messages.ts'
import { sendProduceRequest, writeProduceRequest } from './produce-request.ts'
import { type BatchProducer, batchCodec, RecordBatchWriter } from './record-batch.ts'

const ACKS_ALL = -1
const EMPTY = Buffer.alloc(0)
/** Chunks sent before the first is answered (Kafka's producers allow 5 requests in flight per connection with idempotence). */
const MAX_IN_FLIGHT = 5
const SEQUENCE_WRAP = 2 ** 31

export interface RecordSenderOptions {
  client: KafkaClient
  producer: Producer
  transactionalId: string | null
  compression: KafkaSinkConfig['compression']
  timeoutMs: number
  requestBytes: number
}

export class RecordSender {
  /** The next sequence per "topic:partition", for the producer id and epoch below. */
  private readonly sequences = new Map<string, number>()
  private producerId = -1n
  private producerEpoch = -1
  /**
   * Request buffers whose requests were answered, for the next ones: megabyte buffers allocated
   * per request made much of the sink's garbage. One of a failed request is not reused (it may
   * still be queued on its connection).
   */
  private readonly free: ByteWriter[] = []
  private readonly batches: RecordBatchWriter
  private readonly client: KafkaClient
  private readonly producer: Producer

  constructor(private readonly o: RecordSenderOptions) {
    this.client = o.client
    this.producer = o.producer
    this.batches = new RecordBatchWriter(batchCodec(o.client, o.compression))
  }

  /** Sets each entry's partition from its key and the topics' partition counts. */
  assignPartitions(meta: ClusterMetadata, taken: TakenMessages): void {
    for (const e of taken.entries) {
      const count = meta.topics.get(e.topic)?.partitionsCount ?? 1
      // The client library's default partitioner: murmur2 of the key as unsigned, modulo the count.
      e.partition = count === 1 ? 0 : (murmur2(taken.side, e.keyStart, e.keyEnd) >>> 0) % count
    }
  }

  /**
   * Sends the messages (partitions assigned, in source order) in requests of about request_bytes:
   * one request per leader for each chunk, up to MAX_IN_FLIGHT chunks awaiting their answers. A
   * connection serves its requests in order, so a partition's batches reach its leader in
   * sequence; a request that fails fails the send (and the later ones fail on the sequence).
   */
  async send(meta: ClusterMetadata, taken: TakenMessages, p: BatchProducer, txn: Buffer | null): Promise<void> {
    if (p.producerId !== this.producerId || p.producerEpoch !== this.producerEpoch) {
      // A new producer id or epoch numbers its batches from 0 again.
      this.sequences.clear()
      this.producerId = p.producerId
      this.producerEpoch = p.producerEpoch
    }
    const connections = new Map<number, Connection>()
    const inFlight = new Set<Promise<void>>()
    let failure: { error: unknown } | null = null
    for (const chunk of chunks(taken.entries, this.o.requestBytes)) {
      const byLeader = groupByLeader(meta, chunk)
      for (const leader of byLeader.keys()) if (!connections.has(leader)) connections.set(leader, await this.connection(meta, leader))
      while (inFlight.size >= MAX_IN_FLIGHT && !failure) await Promise.race(inFlight)
      if (failure) break
      const now = BigInt(Date.now())
      const requests: Promise<void>[] = []
      for (const [leader, { topics, bytes }] of byLeader) {
        const w = this.free.pop() ?? new ByteWriter(bytes + 4096)
        w.pos = 0
        w.room(bytes + 4096)
        writeProduceRequest(w, this.o.transactionalId, ACKS_ALL, this.o.timeoutMs, topics, (w, topic, partition, list) =>
          this.batches.write(w, taken, list, p, this.nextSequence(topic, partition, list.length), txn, now),
        )
        requests.push(sendProduceRequest(this.client, connections.get(leader)!, w.written()).then(() => void this.free.push(w)))
      }
      const sent: Promise<void> = Promise.all(requests).then(
        () => void inFlight.delete(sent),
        (error) => {
          failure ??= { error }
          inFlight.delete(sent)
        },
      )
      inFlight.add(sent)
    }
    await Promise.all(inFlight)
    if (failure) throw (failure as { error: unknown }).error
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
function entrySize(e: MessageEntry): number {
  return (
    Math.max(e.end - e.start, 0) +
    (e.versionEnd - e.keyStart) +
    64 +
    (e.where.gtidBytes?.length ?? 0) +
    (e.where.positionBytes?.length ?? 0)
  )
}

interface LeaderRequest {
  /** Topic, partition, its entries in order. */
  topics: Map<string, Map<number, MessageEntry[]>>
  bytes: number
}

/** The partitions the messages go to, as the client's Transaction.addPartitions takes them. */
export function partitionsOf(all: TakenMessages[]): { topic: string; partition: number; value: Buffer }[] {
  const seen = new Map<string, Set<number>>()
  const out: { topic: string; partition: number; value: Buffer }[] = []
  for (const taken of all)
    for (const { topic, partition } of taken.entries) {
      let partitions = seen.get(topic)
      if (!partitions) seen.set(topic, (partitions = new Set()))
      if (partitions.has(partition)) continue
      partitions.add(partition)
      out.push({ topic, partition, value: EMPTY })
    }
  return out
}

function groupByLeader(meta: ClusterMetadata, entries: readonly MessageEntry[]): Map<number, LeaderRequest> {
  const byLeader = new Map<number, LeaderRequest>()
  for (const e of entries) {
    const leader = meta.topics.get(e.topic)?.partitions[e.partition]?.leader ?? -1
    if (leader < 0) throw new Error(`no leader for partition ${e.partition} of topic ${e.topic}`)
    let request = byLeader.get(leader)
    if (!request) byLeader.set(leader, (request = { topics: new Map(), bytes: 0 }))
    let partitions = request.topics.get(e.topic)
    if (!partitions) request.topics.set(e.topic, (partitions = new Map()))
    let list = partitions.get(e.partition)
    if (!list) partitions.set(e.partition, (list = []))
    list.push(e)
    request.bytes += entrySize(e)
  }
  return byLeader
}

/** The entries in chunks of about `bytes`. */
function* chunks(all: MessageEntry[], bytes: number): Generator<MessageEntry[]> {
  let from = 0
  let size = 0
  for (let i = 0; i < all.length; i++) {
    const n = entrySize(all[i])
    if (i > from && size + n > bytes) {
      yield all.slice(from, i)
      from = i
      size = 0
    }
    size += n
  }
  if (from < all.length) yield from === 0 ? all : all.slice(from)
}
