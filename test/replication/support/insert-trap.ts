// A ClickHouse HTTP front that lets a crash land at the worst moment: once armed, the first
// statement that matches reaches ClickHouse and is done there, then the trap's action runs (the test
// kills chsync with SIGKILL) before chsync hears the answer. What that statement wrote is in the
// target, and chsync never committed the position after it.

import { CLICKHOUSE_URL } from '../../support/servers.ts'

export class InsertTrap {
  private readonly server: ReturnType<typeof Bun.serve>
  private armed: { match: (sql: string) => boolean; action: () => Promise<void>; sprung: () => void } | null = null

  constructor() {
    this.server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: (req) => this.forward(req) })
  }

  get url(): string {
    return `http://default@127.0.0.1:${this.server.port}`
  }

  /** Resolves once a statement matching `match` was done in ClickHouse and `action` ran. */
  arm(match: (sql: string) => boolean, action: () => Promise<void>): Promise<void> {
    return new Promise((sprung) => {
      this.armed = { match, action, sprung }
    })
  }

  stop(): void {
    this.server.stop(true)
  }

  private async forward(req: Request): Promise<Response> {
    const url = new URL(req.url)
    const to = new URL(url.pathname + url.search, CLICKHOUSE_URL)
    const body = req.method === 'POST' ? new Uint8Array(await req.arrayBuffer()) : undefined
    const headers = new Headers(req.headers)
    headers.delete('host')
    headers.delete('content-length')
    const res = await fetch(to, { method: req.method, headers, body })
    const answer = await res.arrayBuffer()
    const trap = this.armed
    if (trap && res.ok && trap.match(to.searchParams.get('query') ?? '')) {
      this.armed = null
      await trap.action()
      trap.sprung()
      return new Response('killed before the answer', { status: 502 })
    }
    const out = new Headers(res.headers)
    // fetch has already decompressed the answer.
    out.delete('content-encoding')
    out.delete('content-length')
    return new Response(answer, { status: res.status, headers: out })
  }
}
