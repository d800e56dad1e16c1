// Every key's default, as the typed value the rest of chsync reads.

import { describe, expect, test } from 'bun:test'
import { existsSync } from 'node:fs'
import { deriveServerId, deriveTransactionalId, describeConfig, loadConfig } from '../../src/config/index.ts'
import { HOST, load } from './support.ts'

describe('defaults', () => {
  const config = load('')

  test('source', () => {
    expect(config.source).toEqual({
      url: { scheme: 'mysql', host: '127.0.0.1', port: 3306, user: 'repl', password: '' },
      snapshotUrl: null,
      serverId: deriveServerId(HOST, '/var/lib/chsync/state.db'),
      serverIdDerived: true,
      heartbeatSeconds: 5,
      tls: 'off',
      tlsCaFile: null,
      tlsCertFile: null,
      tlsKeyFile: null,
      connectTimeoutSeconds: 10,
    })
  })

  test('target', () => {
    expect(config.target).toEqual({
      url: { scheme: 'http', host: '127.0.0.1', port: 8123, user: 'default', password: '' },
      databasePrefix: '',
      cluster: null,
      distributed: null,
      tlsCaFile: null,
      jsonType: 'String',
      timeType: 'auto',
      databases: new Map(),
      columns: new Map(),
      layout: [],
    })
  })

  test('replicate and snapshot', () => {
    expect(config.replicate).toEqual({ databases: ['*'], tables: ['*'], excludeTables: [], excludeColumns: [], mask: new Map() })
    expect(config.snapshot).toEqual({ mode: 'initial', parallelism: 4, chunkRows: 50000, onPositionLost: 'fail' })
  })

  test('apply: sizes in bytes, durations in ms', () => {
    expect(config.apply).toEqual({
      batchRows: 100000,
      batchBytes: 32 * 1024 * 1024,
      flushIntervalMs: 500,
      flushWhenIdle: true,
      maxBufferBytes: 64 * 1024 * 1024,
      optimizeIntervalMs: 0,
      emulateCascades: true,
      ignoreDeletes: false,
    })
  })

  test('sink', () => {
    expect(config.sink).toEqual({
      kind: 'clickhouse',
      ndjson: {
        output: { kind: 'stdout' },
        maxFileBytes: 256 * 1024 * 1024,
        includeBefore: false,
        batchRows: 1000,
        flushIntervalMs: 500,
        httpRetries: 10,
      },
      kafka: {
        brokers: [],
        topic: '{prefix}.{database}.{table}',
        topicPrefix: 'chsync',
        ddlTopic: '{prefix}.schema_changes',
        positionTopic: '{prefix}.positions',
        clientId: 'chsync',
        acks: 'all',
        compression: 'none',
        requestBytes: 1024 * 1024,
        exactlyOnce: true,
        transactionalId: deriveTransactionalId(config.source.serverId, '/var/lib/chsync/state.db'),
        includeBefore: false,
        tombstones: false,
        createTopics: true,
        partitions: 1,
        replicationFactor: 1,
        retries: 5,
        timeoutMs: 30000,
        tls: false,
        tlsCaFile: null,
        tlsCertFile: null,
        tlsKeyFile: null,
        saslMechanism: 'none',
        user: '',
        password: '',
      },
      plugin: { path: null, options: {} },
    })
  })

  test('state, health, log', () => {
    expect(config.state).toEqual({ path: '/var/lib/chsync/state.db' })
    expect(config.health).toEqual({ socket: '/run/chsync/health.sock', tcp: null })
    expect(config.log).toEqual({ level: 'info', format: 'auto' })
    expect(config.file).toBeNull()
  })

  test('the key table shows the same defaults', () => {
    const shown = Object.fromEntries(describeConfig().map((row) => [row.key, row.default]))
    expect(shown['source.url']).toBe('"mysql://repl@127.0.0.1:3306"')
    expect(shown['snapshot.parallelism']).toBe('4')
    expect(shown['apply.batch_bytes']).toBe('"32MiB"')
    expect(shown['replicate.databases']).toBe('["*"]')
    expect(shown['replicate.exclude_tables']).toBe('[]')
    expect(shown['sink.ndjson.include_before']).toBe('false')
    expect(shown['sink.plugin.options']).toBe('{}')
    expect(shown['source.password']).toBe('""')
  })

  test('empty sections give the defaults too', () => {
    const sections =
      '[source]\n[target]\n[target.databases]\n[target.columns]\n[replicate]\n[snapshot]\n[apply]\n[sink]\n[sink.ndjson]\n[sink.plugin]\n[sink.plugin.options]\n[state]\n[health]\n[log]\n'
    expect(load(sections)).toEqual(config)
  })

  test.skipIf(existsSync('/etc/chsync/config.toml'))('no file anywhere: defaults only', () => {
    const fromNothing = loadConfig({ env: {}, cwd: '/nonexistent-chsync-dir', hostname: HOST })
    expect(fromNothing.file).toBeNull()
    expect(fromNothing.snapshot.parallelism).toBe(4)
  })
})
