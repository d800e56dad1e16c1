// Public face of the Kafka sink: the change feed as Kafka messages, exactly once with transactions.

export { KafkaSink, type KafkaSinkOptions } from './sink.ts'
