// ChsyncConfig: the validated configuration every other part of chsync reads.

import type { ClickHouseEndpoint, MysqlEndpoint } from './endpoint.ts'
import type { ListenAddress } from './listen-address.ts'
import type { NdjsonOutput } from './ndjson-output.ts'

export type TlsMode = 'off' | 'on' | 'skip-verify'
export type SnapshotMode = 'initial' | 'never' | 'initial_only'
export type SinkKind = 'clickhouse' | 'ndjson' | 'plugin'
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
  tlsCaFile: string | null
  jsonType: 'String' | 'JSON'
  /** Source database → target database, used as written (no prefix). */
  databases: ReadonlyMap<string, string>
  /** "db.table.column" (source names) → ClickHouse type. */
  columns: ReadonlyMap<string, string>
}

export interface ReplicateConfig {
  databases: readonly string[]
  tables: readonly string[]
  excludeTables: readonly string[]
}

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
}

export interface NdjsonSinkConfig {
  output: NdjsonOutput
  maxFileBytes: number
  includeBefore: boolean
  batchRows: number
  flushIntervalMs: number
  httpRetries: number
}

export interface PluginSinkConfig {
  /** Required (and checked to exist) when sink.kind = "plugin". */
  path: string | null
  options: Readonly<Record<string, unknown>>
}

export interface SinkConfig {
  kind: SinkKind
  ndjson: NdjsonSinkConfig
  plugin: PluginSinkConfig
}

export interface ChsyncConfig {
  /** The config file read, or null for defaults and environment only. */
  file: string | null
  source: SourceConfig
  target: TargetConfig
  replicate: ReplicateConfig
  snapshot: SnapshotConfig
  apply: ApplyConfig
  sink: SinkConfig
  state: { path: string }
  health: { socket: string | null; tcp: ListenAddress | null }
  log: { level: LogLevel; format: LogFormat }
}
