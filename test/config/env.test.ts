// Every key set from the environment: converted per its type, winning over the file.

import { describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import { type ChsyncConfig, describeConfig } from '../../src/config/index.ts'
import { CWD, load, problems, tempDir } from './support.ts'

const files = tempDir({ 'ca.pem': 'ca', 'cert.pem': 'cert', 'key.pem': 'key', 'plugin.ts': 'export default {}', pw: 'pw\n' })

/** [env var, its text, what it sets in the config]. */
const OVERRIDES: [string, string, (c: ChsyncConfig) => unknown, unknown][] = [
  [
    'CHSYNC_SOURCE_URL',
    'mariadb://chsync@db.example:3307',
    (c) => c.source.url,
    { scheme: 'mariadb', host: 'db.example', port: 3307, user: 'chsync', password: '' },
  ],
  ['CHSYNC_SOURCE_PASSWORD_FILE', join(files, 'pw'), (c) => c.source.url.password, 'pw'],
  [
    'CHSYNC_SOURCE_SNAPSHOT_URL',
    'mysql://replica.example',
    (c) => c.source.snapshotUrl,
    { scheme: 'mysql', host: 'replica.example', port: 3306, user: 'repl', password: '' },
  ],
  ['CHSYNC_SOURCE_SERVER_ID', '4242', (c) => [c.source.serverId, c.source.serverIdDerived], [4242, false]],
  ['CHSYNC_SOURCE_HEARTBEAT_SECONDS', '30', (c) => c.source.heartbeatSeconds, 30],
  ['CHSYNC_SOURCE_TLS', 'skip-verify', (c) => c.source.tls, 'skip-verify'],
  ['CHSYNC_SOURCE_TLS_CA_FILE', join(files, 'ca.pem'), (c) => c.source.tlsCaFile, join(files, 'ca.pem')],
  ['CHSYNC_SOURCE_TLS_CERT_FILE', join(files, 'cert.pem'), (c) => c.source.tlsCertFile, join(files, 'cert.pem')],
  ['CHSYNC_SOURCE_TLS_KEY_FILE', join(files, 'key.pem'), (c) => c.source.tlsKeyFile, join(files, 'key.pem')],
  ['CHSYNC_SOURCE_CONNECT_TIMEOUT_SECONDS', '3', (c) => c.source.connectTimeoutSeconds, 3],
  [
    'CHSYNC_TARGET_URL',
    'https://writer@ch.example',
    (c) => c.target.url,
    { scheme: 'https', host: 'ch.example', port: 8443, user: 'writer', password: '' },
  ],
  ['CHSYNC_TARGET_PASSWORD_FILE', join(files, 'pw'), (c) => c.target.url.password, 'pw'],
  ['CHSYNC_TARGET_DATABASE_PREFIX', 'mysql_', (c) => c.target.databasePrefix, 'mysql_'],
  ['CHSYNC_TARGET_CLUSTER', 'main', (c) => c.target.cluster, 'main'],
  ['CHSYNC_TARGET_DISTRIBUTED', 'yes', (c) => c.target.distributed, '_all'],
  ['CHSYNC_TARGET_DISTRIBUTED_SUFFIX', '_dist', (c) => c.target.distributed, '_dist'],
  ['CHSYNC_TARGET_TLS_CA_FILE', join(files, 'ca.pem'), (c) => c.target.tlsCaFile, join(files, 'ca.pem')],
  ['CHSYNC_TARGET_JSON_TYPE', 'JSON', (c) => c.target.jsonType, 'JSON'],
  ['CHSYNC_TARGET_TIME_TYPE', 'String', (c) => c.target.timeType, 'String'],
  [
    'CHSYNC_TARGET_DATABASES',
    'shop=shop_analytics, crm = crm_copy',
    (c) => c.target.databases,
    new Map([
      ['shop', 'shop_analytics'],
      ['crm', 'crm_copy'],
    ]),
  ],
  [
    'CHSYNC_TARGET_COLUMNS',
    "shop.orders.total=Decimal(18, 2),shop.orders.state=Enum8('a,b' = 1, 'c' = 2)",
    (c) => c.target.columns,
    new Map([
      ['shop.orders.total', 'Decimal(18, 2)'],
      ['shop.orders.state', "Enum8('a,b' = 1, 'c' = 2)"],
    ]),
  ],
  ['CHSYNC_REPLICATE_DATABASES', 'shop, crm_*', (c) => c.replicate.databases, ['shop', 'crm_*']],
  ['CHSYNC_REPLICATE_TABLES', 'orders,shop.items', (c) => c.replicate.tables, ['orders', 'shop.items']],
  ['CHSYNC_REPLICATE_EXCLUDE_TABLES', 'shop.tmp_*', (c) => c.replicate.excludeTables, ['shop.tmp_*']],
  [
    'CHSYNC_TARGET_LAYOUT',
    '[{"tables":"shop.events","partition_by":"toYYYYMM(day)","order_by":"(day, id)","settings":{"index_granularity":4096,"storage_policy":"hot"}}]',
    (c) => c.target.layout,
    [
      {
        tables: 'shop.events',
        partitionBy: 'toYYYYMM(day)',
        orderBy: '(day, id)',
        ttl: null,
        settings: new Map([
          ['index_granularity', '4096'],
          ['storage_policy', "'hot'"],
        ]),
        indexes: [],
        codecs: new Map(),
        mode: 'replacing',
      },
    ],
  ],
  [
    'CHSYNC_REPLICATE_MASK',
    'shop.users.email=sha256,*.ssn=redact',
    (c) => c.replicate.mask,
    new Map([
      ['shop.users.email', 'sha256'],
      ['*.ssn', 'redact'],
    ]),
  ],
  ['CHSYNC_REPLICATE_MASK_SALT_FILE', join(files, 'pw'), (c) => c.maskSalt, 'pw'],
  ['CHSYNC_REPLICATE_EXCLUDE_COLUMNS', 'shop.users.email, *token*', (c) => c.replicate.excludeColumns, ['shop.users.email', '*token*']],
  ['CHSYNC_SNAPSHOT_MODE', 'initial_only', (c) => c.snapshot.mode, 'initial_only'],
  ['CHSYNC_SNAPSHOT_PARALLELISM', '8', (c) => c.snapshot.parallelism, 8],
  ['CHSYNC_SNAPSHOT_CHUNK_ROWS', '1000', (c) => c.snapshot.chunkRows, 1000],
  ['CHSYNC_SNAPSHOT_ON_POSITION_LOST', 'resnapshot', (c) => c.snapshot.onPositionLost, 'resnapshot'],
  ['CHSYNC_APPLY_BATCH_ROWS', '5000', (c) => c.apply.batchRows, 5000],
  ['CHSYNC_APPLY_BATCH_BYTES', '1.5 MiB', (c) => c.apply.batchBytes, 1572864],
  ['CHSYNC_APPLY_FLUSH_INTERVAL_MS', '250', (c) => c.apply.flushIntervalMs, 250],
  ['CHSYNC_APPLY_MAX_BUFFER_BYTES', '1GiB', (c) => c.apply.maxBufferBytes, 1073741824],
  ['CHSYNC_APPLY_OPTIMIZE_INTERVAL', '1h30m', (c) => c.apply.optimizeIntervalMs, 5_400_000],
  ['CHSYNC_APPLY_EMULATE_CASCADES', 'false', (c) => c.apply.emulateCascades, false],
  ['CHSYNC_APPLY_IGNORE_DELETES', 'true', (c) => c.apply.ignoreDeletes, true],
  ['CHSYNC_APPLY_FLUSH_WHEN_IDLE', 'true', (c) => c.apply.flushWhenIdle, true],
  ['CHSYNC_SINK_KIND', 'ndjson', (c) => c.sink.kind, 'ndjson'],
  ['CHSYNC_SINK_NDJSON_OUTPUT', 'out/changes.ndjson', (c) => c.sink.ndjson.output, { kind: 'file', path: `${CWD}/out/changes.ndjson` }],
  ['CHSYNC_SINK_NDJSON_MAX_FILE_BYTES', '1048576', (c) => c.sink.ndjson.maxFileBytes, 1048576],
  ['CHSYNC_SINK_NDJSON_INCLUDE_BEFORE', 'yes', (c) => c.sink.ndjson.includeBefore, true],
  ['CHSYNC_SINK_NDJSON_BATCH_ROWS', '10', (c) => c.sink.ndjson.batchRows, 10],
  ['CHSYNC_SINK_NDJSON_FLUSH_INTERVAL_MS', '100', (c) => c.sink.ndjson.flushIntervalMs, 100],
  ['CHSYNC_SINK_NDJSON_HTTP_RETRIES', '0', (c) => c.sink.ndjson.httpRetries, 0],
  ['CHSYNC_SINK_KAFKA_BROKERS', 'k1:9092, [::1]:9093', (c) => c.sink.kafka.brokers, ['k1:9092', '[::1]:9093']],
  ['CHSYNC_SINK_KAFKA_TOPIC', 'cdc.{table}', (c) => c.sink.kafka.topic, 'cdc.{table}'],
  ['CHSYNC_SINK_KAFKA_TOPIC_PREFIX', 'shop', (c) => c.sink.kafka.topicPrefix, 'shop'],
  ['CHSYNC_SINK_KAFKA_DDL_TOPIC', 'ddl', (c) => c.sink.kafka.ddlTopic, 'ddl'],
  ['CHSYNC_SINK_KAFKA_POSITION_TOPIC', 'pos', (c) => c.sink.kafka.positionTopic, 'pos'],
  ['CHSYNC_SINK_KAFKA_CLIENT_ID', 'cdc-1', (c) => c.sink.kafka.clientId, 'cdc-1'],
  ['CHSYNC_SINK_KAFKA_ACKS', 'leader', (c) => c.sink.kafka.acks, 'leader'],
  ['CHSYNC_SINK_KAFKA_COMPRESSION', 'zstd', (c) => c.sink.kafka.compression, 'zstd'],
  ['CHSYNC_SINK_KAFKA_REQUEST_BYTES', '512KiB', (c) => c.sink.kafka.requestBytes, 524288],
  ['CHSYNC_SINK_KAFKA_EXACTLY_ONCE', 'off', (c) => c.sink.kafka.exactlyOnce, false],
  ['CHSYNC_SINK_KAFKA_TRANSACTIONAL_ID', 'cdc-main', (c) => c.sink.kafka.transactionalId, 'cdc-main'],
  ['CHSYNC_SINK_KAFKA_INCLUDE_BEFORE', 'true', (c) => c.sink.kafka.includeBefore, true],
  ['CHSYNC_SINK_KAFKA_TOMBSTONES', '1', (c) => c.sink.kafka.tombstones, true],
  ['CHSYNC_SINK_KAFKA_CREATE_TOPICS', 'no', (c) => c.sink.kafka.createTopics, false],
  ['CHSYNC_SINK_KAFKA_PARTITIONS', '12', (c) => c.sink.kafka.partitions, 12],
  ['CHSYNC_SINK_KAFKA_REPLICATION_FACTOR', '3', (c) => c.sink.kafka.replicationFactor, 3],
  ['CHSYNC_SINK_KAFKA_RETRIES', '0', (c) => c.sink.kafka.retries, 0],
  ['CHSYNC_SINK_KAFKA_TIMEOUT_MS', '5000', (c) => c.sink.kafka.timeoutMs, 5000],
  ['CHSYNC_SINK_KAFKA_TLS', 'on', (c) => c.sink.kafka.tls, true],
  ['CHSYNC_SINK_KAFKA_TLS_CA_FILE', join(files, 'ca.pem'), (c) => c.sink.kafka.tlsCaFile, join(files, 'ca.pem')],
  ['CHSYNC_SINK_KAFKA_TLS_CERT_FILE', join(files, 'cert.pem'), (c) => c.sink.kafka.tlsCertFile, join(files, 'cert.pem')],
  ['CHSYNC_SINK_KAFKA_TLS_KEY_FILE', join(files, 'key.pem'), (c) => c.sink.kafka.tlsKeyFile, join(files, 'key.pem')],
  ['CHSYNC_SINK_KAFKA_SASL', 'SCRAM-SHA-512', (c) => c.sink.kafka.saslMechanism, 'SCRAM-SHA-512'],
  ['CHSYNC_SINK_KAFKA_USER', 'cdc', (c) => c.sink.kafka.user, 'cdc'],
  ['CHSYNC_SINK_KAFKA_PASSWORD_FILE', join(files, 'pw'), (c) => c.sink.kafka.password, 'pw'],
  ['CHSYNC_SINK_KAFKA_PASSWORD', 'env-pw', (c) => c.sink.kafka.password, 'env-pw'],
  ['CHSYNC_SINK_PLUGIN_PATH', join(files, 'plugin.ts'), (c) => c.sink.plugin.path, join(files, 'plugin.ts')],
  ['CHSYNC_SINK_PLUGIN_OPTIONS', '{"topic":"cdc","partitions":3}', (c) => c.sink.plugin.options, { topic: 'cdc', partitions: 3 }],
  ['CHSYNC_STATE_PATH', 'state.db', (c) => c.state.path, `${CWD}/state.db`],
  ['CHSYNC_HEALTH_SOCKET', '', (c) => c.health.socket, null],
  ['CHSYNC_HEALTH_TCP', '[::1]:9105', (c) => c.health.tcp, { host: '::1', port: 9105 }],
  ['CHSYNC_LOG_LEVEL', 'debug', (c) => c.log.level, 'debug'],
  ['CHSYNC_LOG_FORMAT', 'json', (c) => c.log.format, 'json'],
  ['CHSYNC_SOURCE_PASSWORD', 'env-pw', (c) => c.source.url.password, 'env-pw'],
  ['CHSYNC_TARGET_PASSWORD', 'env-pw', (c) => c.target.url.password, 'env-pw'],
  ['CHSYNC_REPLICATE_MASK_SALT', 'env-salt', (c) => c.maskSalt, 'env-salt'],
]

/** Keys some overrides need to be accepted together with them. */
const COMPANIONS: Record<string, Record<string, string>> = {
  CHSYNC_SOURCE_TLS_CA_FILE: { CHSYNC_SOURCE_TLS: 'on' },
  CHSYNC_SOURCE_TLS_CERT_FILE: { CHSYNC_SOURCE_TLS: 'on', CHSYNC_SOURCE_TLS_KEY_FILE: join(files, 'key.pem') },
  CHSYNC_SOURCE_TLS_KEY_FILE: { CHSYNC_SOURCE_TLS: 'on', CHSYNC_SOURCE_TLS_CERT_FILE: join(files, 'cert.pem') },
  CHSYNC_TARGET_TLS_CA_FILE: { CHSYNC_TARGET_URL: 'https://default@ch.example' },
  CHSYNC_TARGET_DISTRIBUTED: { CHSYNC_TARGET_CLUSTER: 'main' },
  CHSYNC_TARGET_DISTRIBUTED_SUFFIX: { CHSYNC_TARGET_CLUSTER: 'main', CHSYNC_TARGET_DISTRIBUTED: 'true' },
  CHSYNC_REPLICATE_MASK: { CHSYNC_REPLICATE_MASK_SALT: 's' },
  CHSYNC_SINK_KAFKA_PASSWORD_FILE: { CHSYNC_SINK_KIND: 'kafka', CHSYNC_SINK_KAFKA_BROKERS: 'k1:9092' },
  CHSYNC_SINK_KAFKA_PASSWORD: { CHSYNC_SINK_KIND: 'kafka', CHSYNC_SINK_KAFKA_BROKERS: 'k1:9092' },
}

describe('environment overrides', () => {
  test('the table covers every key of the key table', () => {
    expect(OVERRIDES.map(([name]) => name).sort()).toEqual(
      describeConfig()
        .map((row) => row.env)
        .sort(),
    )
  })

  for (const [name, text, pick, expected] of OVERRIDES) {
    test(`${name}=${text}`, () => {
      expect(pick(load('', { [name]: text, ...COMPANIONS[name] }))).toEqual(expected)
    })
  }

  test('env wins over the file', () => {
    const config = load('[snapshot]\nparallelism = 2\n[source]\nurl = "mysql://a@file-host"\n', {
      CHSYNC_SNAPSHOT_PARALLELISM: '16',
      CHSYNC_SOURCE_URL: 'mysql://b@env-host:3310',
    })
    expect(config.snapshot.parallelism).toBe(16)
    expect(config.source.url.host).toBe('env-host')
    expect(config.source.url.port).toBe(3310)
  })

  test('a bad value in the file is not reported when env replaces it', () => {
    expect(load('[snapshot]\nparallelism = 0\n', { CHSYNC_SNAPSHOT_PARALLELISM: '3' }).snapshot.parallelism).toBe(3)
  })

  test('lists: empty items dropped, an empty exclude list from ""', () => {
    expect(load('[replicate]\nexclude_tables = ["a.b"]\n', { CHSYNC_REPLICATE_EXCLUDE_TABLES: '' }).replicate.excludeTables).toEqual([])
    expect(load('', { CHSYNC_REPLICATE_DATABASES: ' a ,, b ,' }).replicate.databases).toEqual(['a', 'b'])
  })

  test('tables as JSON objects too', () => {
    const config = load('', { CHSYNC_TARGET_DATABASES: '{"shop":"s2"}', CHSYNC_TARGET_COLUMNS: '{"a.b.c":"UInt8"}' })
    expect(config.target.databases).toEqual(new Map([['shop', 's2']]))
    expect(config.target.columns).toEqual(new Map([['a.b.c', 'UInt8']]))
  })

  test('booleans: 1/0, yes/no, on/off, true/false in any case', () => {
    for (const [text, value] of [
      ['1', true],
      ['TRUE', true],
      ['On', true],
      ['0', false],
      ['no', false],
      ['off', false],
      ['False', false],
    ] as const) {
      expect(load('', { CHSYNC_SINK_NDJSON_INCLUDE_BEFORE: text }).sink.ndjson.includeBefore).toBe(value)
    }
  })

  test('variables outside chsync sections and undefined values are ignored', () => {
    const config = load('', { CHSYNC_TEST_NO_SERVERS: '1', PATH: '/bin', CHSYNC_CONFIG_UNUSED: 'x', HOME: undefined })
    expect(config.snapshot.parallelism).toBe(4)
  })

  test('an env value that does not convert names the variable and the key', () => {
    expect(problems('', { CHSYNC_SNAPSHOT_PARALLELISM: 'four' })).toEqual([
      {
        key: 'snapshot.parallelism',
        message: '"snapshot.parallelism" (from CHSYNC_SNAPSHOT_PARALLELISM) must be an integer from 1 to 64, got "four"',
      },
    ])
    expect(problems('', { CHSYNC_SINK_NDJSON_INCLUDE_BEFORE: 'maybe' })).toEqual([
      {
        key: 'sink.ndjson.include_before',
        message:
          '"sink.ndjson.include_before" (from CHSYNC_SINK_NDJSON_INCLUDE_BEFORE) must be true or false (also 1/0, yes/no, on/off), got "maybe"',
      },
    ])
    expect(problems('', { CHSYNC_TARGET_DATABASES: 'shop' })).toEqual([
      {
        key: 'target.databases',
        message:
          '"target.databases" (from CHSYNC_TARGET_DATABASES) must be "key=value,key2=value2" or a JSON object, got the item "shop" with no "key=" before its value',
      },
    ])
    expect(problems('', { CHSYNC_SINK_PLUGIN_OPTIONS: '{"token": ' })).toEqual([
      {
        key: 'sink.plugin.options',
        message: '"sink.plugin.options" (from CHSYNC_SINK_PLUGIN_OPTIONS) must be a JSON object (the text is not shown)',
      },
    ])
    expect(problems('', { CHSYNC_SNAPSHOT_CHUNK_ROWS: '' })[0]!.message).toBe(
      '"snapshot.chunk_rows" (from CHSYNC_SNAPSHOT_CHUNK_ROWS) must be an integer from 100 to 10000000, got ""',
    )
  })

  test('a misspelt variable in a chsync section is refused, with a suggestion', () => {
    expect(problems('', { CHSYNC_SNAPSHOT_PARALELISM: '8', CHSYNC_LOG_COLOR: 'no' })).toEqual([
      {
        key: 'CHSYNC_SNAPSHOT_PARALELISM',
        message: 'unknown environment variable CHSYNC_SNAPSHOT_PARALELISM; did you mean CHSYNC_SNAPSHOT_PARALLELISM?',
      },
      { key: 'CHSYNC_LOG_COLOR', message: 'unknown environment variable CHSYNC_LOG_COLOR' },
    ])
  })
})
