// Public face of chsync's configuration: load and validate config.toml plus CHSYNC_* env, describe
// the keys, and keep secrets out of messages.

export { loadConfig, type LoadOptions } from './load.ts'
export { ConfigError, type ConfigProblem } from './errors.ts'
export type {
  ApplyConfig,
  ChsyncConfig,
  LogFormat,
  LogLevel,
  NdjsonSinkConfig,
  KafkaSinkConfig,
  PluginSinkConfig,
  MaskKind,
  ReplicateConfig,
  SinkConfig,
  SinkKind,
  SnapshotConfig,
  SnapshotMode,
  SourceConfig,
  TargetConfig,
  TlsMode,
} from './types.ts'
export type { ClickHouseEndpoint, Endpoint, MysqlEndpoint } from './endpoint.ts'
export { endpointText, maskUrl } from './endpoint.ts'
export type { ListenAddress } from './listen-address.ts'
export type { NdjsonOutput } from './ndjson-output.ts'
export { resolveConfigPath, SEARCHED_PATHS, type ConfigLocation } from './config-file.ts'
export { describeConfig, formatConfigKeys, type ConfigKeyDescription } from './describe.ts'
export { configSummary, type JsonValue } from './summary.ts'
export { redact, REDACTED, redactor, secretsOf, SHORT_SECRET, shortSecrets } from './redact.ts'
export { compileGlob, compileTablePattern } from './glob.ts'
export { compileColumnPattern, type ColumnMatcher } from './column-pattern.ts'
export { layoutFor, type TableLayout, type TableMode } from './table-layout.ts'
export { SYSTEM_SCHEMAS, databaseFilter, replicatedNames, tableFilter, targetDatabase, type TableFilter } from './table-filter.ts'
export { deriveServerId, deriveTransactionalId } from './server-id.ts'
export { parseSize, formatSize } from './size.ts'
export { parseDuration } from './duration.ts'
