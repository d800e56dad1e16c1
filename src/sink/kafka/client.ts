// The Kafka client library, loaded when the Kafka sink starts rather than with chsync: its module
// reads a WebAssembly file at load time, so every other use of chsync stays independent of it.

export type KafkaClient = typeof import('@platformatic/kafka')

let loaded: Promise<KafkaClient> | null = null

export function kafkaClient(): Promise<KafkaClient> {
  loaded ??= import('@platformatic/kafka')
  return loaded
}
