// Wrong types and impossible values: one problem per key, naming the key and what was expected.

import { describe, expect, test } from 'bun:test'
import { describeConfig } from '../../src/config/index.ts'
import { problems } from './support.ts'

/** [key, a TOML value of the wrong type, the whole message]. */
const WRONG_TYPE: [string, string, string][] = [
  ['source.url', '3306', '"source.url" must be a URL like "mysql://repl@127.0.0.1:3306", got the number "3306"'],
  ['source.password_file', 'true', '"source.password_file" must be a path (a string), got the boolean true'],
  ['source.snapshot_url', '["mysql://a@b"]', '"source.snapshot_url" must be a URL like "mysql://replica.example:3306", got a list'],
  ['source.server_id', '"42"', '"source.server_id" must be an integer from 0 to 4294967295, got the string "42"'],
  ['source.heartbeat_seconds', '1.5', '"source.heartbeat_seconds" must be an integer from 1 to 3600, got "1.5"'],
  ['source.tls', 'true', '"source.tls" must be one of "off", "on", "skip-verify", got the boolean true'],
  ['source.tls_ca_file', '1', '"source.tls_ca_file" must be a path (a string), got the number "1"'],
  ['source.tls_cert_file', '{}', '"source.tls_cert_file" must be a path (a string), got a table'],
  ['source.tls_key_file', '[]', '"source.tls_key_file" must be a path (a string), got a list'],
  ['source.connect_timeout_seconds', '"10s"', '"source.connect_timeout_seconds" must be an integer from 1 to 3600, got the string "10s"'],
  ['target.url', '8123', '"target.url" must be a URL like "http://default@127.0.0.1:8123", got the number "8123"'],
  ['target.password_file', '0', '"target.password_file" must be a path (a string), got the number "0"'],
  ['target.database_prefix', '1', '"target.database_prefix" must be a string, got the number "1"'],
  ['target.cluster', 'false', '"target.cluster" must be a string, got the boolean false'],
  ['target.distributed', '"yes"', '"target.distributed" must be true or false, got the string "yes"'],
  ['target.distributed_suffix', '"_a-b"', '"target.distributed_suffix" must be letters, digits or "_" (at least one), got "_a-b"'],
  ['target.tls_ca_file', '2', '"target.tls_ca_file" must be a path (a string), got the number "2"'],
  ['target.json_type', '"json"', '"target.json_type" must be one of "String", "JSON", got "json"'],
  ['target.time_type', '"time64"', '"target.time_type" must be one of "auto", "Time64", "String", got "time64"'],
  [
    'target.databases',
    '"shop=x"',
    '"target.databases" must be a table of target database names keyed by source database, got the string "shop=x"',
  ],
  ['target.columns', '["a.b.c"]', '"target.columns" must be a table of ClickHouse types keyed by "db.table.column", got a list'],
  ['replicate.databases', '"shop"', '"replicate.databases" must be a list of glob patterns (strings), got the string "shop"'],
  ['replicate.tables', '{ a = 1 }', '"replicate.tables" must be a list of glob patterns (strings), got a table'],
  ['replicate.exclude_tables', '"x.y"', '"replicate.exclude_tables" must be a list of glob patterns (strings), got the string "x.y"'],
  ['target.layout', '{ tables = "x" }', '"target.layout" must be a list of tables ([[target.layout]]), got a table'],
  ['replicate.mask', '["a.b.c"]', '"replicate.mask" must be a table of masks keyed by "db.table.column" patterns, got a list'],
  ['replicate.mask_salt_file', '3', '"replicate.mask_salt_file" must be a path (a string), got the number "3"'],
  ['replicate.exclude_columns', '["a.b.c", 3]', '"replicate.exclude_columns" item 2 must be a non-empty pattern, got the number "3"'],
  ['snapshot.mode', '1', '"snapshot.mode" must be one of "initial", "never", "initial_only", got the number "1"'],
  ['snapshot.parallelism', '"4"', '"snapshot.parallelism" must be an integer from 1 to 64, got the string "4"'],
  ['snapshot.chunk_rows', 'true', '"snapshot.chunk_rows" must be an integer from 100 to 10000000, got the boolean true'],
  ['snapshot.on_position_lost', '[]', '"snapshot.on_position_lost" must be one of "fail", "resnapshot", got a list'],
  ['apply.batch_rows', '"many"', '"apply.batch_rows" must be an integer from 1 to 100000000, got the string "many"'],
  [
    'apply.batch_bytes',
    'true',
    '"apply.batch_bytes" must be a size of at least 1KiB (an integer of bytes, or a number with B, KiB, MiB, GiB or TiB, e.g. "32MiB"), got the boolean true',
  ],
  ['apply.flush_interval_ms', '"500ms"', '"apply.flush_interval_ms" must be an integer from 1 to 3600000, got the string "500ms"'],
  [
    'apply.max_buffer_bytes',
    '[1]',
    '"apply.max_buffer_bytes" must be a size of at least 1MiB (an integer of bytes, or a number with B, KiB, MiB, GiB or TiB, e.g. "32MiB"), got a list',
  ],
  [
    'apply.optimize_interval',
    '3600',
    '"apply.optimize_interval" must be "0" or a duration of at least 1s, e.g. "30m", "1h", "1h30m" (units ms, s, m, h, d), got the number "3600"',
  ],
  ['apply.emulate_cascades', '"off"', '"apply.emulate_cascades" must be true or false, got the string "off"'],
  ['apply.ignore_deletes', '1', '"apply.ignore_deletes" must be true or false, got the number "1"'],
  ['apply.flush_when_idle', '"yes"', '"apply.flush_when_idle" must be true or false, got the string "yes"'],
  ['sink.kind', '"pulsar"', '"sink.kind" must be one of "clickhouse", "ndjson", "kafka", "plugin", got "pulsar"'],
  ['sink.ndjson.output', '1', '"sink.ndjson.output" must be "-", a file path or an http(s):// URL, got the number "1"'],
  [
    'sink.ndjson.max_file_bytes',
    '-1',
    '"sink.ndjson.max_file_bytes" must be a size of at least 1KiB (an integer of bytes, or a number with B, KiB, MiB, GiB or TiB, e.g. "32MiB"), got "-1"',
  ],
  ['sink.ndjson.include_before', '"yes"', '"sink.ndjson.include_before" must be true or false, got the string "yes"'],
  ['sink.ndjson.batch_rows', '0', '"sink.ndjson.batch_rows" must be an integer from 1 to 10000000, got "0"'],
  ['sink.ndjson.flush_interval_ms', '"500"', '"sink.ndjson.flush_interval_ms" must be an integer from 1 to 3600000, got the string "500"'],
  ['sink.ndjson.http_retries', '-1', '"sink.ndjson.http_retries" must be an integer from 0 to 1000, got "-1"'],
  ['sink.kafka.brokers', '"k1:9092"', '"sink.kafka.brokers" must be a list of "host:port" brokers, got the string "k1:9092"'],
  ['sink.kafka.topic', '1', '"sink.kafka.topic" must be a string, got the number "1"'],
  ['sink.kafka.topic_prefix', 'true', '"sink.kafka.topic_prefix" must be a string, got the boolean true'],
  ['sink.kafka.ddl_topic', '[]', '"sink.kafka.ddl_topic" must be a string, got a list'],
  ['sink.kafka.position_topic', '{}', '"sink.kafka.position_topic" must be a string, got a table'],
  ['sink.kafka.client_id', '7', '"sink.kafka.client_id" must be a string, got the number "7"'],
  ['sink.kafka.acks', '-1', '"sink.kafka.acks" must be one of "all", "leader", "none", got the number "-1"'],
  ['sink.kafka.compression', '"brotli"', '"sink.kafka.compression" must be one of "none", "gzip", "snappy", "lz4", "zstd", got "brotli"'],
  [
    'sink.kafka.request_bytes',
    '"1 MB"',
    '"sink.kafka.request_bytes" must be a size of at least 1KiB (an integer of bytes, or a number with B, KiB, MiB, GiB or TiB, e.g. "32MiB"), got "1 MB"',
  ],
  ['sink.kafka.exactly_once', '"yes"', '"sink.kafka.exactly_once" must be true or false, got the string "yes"'],
  ['sink.kafka.transactional_id', '1', '"sink.kafka.transactional_id" must be a string, got the number "1"'],
  ['sink.kafka.include_before', '1', '"sink.kafka.include_before" must be true or false, got the number "1"'],
  ['sink.kafka.tombstones', '"true"', '"sink.kafka.tombstones" must be true or false, got the string "true"'],
  ['sink.kafka.create_topics', '0', '"sink.kafka.create_topics" must be true or false, got the number "0"'],
  ['sink.kafka.partitions', '0', '"sink.kafka.partitions" must be an integer from 1 to 100000, got "0"'],
  ['sink.kafka.replication_factor', '"3"', '"sink.kafka.replication_factor" must be an integer from 1 to 32, got the string "3"'],
  ['sink.kafka.retries', '-1', '"sink.kafka.retries" must be an integer from 0 to 100, got "-1"'],
  ['sink.kafka.timeout_ms', '10', '"sink.kafka.timeout_ms" must be an integer from 100 to 600000, got "10"'],
  ['sink.kafka.tls', '"on"', '"sink.kafka.tls" must be true or false, got the string "on"'],
  ['sink.kafka.tls_ca_file', '1', '"sink.kafka.tls_ca_file" must be a path (a string), got the number "1"'],
  ['sink.kafka.tls_cert_file', '[]', '"sink.kafka.tls_cert_file" must be a path (a string), got a list'],
  ['sink.kafka.tls_key_file', '{}', '"sink.kafka.tls_key_file" must be a path (a string), got a table'],
  ['sink.kafka.sasl', '"scram"', '"sink.kafka.sasl" must be one of "none", "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", got "scram"'],
  ['sink.kafka.user', '1', '"sink.kafka.user" must be a string, got the number "1"'],
  ['sink.kafka.password_file', 'true', '"sink.kafka.password_file" must be a path (a string), got the boolean true'],
  ['sink.plugin.path', '[]', '"sink.plugin.path" must be a path (a string), got a list'],
  ['sink.plugin.options', '"token=abc"', '"sink.plugin.options" must be a table, got a string'],
  ['state.path', '""', '"state.path" must be a path, got ""'],
  ['health.socket', 'false', '"health.socket" must be a path (a string), got the boolean false'],
  [
    'health.tcp',
    '9105',
    '"health.tcp" must be "" or "host:port" with a port from 1 to 65535 (e.g. "127.0.0.1:9105"), got the number "9105"',
  ],
  ['log.level', '"verbose"', '"log.level" must be one of "debug", "info", "warn", "error", got "verbose"'],
  ['log.format', '"text"', '"log.format" must be one of "auto", "human", "json", got "text"'],
]

