// The partition of a message: Kafka's default (murmur2 of the key, so that one key's changes keep
// one partition, the one any other producer would pick) for a topic of several partitions. A
// topic of one partition (what chsync creates by default) skips the hash, 4-6% of the CPU
// profile of bench-kafka (whose mock broker makes topics of several partitions).

import type { MessageToProduce, Partitioner } from '@platformatic/kafka'
import type { KafkaClient } from './client.ts'

export function keyPartitioner(client: KafkaClient): Partitioner<Buffer, Buffer, Buffer, Buffer> {
  return (message: MessageToProduce<Buffer, Buffer, Buffer, Buffer>, key, { metadata }) =>
    metadata?.topics.get(message.topic)?.partitionsCount === 1 ? 0 : client.defaultPartitioner(message, key)
}
