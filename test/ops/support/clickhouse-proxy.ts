// A ClickHouse that stops answering on demand: an HTTP proxy on loopback in front of the test
// ClickHouse which, once told to hang, accepts requests and never responds (a stuck server, the
// case a bounded stop exists for). It can also hold only the requests whose query matches (the
// INSERTs, say) until told to pass them.

import type { Server } from 'bun'
import { CLICKHOUSE_URL } from '../../support/servers.ts'

export class ClickHouseProxy {
  private hanging = false
  /** Requests whose query (URL or body) matches wait until pass(). */
  private holding: RegExp | null = null
  private held: ((forward: boolean) => void)[] = []
  private readonly server: Server<undefined>

  /** `port`: a given one (a ClickHouse that comes up where chsync already looks), else any free one. */
  constructor(port = 0) {
    this.server = Bun.serve({
      hostname: '127.0.0.1',
      port,
      fetch: async (req) => {
        if (this.hanging) return new Promise<Response>(() => {})
        const url = new URL(req.url)
        const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.arrayBuffer()
        const query = url.searchParams.get('query') ?? (body ? new TextDecoder().decode(body.slice(0, 200)) : '')
        if (this.holding?.test(query) && !(await new Promise<boolean>((resolve) => this.held.push(resolve))))
          return new Response('dropped by the test', { status: 503 })
        const res = await fetch(`${CLICKHOUSE_URL}${url.pathname}${url.search}`, { method: req.method, headers: req.headers, body })
        // fetch has already decompressed the body: the encoding headers no longer apply.
        const headers = new Headers(res.headers)
        headers.delete('content-encoding')
        headers.delete('content-length')
        return new Response(await res.arrayBuffer(), { status: res.status, headers })
      },
    })
  }

  get url(): string {
    return `http://127.0.0.1:${this.server.port}`
  }

  hang(): void {
    this.hanging = true
  }

  /** Holds the requests whose query matches, from now until pass(). */
  hold(query: RegExp): void {
    this.holding = query
  }

  /** Requests held so far. */
  get heldCount(): number {
    return this.held.length
  }

  /** Answers every request again; those held are sent on (or, `forward` false, answered 503). */
  pass(forward = true): void {
    this.hanging = false
    this.holding = null
    for (const resolve of this.held.splice(0)) resolve(forward)
  }

  stop(): void {
    void this.server.stop(true)
  }
}
