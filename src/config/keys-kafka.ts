// The [sink.kafka] keys: the brokers, topic names, delivery guarantees and security of the Kafka sink.

import { brokerList } from './broker-list.ts'
import { key } from './key-spec.ts'
import { filePath } from './paths.ts'
import { boolean, integer, oneOf, text } from './scalars.ts'
import { size } from './size.ts'

export const KAFKA = {
  brokers: key(
    'sink.kafka.brokers',
    brokerList(),
    [],
    'Bootstrap brokers, "host:port"; required when sink.kind = "kafka". In env: comma-separated.',
  ),
  topic: key(
    'sink.kafka.topic',
    text(),
    '{prefix}.{database}.{table}',
    "Topic of a table's changes: a template with {prefix}, {database} and {table}, or one fixed name for all tables.",
  ),
  topicPrefix: key('sink.kafka.topic_prefix', text(), 'chsync', 'What {prefix} stands for in the topic templates.'),
  ddlTopic: key(
    'sink.kafka.ddl_topic',
    text(),
    '{prefix}.schema_changes',
    'Topic of the DDL events (kind "ddl"); {prefix} and {database} allowed.',
  ),
  positionTopic: key(
    'sink.kafka.position_topic',
    text(),
    '{prefix}.positions',
    "With exactly_once: the topic of chsync's position records, one per transaction (keyed by transactional_id; compact it).",
  ),
  clientId: key('sink.kafka.client_id', text(), 'chsync', 'The client id the brokers see.'),
  acks: key(
    'sink.kafka.acks',
    oneOf(['all', 'leader', 'none']),
    'all',
    'Acknowledgement asked of the brokers; exactly_once and the idempotent producer need "all".',
  ),
  compression: key(
    'sink.kafka.compression',
    oneOf(['none', 'gzip', 'snappy', 'lz4', 'zstd']),
    'none',
    'Compression of the record batches.',
  ),
  requestBytes: key(
    'sink.kafka.request_bytes',
    size(1024),
    '1MiB',
    "Messages are sent in requests of about this size (keep it under the brokers' message.max.bytes).",
  ),
  exactlyOnce: key(
    'sink.kafka.exactly_once',
    boolean(),
    true,
    'Each flush is one Kafka transaction with its position record: read_committed consumers see every change once. false: at-least-once with the idempotent producer.',
  ),
  transactionalId: key(
    'sink.kafka.transactional_id',
    text(),
    '',
    "The producer's transactional.id; derived from source.server_id and state.path when empty. Two chsync must never share one.",
  ),
  includeBefore: key('sink.kafka.include_before', boolean(), false, 'Include the row before the change in update events.'),
  tombstones: key(
    'sink.kafka.tombstones',
    boolean(),
    false,
    'After a delete event, also send a tombstone (same key, null value) for compacted topics.',
  ),
  createTopics: key('sink.kafka.create_topics', boolean(), true, 'Create missing topics; false: a missing topic is an error naming it.'),
  partitions: key('sink.kafka.partitions', integer(1, 100_000), 1, 'Partitions of the topics chsync creates.'),
  replicationFactor: key('sink.kafka.replication_factor', integer(1, 32), 1, 'Replication factor of the topics chsync creates.'),
  retries: key(
    'sink.kafka.retries',
    integer(0, 100),
    5,
    'Tries of a failed metadata, producer id or transaction request (with growing pauses) before the flush fails; a failed produce request fails the flush at once. The flush itself is tried again later.',
  ),
  timeoutMs: key('sink.kafka.timeout_ms', integer(100, 600_000), 30000, 'Time a broker has to answer a request.'),
  tls: key('sink.kafka.tls', boolean(), false, 'Connect to the brokers with TLS.'),
  tlsCaFile: key(
    'sink.kafka.tls_ca_file',
    filePath({ optional: true }),
    '',
    'PEM file of the CA to verify the brokers with; the system CAs when empty.',
  ),
  tlsCertFile: key(
    'sink.kafka.tls_cert_file',
    filePath({ optional: true }),
    '',
    'PEM client certificate, for brokers that ask for one (with tls_key_file).',
  ),
  tlsKeyFile: key('sink.kafka.tls_key_file', filePath({ optional: true }), '', 'PEM key of tls_cert_file.'),
  saslMechanism: key(
    'sink.kafka.sasl',
    oneOf(['none', 'PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']),
    'none',
    'SASL authentication with the brokers.',
  ),
  user: key('sink.kafka.user', text(), '', 'SASL user name (with sasl).'),
  passwordFile: key(
    'sink.kafka.password_file',
    filePath({ optional: true }),
    '',
    'A file holding the SASL password. CHSYNC_SINK_KAFKA_PASSWORD wins over it.',
  ),
} as const
