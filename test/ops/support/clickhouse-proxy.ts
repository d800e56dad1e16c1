// A ClickHouse that stops answering on demand: an HTTP proxy on loopback in front of the test
// ClickHouse which, once told to hang, accepts requests and never responds (a stuck server, the
// case a bounded stop exists for).

import type { Server } from 'bun'
import { CLICKHOUSE_URL } from '../../support/servers.ts'

export class ClickHouseProxy {
  private hanging = false
  private readonly server: Server<undefined>

  /** `port`: a given one (a ClickHouse that comes up where chsync already looks), else any free one. */
  constructor(port = 0) {
    this.server = Bun.serve({
      hostname: '127.0.0.1',
      port,
      fetch: async (req) => {
        if (this.hanging) return new Promise<Response>(() => {})
        const url = new URL(req.url)
        const res = await fetch(`${CLICKHOUSE_URL}${url.pathname}${url.search}`, {
          method: req.method,
          headers: req.headers,
          body: req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.arrayBuffer(),
        })
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

  pass(): void {
    this.hanging = false
  }

  stop(): void {
    void this.server.stop(true)
  }
}
