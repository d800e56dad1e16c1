// The configuration as JSON for logs and the health endpoint, with the file's key names and no
// secrets: passwords become "set"/"none", the plugin's options show their keys only.

import { endpointText } from './endpoint.ts'
import type { ListenAddress } from './listen-address.ts'
import type { ChsyncConfig, KafkaSinkConfig } from './types.ts'

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

export function configSummary(config: ChsyncConfig): { [key: string]: JsonValue } {
  const { source, target, sink } = config
  const password = (p: string) => (p === '' ? 'none' : 'set')
  const output = sink.ndjson.output
  return {
    file: config.file,
    source: {
      url: endpointText(source.url),
      password: password(source.url.password),
      snapshot_url: source.snapshotUrl === null ? null : endpointText(source.snapshotUrl),
      server_id: source.serverId,
      server_id_derived: source.serverIdDerived,
      heartbeat_seconds: source.heartbeatSeconds,
      tls: source.tls,
      tls_ca_file: source.tlsCaFile,
      tls_cert_file: source.tlsCertFile,
      tls_key_file: source.tlsKeyFile,
      connect_timeout_seconds: source.connectTimeoutSeconds,
    },
    target: {
      url: endpointText(target.url),
      password: password(target.url.password),
      database_prefix: target.databasePrefix,
      cluster: target.cluster,
      tls_ca_file: target.tlsCaFile,
      json_type: target.jsonType,
      time_type: target.timeType,
      databases: Object.fromEntries(target.databases),
      columns: Object.fromEntries(target.columns),
      layout: target.layout.map((l) => ({
        ...l,
        settings: Object.fromEntries(l.settings),
        indexes: [...l.indexes],
        codecs: Object.fromEntries(l.codecs),
      })),
    },
    replicate: {
      databases: [...config.replicate.databases],
      tables: [...config.replicate.tables],
      exclude_tables: [...config.replicate.excludeTables],
      exclude_columns: [...config.replicate.excludeColumns],
      mask: Object.fromEntries(config.replicate.mask),
      mask_salt: password(config.maskSalt),
    },
    snapshot: {
      mode: config.snapshot.mode,
      parallelism: config.snapshot.parallelism,
      chunk_rows: config.snapshot.chunkRows,
      on_position_lost: config.snapshot.onPositionLost,
    },
    apply: {
      batch_rows: config.apply.batchRows,
      batch_bytes: config.apply.batchBytes,
      flush_interval_ms: config.apply.flushIntervalMs,
      flush_when_idle: config.apply.flushWhenIdle,
      max_buffer_bytes: config.apply.maxBufferBytes,
      optimize_interval_ms: config.apply.optimizeIntervalMs,
      emulate_cascades: config.apply.emulateCascades,
      ignore_deletes: config.apply.ignoreDeletes,
    },
    sink: {
      kind: sink.kind,
      ndjson: {
        output: output.kind === 'stdout' ? '-' : output.kind === 'file' ? output.path : withoutPassword(output.url),
        max_file_bytes: sink.ndjson.maxFileBytes,
        include_before: sink.ndjson.includeBefore,
        batch_rows: sink.ndjson.batchRows,
        flush_interval_ms: sink.ndjson.flushIntervalMs,
        http_retries: sink.ndjson.httpRetries,
      },
      kafka: kafkaSummary(sink.kafka, password),
      plugin: { path: sink.plugin.path, option_keys: Object.keys(sink.plugin.options) },
    },
    state: { path: config.state.path },
    health: {
      socket: config.health.socket,
      tcp: config.health.tcp === null ? null : listenText(config.health.tcp),
    },
    log: { level: config.log.level, format: config.log.format },
  }
}

function kafkaSummary(k: KafkaSinkConfig, password: (p: string) => string): { [key: string]: JsonValue } {
  return {
    brokers: [...k.brokers],
    topic: k.topic,
    topic_prefix: k.topicPrefix,
    ddl_topic: k.ddlTopic,
    position_topic: k.positionTopic,
    client_id: k.clientId,
    acks: k.acks,
    compression: k.compression,
    request_bytes: k.requestBytes,
    exactly_once: k.exactlyOnce,
    transactional_id: k.transactionalId,
    include_before: k.includeBefore,
    tombstones: k.tombstones,
    create_topics: k.createTopics,
    partitions: k.partitions,
    replication_factor: k.replicationFactor,
    retries: k.retries,
    timeout_ms: k.timeoutMs,
    tls: k.tls,
    tls_ca_file: k.tlsCaFile,
    tls_cert_file: k.tlsCertFile,
    tls_key_file: k.tlsKeyFile,
    sasl: k.saslMechanism,
    user: k.user,
    password: password(k.password),
  }
}

function withoutPassword(text: string): string {
  const url = new URL(text)
  if (url.password !== '') url.password = '***'
  return url.href
}

function listenText(address: ListenAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`
}
