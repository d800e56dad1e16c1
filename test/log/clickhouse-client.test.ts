// The ClickHouse client's own log lines go through chsync's logger: in a process of its own, a
// sink whose ClickHouse does not answer writes only chsync's JSON lines to stderr (the client's
// console output was several lines per message, with minified source, and never redacted).

import { expect, test } from 'bun:test'
import { join } from 'node:path'

const FIXTURE = join(import.meta.dir, 'fixtures/clickhouse-client.ts')
const PASSWORD = 'Client-Log-Secret-9'

/** A loopback port nobody listens on: bound, then closed. */
function deadPort(): number {
  const server = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } })
  const port = server.port
  server.stop(true)
  return port
}

test('the client writes nothing of its own: its warnings are chsync warn lines, its errors and advice on the options chsync chose debug lines', async () => {
  const port = deadPort()
  const proc = Bun.spawn(['bun', FIXTURE, String(port), PASSWORD], { stdout: 'pipe', stderr: 'pipe', stdin: 'ignore' })
  const [stderr, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited])
  expect(code).toBe(0)
  expect(stderr).not.toContain(PASSWORD)
  const lines = stderr.trimEnd().split('\n')
  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
  const client = entries.filter((e) => String(e.msg).startsWith('ClickHouse client: '))
  expect(client.map((e) => [e.level, e.module, e.msg])).toEqual([
    ['debug', 'Config', expect.stringMatching(/^ClickHouse client: request_timeout is set to 300000ms/)],
    ['warn', 'Connection', 'ClickHouse client: Ping: HTTP request error.'],
    ['debug', 'Connection', 'ClickHouse client: Query: HTTP request error.'],
  ])
  for (const e of client.slice(1)) expect(String(e.error)).toMatch(/ECONNREFUSED|Unable to connect|refused/i)
  expect(entries.filter((e) => !client.includes(e)).map((e) => [e.level, e.msg])).toEqual([
    ['error', 'start failed'],
    ['error', 'query failed'],
  ])
})
