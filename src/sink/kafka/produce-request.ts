// A Produce request (API key 0, version 3) written by chsync around record batches it encoded
// itself, and sent on the client library's connection to the partitions' leader: the library
// frames it (size, header, correlation id) and parses the answer, and does not re-encode the
// messages. Version 3 is the first with transactions and magic-2 batches; Kafka 4 still serves it
// (KIP-896 removed only versions 0-2).
//
//   transactional_id NULLABLE_STRING | acks INT16 | timeout_ms INT32 |
//   [topic_data] INT32 count: name STRING, [partition_data] INT32 count: index INT32, records
//   (INT32 length, then the record batches)

import type { Connection } from '@platformatic/kafka'
import type { ByteWriter } from './byte-writer.ts'
import type { KafkaClient } from './client.ts'

const PRODUCE = 0
const VERSION = 3

/**
 * Writes the request's fields and, for each partition, its records through `batch` (which writes
 * them at the writer's end): the whole request in one buffer.
 */
export function writeProduceRequest<T>(
  w: ByteWriter,
  transactionalId: string | null,
  acks: number,
  timeoutMs: number,
  topics: Map<string, Map<number, T>>,
  batch: (w: ByteWriter, topic: string, partition: number, records: T) => void,
): void {
  w.string(transactionalId)
  w.int16(acks)
  w.int32(timeoutMs)
  w.int32(topics.size)
  for (const [topic, partitions] of topics) {
    w.string(topic)
    w.int32(partitions.size)
    for (const [partition, records] of partitions) {
      w.int32(partition)
      const lengthAt = w.pos
      w.int32(0)
      batch(w, topic, partition, records)
      w.buf.writeInt32BE(w.pos - lengthAt - 4, lengthAt)
    }
  }
}

/** Sends the request's bytes; resolves with the answer, rejects with the first partition's error (the library's ResponseError). */
export function sendProduceRequest(client: KafkaClient, connection: Connection, payload: Buffer): Promise<unknown> {
  return new Promise((resolve, reject) => {
    connection.send(
      PRODUCE,
      VERSION,
      () => client.Writer.create().append(payload),
      client.produceV3.parseResponse,
      false,
      false,
      (err, answer) => (err ? reject(err) : resolve(answer)),
    )
  })
}
