// The health server on a real UNIX socket, asked by the real socat and curl binaries: HTTP/1.0
// without Host (DESIGN.md's socat line), HTTP/1.1, mode 0660, stale and live socket files.
// (The optional TCP listener is in health-tcp.server.test.ts: it needs the loopback interface.)

import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HealthServer, HealthServerError, Stats } from '../../src/health/index.ts'
import { curlGet, ensureTools, socatGet, socatRequest } from './support/http-tools.ts'

let dir: string
const stats = new Stats()
stats.stage = 'streaming'
stats.gtidDiff = 0
stats.countRows('shop', 'orders', 3)

beforeAll(async () => {
  await ensureTools()
  dir = mkdtempSync(join(tmpdir(), 'chsync-ops-sock-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function serve(socket: string): Promise<HealthServer> {
  return HealthServer.start({ stats, socket, tcp: null, version: '0.1.0', commit: 'c0ffee' })
}

describe('on the UNIX socket', () => {
  let server: HealthServer
  let socket: string
  beforeAll(async () => {
    // The folder does not exist yet: the server creates it.
    socket = join(dir, 'run', 'chsync', 'health.sock')
    server = await serve(socket)
  })
  afterAll(() => server.stop())

  test('the socket file has mode 0660', () => {
    const st = statSync(socket)
    expect(st.isSocket()).toBe(true)
    expect(st.mode & 0o777).toBe(0o660)
  })

  test("socat, HTTP/1.0 without a Host header (DESIGN.md's command)", async () => {
    const res = await socatGet(socket, '/health')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/json')
    const body = JSON.parse(res.body)
    expect(body.status).toBe('ok')
    expect(body.stage).toBe('streaming')
    expect(body.gtid_diff).toBe(0)
  })

  test('socat, HTTP/1.0 GET / and /metrics', async () => {
    expect(JSON.parse((await socatGet(socket, '/')).body).stage).toBe('streaming')
    const metrics = await socatGet(socket, '/metrics')
    expect(metrics.status).toBe(200)
    expect(metrics.body).toContain('chsync_table_rows_total{database="shop",table="orders"} 3\n')
  })

  test('socat, HTTP/1.1 with a Host header', async () => {
    const res = await socatRequest(socket, 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body).stage).toBe('streaming')
  })

  test('curl --unix-socket, HTTP/1.1 and HTTP/1.0', async () => {
    const v11 = await curlGet(socket, 'http://localhost/health')
    expect(v11.status).toBe(200)
    expect(JSON.parse(v11.body).status).toBe('ok')
    const v10 = await curlGet(socket, 'http://localhost/metrics', { http10: true })
    expect(v10.status).toBe(200)
    expect(v10.body).toContain('chsync_stage{stage="streaming"} 1\n')
  })

  test('a second server on the same socket is refused while the first answers', async () => {
    const err = await serve(socket).catch((e) => e)
    expect(err).toBeInstanceOf(HealthServerError)
    expect((err as Error).message).toBe(`health.socket ${socket} is in use by a running process (another chsync?)`)
    // And the first still answers.
    expect((await socatGet(socket)).status).toBe(200)
  })

  test('503 while starting, also over the socket', async () => {
    stats.stage = 'starting'
    try {
      const res = await socatGet(socket)
      expect(res.status).toBe(503)
      expect(JSON.parse(res.body).status).toBe('starting')
    } finally {
      stats.stage = 'streaming'
    }
  })
})

test('a stale socket file (its process died) is replaced', async () => {
  const socket = join(dir, 'stale.sock')
  // A socket file nobody listens on, as a killed chsync leaves it: socat listening, killed -9.
  const holder = Bun.spawn(['socat', `UNIX-LISTEN:${socket}`, '-'], { stdout: 'ignore', stderr: 'ignore' })
  while (!existsSync(socket)) await Bun.sleep(20)
  holder.kill('SIGKILL')
  await holder.exited
  expect(statSync(socket).isSocket()).toBe(true)
  const server = await serve(socket)
  try {
    expect((await socatGet(socket)).status).toBe(200)
  } finally {
    await server.stop()
  }
  expect(existsSync(socket)).toBe(false)
})

test('a file that is not a socket is never removed', async () => {
  const path = join(dir, 'not-a-socket')
  writeFileSync(path, 'keep me')
  const err = await serve(path).catch((e) => e)
  expect(err).toBeInstanceOf(HealthServerError)
  expect((err as Error).message).toBe(`health.socket ${path} exists and is not a socket; remove it or choose another path`)
  expect(await Bun.file(path).text()).toBe('keep me')
})

test('a path longer than a socket address can hold is refused with the limit', async () => {
  const path = join(dir, 'x'.repeat(120), 'h.sock')
  const err = await serve(path).catch((e) => e)
  expect(err).toBeInstanceOf(HealthServerError)
  expect((err as Error).message).toBe(`health.socket ${path} is longer than 107 bytes, the limit of a UNIX socket path`)
})
