// The health server's optional TCP listener, asked by the real curl: the same routes as the UNIX
// socket. A server test because it listens on 127.0.0.1 (`make unit` runs where even loopback is down).

import { afterAll, beforeAll, expect, test } from 'bun:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HealthServer, Stats } from '../../src/health/index.ts'
import { curlGet, ensureTools } from './support/http-tools.ts'

let dir: string
const stats = new Stats()
stats.stage = 'streaming'

beforeAll(async () => {
  await ensureTools()
  dir = mkdtempSync(join(tmpdir(), 'chsync-ops-tcp-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

test('the optional TCP listener serves the same routes', async () => {
  const server = await HealthServer.start({
    stats,
    socket: join(dir, 'tcp.sock'),
    tcp: { host: '127.0.0.1', port: 0 },
    version: '0.1.0',
    commit: 'c0ffee',
  })
  try {
    expect(server.tcpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const health = await curlGet(null, `${server.tcpUrl}health`)
    expect(health.status).toBe(200)
    expect(JSON.parse(health.body).stage).toBe('streaming')
    const metrics = await curlGet(null, `${server.tcpUrl}metrics`)
    expect(metrics.body).toContain('chsync_build_info{version="0.1.0",commit="c0ffee"} 1\n')
  } finally {
    await server.stop()
  }
})
