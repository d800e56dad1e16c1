// ChsyncConfig: the validated configuration every other part of chsync reads.

import type { ClickHouseEndpoint, MysqlEndpoint } from './endpoint.ts'
import type { ListenAddress } from './listen-address.ts'
import type { NdjsonOutput } from './ndjson-output.ts'
import type { TableLayout } from './table-layout.ts'

export type TlsMode = 'off' | 'on' | 'skip-verify'
export type SnapshotMode = 'initial' | 'never' | 'initial_only'
export type SinkKind = 'clickhouse' | 'ndjson' | 'kafka' | 'plugin'
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFormat = 'auto' | 'human' | 'json'

/** File paths are absolute; optional ones are null when not set. */
export interface SourceConfig {
  /** Password resolved: CHSYNC_SOURCE_PASSWORD, else password_file, else the URL's. */
  url: MysqlEndpoint
  /** For the initial copy; user and password default to `url`'s. */
  snapshotUrl: MysqlEndpoint | null
  serverId: number
  /** True when source.server_id was 0 and `serverId` comes from the host name. */
  serverIdDerived: boolean
  heartbeatSeconds: number
  tls: TlsMode
  tlsCaFile: string | null
  tlsCertFile: string | null
  tlsKeyFile: string | null
  connectTimeoutSeconds: number
}

export interface TargetConfig {
  /** Password resolved: CHSYNC_TARGET_PASSWORD, else password_file, else the URL's. */
  url: ClickHouseEndpoint
  databasePrefix: string
  /** null when not clustered. */
  cluster: string | null
  /** The suffix of the Distributed table beside each table (target.distributed), or null for none. */
  distributed: string | null
  tlsCaFile: string | null
  jsonType: 'String' | 'JSON'
  timeType: 'auto' | 'Time64' | 'String'
  /** Source database → target database, used as written (no prefix). */
  databases: ReadonlyMap<string, string>
  /** "db.table.column" (source names) → ClickHouse type. */
  columns: ReadonlyMap<string, string>
  /** The user's table layouts, first match wins. */
  layout: readonly TableLayout[]
}

export interface ReplicateConfig {
  databases: readonly string[]
  tables: readonly string[]
  excludeTables: readonly string[]
  excludeColumns: readonly string[]
  /** Column pattern → how its values are masked. */
  mask: ReadonlyMap<string, MaskKind>
}

export const MASK_KINDS = ['sha256', 'null', 'redact'] as const
export type MaskKind = (typeof MASK_KINDS)[number]

export interface SnapshotConfig {
  mode: SnapshotMode
  parallelism: number
  chunkRows: number
  onPositionLost: 'fail' | 'resnapshot'
}

export interface ApplyConfig {
  batchRows: number
  batchBytes: number
  flushIntervalMs: number
  /** Flush at once when the source is quiet and nothing is in flight. */
  flushWhenIdle: boolean
  maxBufferBytes: number
  /** 0 = never. */
  optimizeIntervalMs: number
  /** Work out the foreign-key actions the source did not log (ClickHouse sink only). */
  emulateCascades: boolean
  ignoreDeletes: boolean
}

export interface NdjsonSinkConfig {
  output: NdjsonOutput
  maxFileBytes: number
  includeBefore: boolean
  batchRows: number
  flushIntervalMs: number
  httpRetries: number
}

export interface KafkaSinkConfig {
  brokers: readonly string[]
  /** Templates with {prefix}, {database}, {table} (see sink/kafka/topics.ts). */
  topic: string
  topicPrefix: string
  ddlTopic: string
  positionTopic: string
  clientId: string
  acks: 'all' | 'leader' | 'none'
  compression: 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd'
  requestBytes: number
  exactlyOnce: boolean
  /** As set, or derived from the server id and the state path. */
  transactionalId: string
  includeBefore: boolean
  tombstones: boolean
  createTopics: boolean
  partitions: number
  replicationFactor: number
  retries: number
  timeoutMs: number
  tls: boolean
  tlsCaFile: string | null
  tlsCertFile: string | null
  tlsKeyFile: string | null
  saslMechanism: 'none' | 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512'
  user: string
  /** CHSYNC_SINK_KAFKA_PASSWORD, else the password file's content; '' when neither. */
  password: string
}

export interface PluginSinkConfig {
  /** Required (and checked to exist) when sink.kind = "plugin". */
  path: string | null
  options: Readonly<Record<string, unknown>>
}

export interface SinkConfig {
  kind: SinkKind
  ndjson: NdjsonSinkConfig
  kafka: KafkaSinkConfig
  plugin: PluginSinkConfig
}

export interface ChsyncConfig {
  /** The config file read, or null for defaults and environment only. */
  file: string | null
  source: SourceConfig
  target: TargetConfig
  replicate: ReplicateConfig
  /** The key of sha256 masks ('' when none is set); a secret, kept out of `replicate` (which the state file records). */
  maskSalt: string
  snapshot: SnapshotConfig
  apply: ApplyConfig
  sink: SinkConfig
  state: { path: string }
  health: { socket: string | null; tcp: ListenAddress | null }
  log: { level: LogLevel; format: LogFormat }
}