function toml(key: string, value: string): string {
  const dot = key.lastIndexOf('.')
  return `[${key.slice(0, dot)}]\n${key.slice(dot + 1)} = ${value}\n`
}

describe('a value of the wrong type', () => {
  test('every key of the file has a case here', () => {
    const fileKeys = describeConfig()
      .filter((row) => !row.envOnly)
      .map((row) => row.key)
    expect(WRONG_TYPE.map(([key]) => key).sort()).toEqual(fileKeys.sort())
  })

  for (const [key, value, message] of WRONG_TYPE) {
    test(`${key} = ${value}`, () => {
      const found = problems(toml(key, value))
      expect(found).toEqual([{ key, message }])
      expect(found[0]!.message).toContain(`"${key}"`)
    })
  }
})

/** [key, an impossible value (TOML), the whole message]. */
const IMPOSSIBLE: [string, string, string][] = [
  ['snapshot.parallelism', '0', '"snapshot.parallelism" must be an integer from 1 to 64, got "0"'],
  ['snapshot.parallelism', '65', '"snapshot.parallelism" must be an integer from 1 to 64, got "65"'],
  ['snapshot.chunk_rows', '99', '"snapshot.chunk_rows" must be an integer from 100 to 10000000, got "99"'],
  ['snapshot.chunk_rows', '10_000_001', '"snapshot.chunk_rows" must be an integer from 100 to 10000000, got "10000001"'],
  ['source.server_id', '-1', '"source.server_id" must be an integer from 0 to 4294967295, got "-1"'],
  ['source.server_id', '4294967296', '"source.server_id" must be an integer from 0 to 4294967295, got "4294967296"'],
  ['source.server_id', '99999999999999999999', '"source.server_id" must be an integer from 0 to 4294967295, got "99999999999999999999"'],
  ['source.heartbeat_seconds', '0', '"source.heartbeat_seconds" must be an integer from 1 to 3600, got "0"'],
  ['source.connect_timeout_seconds', 'inf', '"source.connect_timeout_seconds" must be an integer from 1 to 3600, got "Infinity"'],
  ['source.tls', '"verify"', '"source.tls" must be one of "off", "on", "skip-verify", got "verify"'],
  ['snapshot.mode', '"Initial"', '"snapshot.mode" must be one of "initial", "never", "initial_only", got "Initial"'],
  ['snapshot.on_position_lost', '"retry"', '"snapshot.on_position_lost" must be one of "fail", "resnapshot", got "retry"'],
  ['apply.batch_rows', '0', '"apply.batch_rows" must be an integer from 1 to 100000000, got "0"'],
  ['apply.flush_interval_ms', '0', '"apply.flush_interval_ms" must be an integer from 1 to 3600000, got "0"'],
  ['replicate.databases', '[]', '"replicate.databases" must name at least one pattern ("*" for all), got an empty list'],
  ['replicate.tables', '[]', '"replicate.tables" must name at least one pattern ("*" for all), got an empty list'],
  ['replicate.databases', '["shop", 4, ""]', '"replicate.databases" item 2 must be a non-empty pattern, got the number "4"'],
  [
    'health.tcp',
    '"127.0.0.1"',
    '"health.tcp" must be "" or "host:port" with a port from 1 to 65535 (e.g. "127.0.0.1:9105"), got "127.0.0.1"',
  ],
  [
    'health.tcp',
    '"127.0.0.1:0"',
    '"health.tcp" must be "" or "host:port" with a port from 1 to 65535 (e.g. "127.0.0.1:9105"), got "127.0.0.1:0"',
  ],
  [
    'health.tcp',
    '"localhost:70000"',
    '"health.tcp" must be "" or "host:port" with a port from 1 to 65535 (e.g. "127.0.0.1:9105"), got "localhost:70000"',
  ],
  ['sink.ndjson.output', '""', '"sink.ndjson.output" must be "-" (stdout), a file path or an http(s):// URL, got ""'],
  ['target.databases', '{ shop = "", crm = 1 }', '"target.databases" entry "shop" must be a non-empty string, got ""'],
  ['target.columns', '{ "shop.orders" = "UInt8" }', '"target.columns" entry "shop.orders" must be named "db.table.column"'],
  [
    'replicate.mask',
    '{ "shop.users.email" = "md5" }',
    '"replicate.mask" entry "shop.users.email" must be "sha256", "null" or "redact", got "md5"',
  ],
  [
    'replicate.mask',
    '{ "shop..email" = "null" }',
    '"replicate.mask" entry "shop..email" must be a "db.table.column", "table.column" or "column" pattern',
  ],
  ['state.path', '"  "', '"state.path" must be a path, got ""'],
]

