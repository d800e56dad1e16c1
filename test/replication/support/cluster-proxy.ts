// A ClickHouse HTTP front for cluster tests: no cluster can run here, so it records every statement
// chsync sends ON CLUSTER, then runs it on the local engine without ON CLUSTER and with the
// Replicated engine's plain form (a Distributed table's: a Merge table), which proves the
// statements parse and do what they say.

import { CLICKHOUSE_URL } from '../../support/servers.ts'

export class ClusterProxy {
  /** The statements with ON CLUSTER, as chsync sent them, in order. */
  readonly statements: string[] = []
  private readonly server: ReturnType<typeof Bun.serve>

  constructor(private readonly cluster: string) {
    this.server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: (req) => this.forward(req) })
  }

  get url(): string {
    return `http://default@127.0.0.1:${this.server.port}`
  }

  stop(): void {
    this.server.stop(true)
  }

  /** The statements, in order, with the test's database as DB and chsync's ids as ID0, ID1, … in order of appearance. */
  readable(db: string): string[] {
    const ids = new Map<string, string>()
    return this.statements.map((s) =>
      s.replaceAll(db, 'DB').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
        if (!ids.has(id)) ids.set(id, `ID${ids.size}`)
        return ids.get(id)!
      }),
    )
  }

  private local(sql: string): string {
    if (!sql.includes(' ON CLUSTER ')) return sql
    this.statements.push(sql)
    return (
      sql
        .replaceAll(` ON CLUSTER \`${this.cluster}\``, '')
        .replace(/ReplicatedReplacingMergeTree\('[^']*', '[^']*'(, )?/, 'ReplacingMergeTree(')
        // No cluster exists here for a Distributed table to read: a Merge table over the same one
        // stands in (the rest of the statement, and reading through it, are what is proved).
        .replace(/ENGINE = Distributed\('[^']*', '([^']*)', '([^']*)'\)/, (_, db: string, t: string) => `ENGINE = Merge('${db}', '^${t}$')`)
    )
  }

  private async forward(req: Request): Promise<Response> {
    const url = new URL(req.url)
    const to = new URL(url.pathname + url.search, CLICKHOUSE_URL)
    const query = to.searchParams.get('query')
    if (query !== null) to.searchParams.set('query', this.local(query))
    let body: Uint8Array | string | undefined = req.method === 'POST' ? new Uint8Array(await req.arrayBuffer()) : undefined
    // A statement alone travels in the body (an INSERT's body is its rows).
    if (body && query === null) body = this.local(new TextDecoder().decode(body))
    const headers = new Headers(req.headers)
    headers.delete('host')
    headers.delete('content-length')
    const res = await fetch(to, { method: req.method, headers, body })
    const out = new Headers(res.headers)
    // fetch has already decompressed the answer.
    out.delete('content-encoding')
    out.delete('content-length')
    return new Response(await res.arrayBuffer(), { status: res.status, headers: out })
  }
}
