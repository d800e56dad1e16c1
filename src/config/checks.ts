// Checks across keys, run after every key converted: contradictions, missing files, name clashes.
// A check whose keys were already refused is skipped, so one mistake gives one problem.

import { statSync } from 'node:fs'
import { compileColumnPattern } from './column-pattern.ts'
import type { ConfigProblem } from './errors.ts'
import { isLiteral } from './glob.ts'
import type { KeySpec } from './key-spec.ts'
import { APPLY, KAFKA, PLUGIN, REPLICATE, SINK, SNAPSHOT, SOURCE, TARGET } from './keys.ts'
import type { ResolvedValues } from './resolve-values.ts'
import { formatSize } from './size.ts'
import { targetDatabase } from './table-filter.ts'
import type { ChsyncConfig } from './types.ts'

/** What a masked column becomes in ClickHouse, as the messages say it. */
const MASKED_TYPE = 'sha256 FixedString(64), redact and null String'

export function checkConfig(config: ChsyncConfig, v: ResolvedValues): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const add = (key: string, message: string) => problems.push({ key, message })

  if (config.sink.kind === 'plugin' && !v.failed(SINK.kind, PLUGIN.path)) {
    if (config.sink.plugin.path === null) add(PLUGIN.path.key, `"${PLUGIN.path.key}" is required when "sink.kind" is "plugin"`)
    else fileMustExist(PLUGIN.path, config.sink.plugin.path, add)
  }

  for (const [spec, path] of [
    [SOURCE.tlsCaFile, config.source.tlsCaFile],
    [SOURCE.tlsCertFile, config.source.tlsCertFile],
    [SOURCE.tlsKeyFile, config.source.tlsKeyFile],
    [TARGET.tlsCaFile, config.target.tlsCaFile],
    [KAFKA.tlsCaFile, config.sink.kafka.tlsCaFile],
    [KAFKA.tlsCertFile, config.sink.kafka.tlsCertFile],
    [KAFKA.tlsKeyFile, config.sink.kafka.tlsKeyFile],
  ] as const) {
    if (path !== null) fileMustExist(spec, path, add)
  }

  const { source } = config
  if (source.tls === 'off' && !v.failed(SOURCE.tls)) {
    for (const spec of [SOURCE.tlsCaFile, SOURCE.tlsCertFile, SOURCE.tlsKeyFile]) {
      if (v.get(spec) !== null)
        add(spec.key, `"${spec.key}" is set but "source.tls" is "off": set source.tls = "on" (or "skip-verify"), or remove it`)
    }
  }
  if ((source.tlsCertFile === null) !== (source.tlsKeyFile === null) && !v.failed(SOURCE.tlsCertFile, SOURCE.tlsKeyFile)) {
    add(SOURCE.tlsKeyFile.key, '"source.tls_cert_file" and "source.tls_key_file" go together: set both or neither')
  }
  if (config.target.tlsCaFile !== null && config.target.url.scheme !== 'https' && !v.failed(TARGET.url)) {
    add(TARGET.tlsCaFile.key, '"target.tls_ca_file" is set but "target.url" is not https://')
  }

  if (
    config.snapshot.mode === 'never' &&
    config.snapshot.onPositionLost === 'resnapshot' &&
    !v.failed(SNAPSHOT.mode, SNAPSHOT.onPositionLost)
  ) {
    add(
      SNAPSHOT.onPositionLost.key,
      '"snapshot.on_position_lost" is "resnapshot" but "snapshot.mode" is "never": they contradict, change one',
    )
  }

  if (config.apply.maxBufferBytes < config.apply.batchBytes && !v.failed(APPLY.maxBufferBytes, APPLY.batchBytes)) {
    add(
      APPLY.maxBufferBytes.key,
      `"apply.max_buffer_bytes" (${formatSize(config.apply.maxBufferBytes)}) must be at least "apply.batch_bytes" (${formatSize(config.apply.batchBytes)})`,
    )
  }

  if (config.target.distributed !== null && config.target.cluster === null && !v.failed(TARGET.distributed, TARGET.cluster))
    add(
      TARGET.distributed.key,
      '"target.distributed" is true but "target.cluster" is empty: a Distributed table reads the tables of a cluster; set target.cluster, or remove target.distributed',
    )

  if (config.sink.kind === 'kafka' && !v.failed(SINK.kind)) checkKafka(config, v, add)
  if (!v.failed(TARGET.databases, TARGET.databasePrefix, REPLICATE.databases)) checkTargetNames(config, add)
  if (!v.failed(REPLICATE.excludeColumns)) {
    for (const pattern of config.replicate.excludeColumns) {
      if (pattern.split('.').some((part) => part === ''))
        add(
          REPLICATE.excludeColumns.key,
          `"${REPLICATE.excludeColumns.key}" items are "db.table.column", "table.column" or "column" (globs), got "${pattern}" (an empty part)`,
        )
    }
  }
  if (!v.failed(TARGET.columns, REPLICATE.mask)) checkMaskedOverrides(config, add)
  return problems
}

