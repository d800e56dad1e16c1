// Checks across keys, and many problems reported together in one ConfigError.

import { describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import { configSummary, redactor } from '../../src/config/index.ts'
import { load, problems, refuse, tempDir } from './support.ts'

describe('contradictions and clashes', () => {
  test('plugin sink without a path', () => {
    expect(problems('[sink]\nkind = "plugin"\n')).toEqual([
      { key: 'sink.plugin.path', message: '"sink.plugin.path" is required when "sink.kind" is "plugin"' },
    ])
  })

  test('kafka sink: brokers required, acks "all", TLS files with tls, SASL with its user and password, known placeholders', () => {
    expect(problems('[sink]\nkind = "kafka"\n')).toEqual([
      { key: 'sink.kafka.brokers', message: '"sink.kafka.brokers" is required when "sink.kind" is "kafka"' },
    ])
    const files = tempDir({ 'ca.pem': 'ca' })
    const text =
      '[sink]\nkind = "kafka"\n[sink.kafka]\nbrokers = ["k1:9092"]\nacks = "leader"\nsasl = "PLAIN"\n' +
      `tls_ca_file = "${join(files, 'ca.pem')}"\ntopic = "{prefix}.{schema}.{table}"\n`
    expect(problems(text)).toEqual([
      {
        key: 'sink.kafka.acks',
        message:
          '"sink.kafka.acks" must be "all": the idempotent producer chsync uses (and exactly_once) needs every in-sync replica\'s acknowledgement',
      },
      {
        key: 'sink.kafka.tls_ca_file',
        message: '"sink.kafka.tls_ca_file" is set but "sink.kafka.tls" is false: set it to true, or remove sink.kafka.tls_ca_file',
      },
      {
        key: 'sink.kafka.user',
        message:
          '"sink.kafka.sasl" is PLAIN: set "sink.kafka.user" and the password (sink.kafka.password_file or CHSYNC_SINK_KAFKA_PASSWORD)',
      },
      {
        key: 'sink.kafka.topic',
        message: '"sink.kafka.topic" may only use {prefix}, {database}, {table}, got "{prefix}.{schema}.{table}"',
      },
    ])
    const ok = load('[sink]\nkind = "kafka"\n[sink.kafka]\nbrokers = ["k1:9092"]\nsasl = "SCRAM-SHA-256"\nuser = "cdc"\n', {
      CHSYNC_SINK_KAFKA_PASSWORD: 'pw',
    })
    expect([ok.sink.kafka.saslMechanism, ok.sink.kafka.user, ok.sink.kafka.password]).toEqual(['SCRAM-SHA-256', 'cdc', 'pw'])
  })

  test('never snapshot, yet resnapshot when the position is lost', () => {
    expect(problems('[snapshot]\nmode = "never"\non_position_lost = "resnapshot"\n')).toEqual([
      {
        key: 'snapshot.on_position_lost',
        message: '"snapshot.on_position_lost" is "resnapshot" but "snapshot.mode" is "never": they contradict, change one',
      },
    ])
    expect(load('[snapshot]\nmode = "initial_only"\non_position_lost = "resnapshot"\n').snapshot.onPositionLost).toBe('resnapshot')
  })

  test('Distributed tables without a cluster; a suffix that is not a name', () => {
    expect(problems('[target]\ndistributed = true\n')).toEqual([
      {
        key: 'target.distributed',
        message:
          '"target.distributed" is true but "target.cluster" is empty: a Distributed table reads the tables of a cluster; set target.cluster, or remove target.distributed',
      },
    ])
    expect(problems('[target]\ncluster = "main"\ndistributed = true\ndistributed_suffix = "-all"\n').map((p) => p.key)).toEqual([
      'target.distributed_suffix',
    ])
    expect(load('[target]\ncluster = "main"\ndistributed = true\n').target.distributed).toBe('_all')
    expect(load('[target]\ncluster = "main"\ndistributed_suffix = "_d"\n').target.distributed).toBeNull()
  })

  test('two source databases renamed to one target', () => {
    expect(problems('[target.databases]\nshop = "analytics"\ncrm = "analytics"\n')).toEqual([
      {
        key: 'target.databases',
        message: '"target.databases" sends source databases "shop" and "crm" to the same target database "analytics"',
      },
    ])
  })

  test('a rename onto the name another replicated database keeps', () => {
    const text = '[replicate]\ndatabases = ["shop", "crm_*", "shop_v2"]\n[target.databases]\nshop = "shop_v2"\n'
    expect(problems(text)).toEqual([
      {
        key: 'target.databases',
        message: '"target.databases" sends source databases "shop" and "shop_v2" to the same target database "shop_v2"',
      },
    ])
    const withPrefix = '[replicate]\ndatabases = ["shop", "crm"]\n[target]\ndatabase_prefix = "my_"\n[target.databases]\nshop = "my_crm"\n'
    expect(problems(withPrefix)[0]!.message).toBe(
      '"target.databases" sends source databases "shop" and "crm" to the same target database "my_crm"',
    )
    expect(load('[replicate]\ndatabases = ["shop", "crm"]\n[target.databases]\nshop = "crm_copy"\n').target.databases).toEqual(
      new Map([['shop', 'crm_copy']]),
    )
  })

  test('a column pattern with an empty part', () => {
    expect(problems('[replicate]\nexclude_columns = ["shop.users.", "ok", ".x"]\n')).toEqual([
      {
        key: 'replicate.exclude_columns',
        message:
          '"replicate.exclude_columns" items are "db.table.column", "table.column" or "column" (globs), got "shop.users." (an empty part)',
      },
      {
        key: 'replicate.exclude_columns',
        message: '"replicate.exclude_columns" items are "db.table.column", "table.column" or "column" (globs), got ".x" (an empty part)',
      },
    ])
    expect(load('[replicate]\nexclude_columns = ["shop.users.email", "*.secret_*"]\n').replicate.excludeColumns).toEqual([
      'shop.users.email',
      '*.secret_*',
    ])
  })

  test('sha256 masks need a salt, from the environment or a file; the salt is never shown', () => {
    expect(problems('[replicate.mask]\n"users.email" = "sha256"\n"*.ssn" = "redact"\n')).toEqual([
      {
        key: 'replicate.mask_salt_file',
        message: '"replicate.mask" has sha256 masks but no salt: set CHSYNC_REPLICATE_MASK_SALT or "replicate.mask_salt_file"',
      },
    ])
    expect(load('[replicate.mask]\n"*.ssn" = "redact"\n').replicate.mask).toEqual(new Map([['*.ssn', 'redact']]))
    const config = load('[replicate.mask]\n"users.email" = "sha256"\n', { CHSYNC_REPLICATE_MASK_SALT: 'pepper-1234567' })
    expect(config.maskSalt).toBe('pepper-1234567')
    const summary = JSON.stringify(configSummary(config))
    expect(summary).not.toContain('pepper')
    expect(summary).toContain('"mask_salt":"set"')
    expect(redactor(config)('salt pepper-1234567 here')).not.toContain('pepper')
  })

  test('a type override of a masked column is refused, naming both keys; other columns keep theirs', () => {
    const text =
      '[replicate.mask]\n"shop.users.e*" = "redact"\n"*.SSN" = "null"\n[target.columns]\n"shop.users.email" = "LowCardinality(String)"\n"crm.people.ssn" = "String"\n"shop.users.name" = "String"\n'
    expect(problems(text)).toEqual([
      {
        key: 'target.columns',
        message:
          '"target.columns" gives "shop.users.email" the type LowCardinality(String), but "replicate.mask" masks it ("shop.users.e*" = "redact") and a masked column\'s type follows its mask (sha256 FixedString(64), redact and null String): remove one of the two',
      },
      {
        key: 'target.columns',
        message:
          '"target.columns" gives "crm.people.ssn" the type String, but "replicate.mask" masks it ("*.SSN" = "null") and a masked column\'s type follows its mask (sha256 FixedString(64), redact and null String): remove one of the two',
      },
    ])
    expect(
      load('[replicate.mask]\n"shop.users.email" = "redact"\n[target.columns]\n"shop.orders.email" = "String"\n').target.columns.size,
    ).toBe(1)
  })

  test('a buffer smaller than one batch', () => {
    expect(problems('[apply]\nbatch_bytes = "64MiB"\nmax_buffer_bytes = "32MiB"\n')).toEqual([
      { key: 'apply.max_buffer_bytes', message: '"apply.max_buffer_bytes" (32MiB) must be at least "apply.batch_bytes" (64MiB)' },
    ])
  })

  test('TLS files while TLS is off, a certificate without its key, a CA for plain http', () => {
    const dir = tempDir({ 'ca.pem': 'x', 'cert.pem': 'x' })
    const text = `[source]\ntls_ca_file = "ca.pem"\n[target]\ntls_ca_file = "ca.pem"\n`
    expect(problems(text, {}, { path: join(dir, 'c.toml') })).toEqual([
      {
        key: 'source.tls_ca_file',
        message: '"source.tls_ca_file" is set but "source.tls" is "off": set source.tls = "on" (or "skip-verify"), or remove it',
      },
      { key: 'target.tls_ca_file', message: '"target.tls_ca_file" is set but "target.url" is not https://' },
    ])
    expect(problems('[source]\ntls = "on"\ntls_cert_file = "cert.pem"\n', {}, { path: join(dir, 'c.toml') })).toEqual([
      { key: 'source.tls_key_file', message: '"source.tls_cert_file" and "source.tls_key_file" go together: set both or neither' },
    ])
  })

  test('password both in a file and in the URL', () => {
    const dir = tempDir({ pw: 'a' })
    expect(problems(`[target]\nurl = "http://u:inline@h"\npassword_file = "${dir}/pw"\n`)).toEqual([
      { key: 'target.password_file', message: '"target.password_file" is set and "target.url" has a password too: give the password once' },
    ])
  })

  test('a check is skipped when one of its keys was already refused', () => {
    expect(problems('[snapshot]\nmode = "nevr"\non_position_lost = "resnapshot"\n').map((p) => p.key)).toEqual(['snapshot.mode'])
    expect(problems('[apply]\nbatch_bytes = "1GB"\nmax_buffer_bytes = "2MiB"\n').map((p) => p.key)).toEqual(['apply.batch_bytes'])
  })
})

describe('all problems at once', () => {
  test('a file with many mistakes gives all of them, in one error', () => {
    const text = [
      'colour = "blue"',
      '[source]',
      'url = "postgres://u@h"',
      'server_id = -5',
      'tls = "yes"',
      '[target]',
      'json_type = "Json"',
      '[replicate]',
      'databases = []',
      '[snapshot]',
      'mode = "never"',
      'on_position_lost = "resnapshot"',
      'parallelism = 100',
      '[apply]',
      'batch_bytes = "32 MB"',
      'optimize_interval = "weekly"',
      '[sink]',
      'kind = "plugin"',
      '[sink.ndjson]',
      'rotate = true',
      '[health]',
      'tcp = "9105"',
      '[log]',
      'level = "trace"',
    ].join('\n')
    const error = refuse(text, { CHSYNC_STATE_PATH: '', CHSYNC_SNAPSHOT_CHUNKROWS: '5' })
    expect(error.problems.map((p) => p.key)).toEqual([
      'colour',
      'sink.ndjson.rotate',
      'CHSYNC_SNAPSHOT_CHUNKROWS',
      'source.url',
      'source.server_id',
      'source.tls',
      'target.json_type',
      'replicate.databases',
      'snapshot.parallelism',
      'apply.batch_bytes',
      'apply.optimize_interval',
      'state.path',
      'health.tcp',
      'log.level',
      'sink.plugin.path',
      'snapshot.on_position_lost',
    ])
    for (const problem of error.problems) expect(problem.message).toContain(problem.key)
    expect(error.message.split('\n')[0]).toBe('invalid configuration (16 problems):')
    expect(error.message.split('\n')).toHaveLength(17)
    expect(error.message).toContain('\n  - "state.path" (from CHSYNC_STATE_PATH) must be a path, got ""')
    expect(error.message).toContain(
      '\n  - unknown environment variable CHSYNC_SNAPSHOT_CHUNKROWS; did you mean CHSYNC_SNAPSHOT_CHUNK_ROWS?',
    )
  })
})