describe('an impossible value', () => {
  for (const [key, value, message] of IMPOSSIBLE) {
    test(`${key} = ${value}`, () => {
      const found = problems(toml(key, value))
      expect(found[0]).toEqual({ key, message })
    })
  }

  test('every problem of every [[target.layout]] entry is reported', () => {
    const value =
      '[{ tables = "t", order = "(id)", settings = { "a-b" = 1, ok = [1] }, indexes = ["ix v"], codecs = { c = 3 } }, { order_by = "(id)", mode = "append" }, 5]'
    expect(problems(toml('target.layout', value)).map((p) => p.message)).toEqual(
      [
        'entry 1 has an unknown key "order" (known: tables, mode, partition_by, order_by, ttl, settings, indexes, codecs)',
        'entry 1 settings: "a-b" is not a setting name',
        'entry 1 settings: "ok" must be a number, a boolean or a string, got a list',
        'entry 1 "indexes" must be a list of "INDEX name expression TYPE type [GRANULARITY n]", got another text',
        'entry 1 codecs: "c" must be a codec such as "ZSTD(3)", got a number',
        'entry 2 "tables" must be a non-empty string, got nothing',
        'entry 2 "mode" must be one of "replacing", "history", got "append"',
        'entry 3 must be a table, got a number',
      ].map((p) => `"target.layout" ${p}`),
    )
  })

  test('every bad item of a list or table is reported', () => {
    expect(problems(toml('replicate.databases', '["shop", 4, ""]')).map((p) => p.message)).toEqual([
      '"replicate.databases" item 2 must be a non-empty pattern, got the number "4"',
      '"replicate.databases" item 3 must be a non-empty pattern, got ""',
    ])
    expect(problems(toml('target.databases', '{ shop = "", crm = 1 }')).map((p) => p.message)).toEqual([
      '"target.databases" entry "shop" must be a non-empty string, got ""',
      '"target.databases" entry "crm" must be a non-empty string, got the number "1"',
    ])
  })
})