/** A masked column's type follows its mask: a type override of it would contradict the mask. */
function checkMaskedOverrides(config: ChsyncConfig, add: (key: string, message: string) => void): void {
  const masks = [...config.replicate.mask].map(([pattern, kind]) => ({ pattern, kind, matches: compileColumnPattern(pattern) }))
  for (const [name, type] of config.target.columns) {
    const [db, table, column] = name.split('.')
    const mask = masks.find((m) => m.matches(db, table, column))
    if (mask)
      add(
        TARGET.columns.key,
        `"${TARGET.columns.key}" gives "${name}" the type ${type}, but "${REPLICATE.mask.key}" masks it ("${mask.pattern}" = "${mask.kind}") and a masked column's type follows its mask (${MASKED_TYPE}): remove one of the two`,
      )
  }
}

function checkKafka(config: ChsyncConfig, v: ResolvedValues, add: (key: string, message: string) => void): void {
  const k = config.sink.kafka
  if (k.brokers.length === 0 && !v.failed(KAFKA.brokers))
    add(KAFKA.brokers.key, `"${KAFKA.brokers.key}" is required when "sink.kind" is "kafka"`)
  if (k.acks !== 'all' && !v.failed(KAFKA.acks))
    add(
      KAFKA.acks.key,
      `"${KAFKA.acks.key}" must be "all": the idempotent producer chsync uses${k.exactlyOnce ? ' (and exactly_once)' : ''} needs every in-sync replica's acknowledgement`,
    )
  if ((k.tlsCertFile === null) !== (k.tlsKeyFile === null) && !v.failed(KAFKA.tlsCertFile, KAFKA.tlsKeyFile))
    add(KAFKA.tlsKeyFile.key, `"${KAFKA.tlsCertFile.key}" and "${KAFKA.tlsKeyFile.key}" go together: set both or neither`)
  if (!k.tls && !v.failed(KAFKA.tls)) {
    for (const spec of [KAFKA.tlsCaFile, KAFKA.tlsCertFile, KAFKA.tlsKeyFile]) {
      if (v.get(spec) !== null) add(spec.key, `"${spec.key}" is set but "${KAFKA.tls.key}" is false: set it to true, or remove ${spec.key}`)
    }
  }
  if (k.saslMechanism !== 'none' && (k.user === '' || k.password === '') && !v.failed(KAFKA.saslMechanism, KAFKA.user, KAFKA.passwordFile))
    add(
      KAFKA.user.key,
      `"${KAFKA.saslMechanism.key}" is ${k.saslMechanism}: set "${KAFKA.user.key}" and the password (${KAFKA.passwordFile.key} or CHSYNC_SINK_KAFKA_PASSWORD)`,
    )
  for (const [spec, template, allowed] of [
    [KAFKA.topic, k.topic, ['prefix', 'database', 'table']],
    [KAFKA.ddlTopic, k.ddlTopic, ['prefix', 'database']],
    [KAFKA.positionTopic, k.positionTopic, ['prefix']],
  ] as const) {
    const unknown = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((name) => !(allowed as readonly string[]).includes(name))
    if (unknown.length)
      add(spec.key, `"${spec.key}" may only use ${allowed.map((a) => `{${a}}`).join(', ')}, got ${JSON.stringify(template)}`)
  }
}

function fileMustExist(spec: KeySpec<unknown>, path: string, add: (key: string, message: string) => void): void {
  let isFile = false
  try {
    isFile = statSync(path).isFile()
  } catch {
    add(spec.key, `"${spec.key}" file ${path} does not exist`)
    return
  }
  if (!isFile) add(spec.key, `"${spec.key}" ${path} is not a file`)
}

/** Two source databases must never land in one target database. */
function checkTargetNames(config: ChsyncConfig, add: (key: string, message: string) => void): void {
  const sourcesOf = new Map<string, string[]>()
  const claim = (sourceDb: string) => {
    const target = targetDatabase(config, sourceDb)
    sourcesOf.set(target, [...(sourcesOf.get(target) ?? []), sourceDb])
  }
  for (const sourceDb of config.target.databases.keys()) claim(sourceDb)
  for (const pattern of config.replicate.databases) {
    if (isLiteral(pattern) && !config.target.databases.has(pattern)) claim(pattern)
  }
  for (const [target, sources] of sourcesOf) {
    const unique = [...new Set(sources)]
    if (unique.length > 1) {
      add(
        TARGET.databases.key,
        `"target.databases" sends source databases ${unique.map((s) => `"${s}"`).join(' and ')} to the same target database "${target}"`,
      )
    }
  }
}
