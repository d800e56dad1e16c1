// The key table behind --help and the README.

import { describe, expect, test } from 'bun:test'
import { describeConfig, formatConfigKeys } from '../../src/config/index.ts'

describe('describeConfig', () => {
  const rows = describeConfig()

  test('every key of the contract, in file order, passwords after their password_file', () => {
    expect(rows.map((r) => r.key)).toEqual([
      'source.url',
      'source.password_file',
      'source.password',
      'source.snapshot_url',
      'source.server_id',
      'source.heartbeat_seconds',
      'source.tls',
      'source.tls_ca_file',
      'source.tls_cert_file',
      'source.tls_key_file',
      'source.connect_timeout_seconds',
      'target.url',
      'target.password_file',
      'target.password',
      'target.database_prefix',
      'target.cluster',
      'target.distributed',
      'target.distributed_suffix',
      'target.tls_ca_file',
      'target.json_type',
      'target.time_type',
      'target.databases',
      'target.columns',
      'target.layout',
      'replicate.databases',
      'replicate.tables',
      'replicate.exclude_tables',
      'replicate.exclude_columns',
      'replicate.mask',
      'replicate.mask_salt_file',
      'replicate.mask_salt',
      'snapshot.mode',
      'snapshot.parallelism',
      'snapshot.chunk_rows',
      'snapshot.on_position_lost',
      'apply.batch_rows',
      'apply.batch_bytes',
      'apply.flush_interval_ms',
      'apply.flush_when_idle',
      'apply.max_buffer_bytes',
      'apply.optimize_interval',
      'apply.emulate_cascades',
      'apply.ignore_deletes',
      'sink.kind',
      'sink.ndjson.output',
      'sink.ndjson.max_file_bytes',
      'sink.ndjson.include_before',
      'sink.ndjson.batch_rows',
      'sink.ndjson.flush_interval_ms',
      'sink.ndjson.http_retries',
      'sink.plugin.path',
      'sink.plugin.options',
      'sink.kafka.brokers',
      'sink.kafka.topic',
      'sink.kafka.topic_prefix',
      'sink.kafka.ddl_topic',
      'sink.kafka.position_topic',
      'sink.kafka.client_id',
      'sink.kafka.acks',
      'sink.kafka.compression',
      'sink.kafka.request_bytes',
      'sink.kafka.exactly_once',
      'sink.kafka.transactional_id',
      'sink.kafka.include_before',
      'sink.kafka.tombstones',
      'sink.kafka.create_topics',
      'sink.kafka.partitions',
      'sink.kafka.replication_factor',
      'sink.kafka.retries',
      'sink.kafka.timeout_ms',
      'sink.kafka.tls',
      'sink.kafka.tls_ca_file',
      'sink.kafka.tls_cert_file',
      'sink.kafka.tls_key_file',
      'sink.kafka.sasl',
      'sink.kafka.user',
      'sink.kafka.password_file',
      'sink.kafka.password',
      'state.path',
      'health.socket',
      'health.tcp',
      'log.level',
      'log.format',
    ])
  })

  test('env names are CHSYNC_ + the key, unique', () => {
    for (const row of rows) expect(row.env).toBe(`CHSYNC_${row.key.replaceAll('.', '_').toUpperCase()}`)
    expect(new Set(rows.map((r) => r.env)).size).toBe(rows.length)
  })

  test('every key has a type and a description; only the passwords and the mask salt are env-only', () => {
    for (const row of rows) {
      expect(row.type.length).toBeGreaterThan(0)
      expect(row.description.length).toBeGreaterThan(20)
    }
    expect(rows.filter((r) => r.envOnly).map((r) => r.key)).toEqual([
      'source.password',
      'target.password',
      'replicate.mask_salt',
      'sink.kafka.password',
    ])
  })

  test('a few rows in full', () => {
    expect(rows.find((r) => r.key === 'snapshot.parallelism')).toEqual({
      key: 'snapshot.parallelism',
      type: 'integer 1..64',
      default: '4',
      env: 'CHSYNC_SNAPSHOT_PARALLELISM',
      description: 'Tables (or chunks) copied at the same time.',
      envOnly: false,
    })
    expect(rows.find((r) => r.key === 'snapshot.mode')!.type).toBe('initial | never | initial_only')
    expect(rows.find((r) => r.key === 'source.server_id')!.description).toContain('FNV-1a')
  })
})

describe('formatConfigKeys', () => {
  test('markdown: a header and one row per key', () => {
    const lines = formatConfigKeys('markdown').trimEnd().split('\n')
    expect(lines[0]).toBe('| key | type | default | env | description |')
    expect(lines).toHaveLength(2 + describeConfig().length)
    expect(lines).toContain(
      '| `log.format` | auto \\| human \\| json | `"auto"` | `CHSYNC_LOG_FORMAT` | auto: human on a terminal, JSON lines otherwise. |',
    )
    expect(lines).toContain(
      '| `source.password (env only)` | string (secret) | `""` | `CHSYNC_SOURCE_PASSWORD` | The source password, from the environment only; wins over source.password_file and the URL. |',
    )
  })

  test('text: grouped by section, for --help', () => {
    const text = formatConfigKeys('text')
    expect(text.startsWith('[source]\n  url = "mysql://repl@127.0.0.1:3306"    mysql | mariadb URL    CHSYNC_SOURCE_URL\n')).toBe(true)
    expect(text).toContain('\n[sink.ndjson]\n  output = "-"')
    expect(text).toContain('\n  password (env only)    string (secret)    CHSYNC_TARGET_PASSWORD\n')
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100)
  })
})
