// The example /work/main/config.toml (the local test servers) loads without a problem.

import { expect, test } from 'bun:test'
import { join } from 'node:path'
import { loadConfig } from '../../src/config/index.ts'

const repo = join(import.meta.dir, '../..')

test('config.toml at the repository root loads, with the password from env', () => {
  const config = loadConfig({ path: join(repo, 'config.toml'), env: { CHSYNC_SOURCE_PASSWORD: 'repl-test-pw' }, hostname: 'dev' })
  expect(config.file).toBe(join(repo, 'config.toml'))
  expect(config.source.url).toEqual({ scheme: 'mysql', host: '127.0.0.1', port: 33307, user: 'repl', password: 'repl-test-pw' })
  expect(config.target.url).toEqual({ scheme: 'http', host: '127.0.0.1', port: 18123, user: 'default', password: '' })
  expect(config.state.path).toBe(join(repo, '.chsync/state.db'))
  expect(config.health.socket).toBe(join(repo, '.chsync/health.sock'))
  expect(config.replicate.databases).toEqual(['shop', 'crm_*'])
  expect(config.sink.kind).toBe('clickhouse')
  expect(config.apply.batchBytes).toBe(32 * 1024 * 1024)
})

test('every commented-out example line in it is valid too', async () => {
  const text = await Bun.file(join(repo, 'config.toml')).text()
  const uncommented = text.replace(/^# ((?:\w+ = |"[\w.]+" = ).*)$/gm, '$1').replace(/^# (\w+ = "[^"]*")\s+#.*$/gm, '$1')
  expect(uncommented).not.toBe(text)
  const config = loadConfig({ text: uncommented, path: join(repo, 'config.toml'), env: {}, hostname: 'dev' })
  expect(config.source.snapshotUrl).toEqual({ scheme: 'mysql', host: '127.0.0.1', port: 33308, user: 'repl', password: '' })
  expect(config.target.databases).toEqual(new Map([['shop', 'shop_analytics']]))
  expect(config.target.columns).toEqual(new Map([['shop.orders.total', 'Decimal(18, 2)']]))
  expect(config.health.tcp).toEqual({ host: '127.0.0.1', port: 9105 })
})
