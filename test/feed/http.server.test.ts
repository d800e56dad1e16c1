// The HTTP output against a local endpoint that answers every other request with an error: every
// change still arrives, once, in order; requests carry the credentials of the URL and a key
// naming their body. Then the output on its own: a batch that keeps failing stays queued.

import { afterEach, describe, expect, test } from 'bun:test'
import { HttpDeliveryError, HttpOutput } from '../../src/sink/ndjson/index.ts'
import { SERVERS } from '../support/servers.ts'
import { FeedContext, type FeedRecord, parseLines } from './support/feed-context.ts'

let ctx: FeedContext | null = null
let server: ReturnType<typeof Bun.serve> | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
  server?.stop(true)
  server = null
})

/** An endpoint that fails requests 1, 3, 5, … (500 or a dropped connection) and keeps the others. */
function flakyEndpoint() {
  const accepted: string[] = []
  const problems: string[] = []
  let requests = 0
  server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(req) {
      const n = ++requests
      const body = await req.text()
      if (req.headers.get('authorization') !== `Basic ${btoa('feed:s3cret')}`)
        problems.push(`request ${n}: authorization ${req.headers.get('authorization')}`)
      if (req.headers.get('content-type') !== 'application/x-ndjson')
        problems.push(`request ${n}: content-type ${req.headers.get('content-type')}`)
      if (req.headers.get('idempotency-key') !== new Bun.CryptoHasher('sha256').update(body).digest('hex'))
        problems.push(`request ${n}: idempotency key`)
      if (n % 2 === 1) return n % 4 === 1 ? new Response('try later', { status: 500 }) : new Response('busy', { status: 503 })
      accepted.push(body)
      return new Response('ok')
    },
  })
  return { url: `http://feed:s3cret@127.0.0.1:${server.port}/ingest`, accepted, problems, requests: () => requests }
}

describe.each(SERVERS)('%s', (server) => {
  test('an endpoint failing half its requests still gets every change once', async () => {
    const ep = flakyEndpoint()
    ctx = await FeedContext.open(server, 't_feed_http', {
      sink: () => `[sink]\nkind = "ndjson"\n[sink.ndjson]\noutput = "${ep.url}"\nbatch_rows = 40\nhttp_retries = 5`,
    })
    const c = ctx
    await c.sql.query('CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))')
    await c.sql.query(`INSERT INTO t VALUES ${Array.from({ length: 300 }, (_, i) => `(${i + 1}, 'copied')`).join(', ')}`)
    c.start()
    const received = () => ep.accepted.flatMap((b) => parseLines(b))
    await c.poll(() => (received().length === 300 ? true : undefined), 20_000, 'the copy did not arrive')
    for (let i = 0; i < 20; i++)
      await c.sql.query(`INSERT INTO t VALUES ${Array.from({ length: 10 }, (_, j) => `(${1000 + i * 10 + j}, 'new')`).join(', ')}`)
    await c.sql.query("UPDATE t SET v = 'changed' WHERE id <= 100")
    await c.sql.query('DELETE FROM t WHERE id > 200 AND id <= 300')
    await c.poll(() => (received().length === 300 + 200 + 100 + 100 ? true : undefined), 20_000, 'not everything arrived')
    expect(await c.stop('SIGTERM')).toBe(0)

    const records: FeedRecord[] = received()
    expect(records.filter((r) => r.kind === 'snapshot_insert').map((r) => r.columnvalues![0])).toEqual(
      Array.from({ length: 300 }, (_, i) => i + 1),
    )
    const versions = records.filter((r) => r.kind !== 'snapshot_insert').map((r) => Number(r.version))
    expect(versions).toEqual(Array.from({ length: 400 }, (_, i) => i + 1))
    expect(records.filter((r) => r.kind === 'update').every((r) => r.columnvalues![1] === 'changed')).toBe(true)
    expect(ep.problems).toEqual([])
    expect(ep.requests()).toBe(2 * ep.accepted.length)
    expect(ep.accepted.every((b) => parseLines(b).length <= 40)).toBe(true)
    expect(c.logLines().filter((l) => l.msg === 'POST failed, trying again').length).toBe(ep.accepted.length)
  }, 60_000)
})

describe('HttpOutput', () => {
  test('an endpoint refusing the credentials (401, 403) is not tried again: its answer will not change', async () => {
    let requests = 0
    server = Bun.serve({
      hostname: '127.0.0.1',
      port: 0,
      fetch() {
        requests++
        return new Response('bad token', { status: 401 })
      },
    })
    const retries: string[] = []
    const out = new HttpOutput({
      url: `http://feed:wrong-Zq8@127.0.0.1:${server.port}/`,
      batchLines: 10,
      retries: 5,
      backoffMs: 1,
      onRetry: (why) => retries.push(why),
    })
    out.enqueue([{ meta: { cls: 'row', lastVersion: 1n }, bytes: Buffer.from('{"a":1}\n'), lines: 1 }])
    const err = (await out.deliver().catch((e: unknown) => e)) as HttpDeliveryError
    expect(err).toBeInstanceOf(HttpDeliveryError)
    expect(err.message).toBe(`POST http://127.0.0.1:${server.port}/ failed 1 times, last: HTTP 401: bad token`)
    expect(err.permanent).toBe(true)
    expect({ requests, retries }).toEqual({ requests: 1, retries: [] })
    expect(out.queuedLines).toBe(1)
  })

  test('a batch failing every try stays queued, with what follows, and goes first next time', async () => {
    let up = false
    const bodies: string[] = []
    server = Bun.serve({
      hostname: '127.0.0.1',
      port: 0,
      async fetch(req) {
        const body = await req.text()
        if (!up) return new Response('down', { status: 502 })
        bodies.push(body)
        return new Response(null, { status: 204 })
      },
    })
    const retries: string[] = []
    const out = new HttpOutput({
      url: `http://127.0.0.1:${server.port}/`,
      batchLines: 2,
      retries: 2,
      backoffMs: 1,
      onRetry: (why, n) => retries.push(`${n}: ${why}`),
    })
    out.enqueue([{ meta: { cls: 'row', lastVersion: 3n }, bytes: Buffer.from('{"a":1}\n{"a":2}\n{"a":3}\n'), lines: 3 }])
    const err = await out.deliver().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(HttpDeliveryError)
    expect((err as HttpDeliveryError).status).toBe(502)
    expect((err as Error).message).toBe(`POST http://127.0.0.1:${server.port}/ failed 3 times, last: HTTP 502: down`)
    expect(retries).toEqual(['1: HTTP 502: down', '2: HTTP 502: down'])
    expect(out.queuedLines).toBe(3)
    up = true
    await out.deliver()
    expect(bodies).toEqual(['{"a":1}\n{"a":2}\n', '{"a":3}\n'])
    expect(out.queuedLines).toBe(0)
    expect(out.queuedBytes).toBe(0)
  })
})