describe('sizes and durations', () => {
  const badSizes = ['32MB', '1.5B', '0.1KiB', 'abc', '10 parsecs', '', 'MiB', '-5MiB', '1e3']
  for (const text of badSizes) {
    test(`size ${JSON.stringify(text)} is refused`, () => {
      expect(problems(toml('apply.batch_bytes', JSON.stringify(text)))).toEqual([
        {
          key: 'apply.batch_bytes',
          message: `"apply.batch_bytes" must be a size of at least 1KiB (an integer of bytes, or a number with B, KiB, MiB, GiB or TiB, e.g. "32MiB"), got ${JSON.stringify(text)}`,
        },
      ])
    })
  }

  test('sizes below the minimum are refused', () => {
    expect(problems(toml('apply.batch_bytes', '"1023B"'))[0]!.key).toBe('apply.batch_bytes')
    expect(problems(toml('apply.max_buffer_bytes', '"1023KiB"'))[0]!.message).toStartWith(
      '"apply.max_buffer_bytes" must be a size of at least 1MiB',
    )
  })

  const badDurations = ['30', '1 hour', '1.5h', '500us', 'h', '-1h', '1H', '', '500ms']
  for (const text of badDurations) {
    test(`duration ${JSON.stringify(text)} is refused`, () => {
      expect(problems(toml('apply.optimize_interval', JSON.stringify(text)))).toEqual([
        {
          key: 'apply.optimize_interval',
          message: `"apply.optimize_interval" must be "0" or a duration of at least 1s, e.g. "30m", "1h", "1h30m" (units ms, s, m, h, d), got ${JSON.stringify(text)}`,
        },
      ])
    })
  }
})
