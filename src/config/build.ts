// Assembles ChsyncConfig from the resolved values: passwords put into the endpoints, the snapshot
// endpoint's credentials inherited, the server id derived.

import type { ConfigProblem } from './errors.ts'
import type { EnvValues } from './env-values.ts'
import { APPLY, HEALTH, KAFKA, LOG, MASK_SALT_ENV, NDJSON, PLUGIN, REPLICATE, SINK, SNAPSHOT, SOURCE, STATE, TARGET } from './keys.ts'
import { readPasswordFile, resolvePassword } from './passwords.ts'
import type { ResolvedValues } from './resolve-values.ts'
import { deriveServerId, deriveTransactionalId } from './server-id.ts'
import type { ChsyncConfig, MaskKind } from './types.ts'

export function buildConfig(
  v: ResolvedValues,
  env: EnvValues,
  context: { file: string | null; hostname: string },
  problems: ConfigProblem[],
): ChsyncConfig {
  const sourceUrl = v.get(SOURCE.url)!
  const sourcePassword = resolvePassword(
    { server: 'source', fromEnv: env.passwords.source, file: v.get(SOURCE.passwordFile), fromUrl: sourceUrl.password },
    problems,
  )
  const snapshotUrl = v.get(SOURCE.snapshotUrl)
  const targetUrl = v.get(TARGET.url)!
  const targetPassword = resolvePassword(
    { server: 'target', fromEnv: env.passwords.target, file: v.get(TARGET.passwordFile), fromUrl: targetUrl.password },
    problems,
  )
  const serverId = v.get(SOURCE.serverId)
  const mask = v.get(REPLICATE.mask) as ReadonlyMap<string, MaskKind>
  const saltFile = v.get(REPLICATE.maskSaltFile)
  const maskSalt = env.maskSalt ?? (saltFile === null ? '' : readPasswordFile(REPLICATE.maskSaltFile.key, saltFile, problems))
  if (maskSalt === '' && [...mask.values()].includes('sha256'))
    problems.push({
      key: REPLICATE.maskSaltFile.key,
      message: `"replicate.mask" has sha256 masks but no salt: set ${MASK_SALT_ENV} or "${REPLICATE.maskSaltFile.key}"`,
    })
  const derivedServerId = serverId === 0 ? deriveServerId(context.hostname, v.get(STATE.path)!) : serverId
  return {
    file: context.file,
    source: {
      url: { ...sourceUrl, password: sourcePassword },
      snapshotUrl:
        snapshotUrl === null
          ? null
          : {
              ...snapshotUrl,
              user: snapshotUrl.user !== '' ? snapshotUrl.user : sourceUrl.user,
              password: snapshotUrl.password !== '' ? snapshotUrl.password : sourcePassword,
            },
      serverId: derivedServerId,
      serverIdDerived: serverId === 0,
      heartbeatSeconds: v.get(SOURCE.heartbeatSeconds),
      tls: v.get(SOURCE.tls),
      tlsCaFile: v.get(SOURCE.tlsCaFile),
      tlsCertFile: v.get(SOURCE.tlsCertFile),
      tlsKeyFile: v.get(SOURCE.tlsKeyFile),
      connectTimeoutSeconds: v.get(SOURCE.connectTimeoutSeconds),
    },
    target: {
      url: { ...targetUrl, password: targetPassword },
      databasePrefix: v.get(TARGET.databasePrefix),
      cluster: v.get(TARGET.cluster).trim() === '' ? null : v.get(TARGET.cluster).trim(),
      distributed: v.get(TARGET.distributed) ? v.get(TARGET.distributedSuffix) : null,
      tlsCaFile: v.get(TARGET.tlsCaFile),
      jsonType: v.get(TARGET.jsonType),
      timeType: v.get(TARGET.timeType),
      databases: v.get(TARGET.databases),
      columns: v.get(TARGET.columns),
      layout: v.get(TARGET.layout),
    },
    replicate: {
      databases: v.get(REPLICATE.databases),
      tables: v.get(REPLICATE.tables),
      excludeTables: v.get(REPLICATE.excludeTables),
      excludeColumns: v.get(REPLICATE.excludeColumns),
      mask,
    },
    maskSalt,
    snapshot: {
      mode: v.get(SNAPSHOT.mode),
      parallelism: v.get(SNAPSHOT.parallelism),
      chunkRows: v.get(SNAPSHOT.chunkRows),
      onPositionLost: v.get(SNAPSHOT.onPositionLost),
    },
    apply: {
      batchRows: v.get(APPLY.batchRows),
      batchBytes: v.get(APPLY.batchBytes),
      flushIntervalMs: v.get(APPLY.flushIntervalMs),
      flushWhenIdle: v.get(APPLY.flushWhenIdle),
      maxBufferBytes: v.get(APPLY.maxBufferBytes),
      optimizeIntervalMs: v.get(APPLY.optimizeInterval),
      emulateCascades: v.get(APPLY.emulateCascades),
      ignoreDeletes: v.get(APPLY.ignoreDeletes),
    },
    sink: {
      kind: v.get(SINK.kind),
      ndjson: {
        output: v.get(NDJSON.output),
        maxFileBytes: v.get(NDJSON.maxFileBytes),
        includeBefore: v.get(NDJSON.includeBefore),
        batchRows: v.get(NDJSON.batchRows),
        flushIntervalMs: v.get(NDJSON.flushIntervalMs),
        httpRetries: v.get(NDJSON.httpRetries),
      },
      kafka: {
        brokers: v.get(KAFKA.brokers),
        topic: v.get(KAFKA.topic),
        topicPrefix: v.get(KAFKA.topicPrefix),
        ddlTopic: v.get(KAFKA.ddlTopic),
        positionTopic: v.get(KAFKA.positionTopic),
        clientId: v.get(KAFKA.clientId),
        acks: v.get(KAFKA.acks),
        compression: v.get(KAFKA.compression),
        requestBytes: v.get(KAFKA.requestBytes),
        exactlyOnce: v.get(KAFKA.exactlyOnce),
        transactionalId: v.get(KAFKA.transactionalId) || deriveTransactionalId(derivedServerId, v.get(STATE.path)!),
        includeBefore: v.get(KAFKA.includeBefore),
        tombstones: v.get(KAFKA.tombstones),
        createTopics: v.get(KAFKA.createTopics),
        partitions: v.get(KAFKA.partitions),
        replicationFactor: v.get(KAFKA.replicationFactor),
        retries: v.get(KAFKA.retries),
        timeoutMs: v.get(KAFKA.timeoutMs),
        tls: v.get(KAFKA.tls),
        tlsCaFile: v.get(KAFKA.tlsCaFile),
        tlsCertFile: v.get(KAFKA.tlsCertFile),
        tlsKeyFile: v.get(KAFKA.tlsKeyFile),
        saslMechanism: v.get(KAFKA.saslMechanism),
        user: v.get(KAFKA.user),
        password:
          v.get(SINK.kind) === 'kafka'
            ? resolvePassword(
                { server: 'sink.kafka', fromEnv: env.passwords.kafka, file: v.get(KAFKA.passwordFile), fromUrl: '' },
                problems,
              )
            : '',
      },
      plugin: { path: v.get(PLUGIN.path), options: v.get(PLUGIN.options) },
    },
    state: { path: v.get(STATE.path)! },
    health: { socket: v.get(HEALTH.socket), tcp: v.get(HEALTH.tcp) },
    log: { level: v.get(LOG.level), format: v.get(LOG.format) },
  }
}
