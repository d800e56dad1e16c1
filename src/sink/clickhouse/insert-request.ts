// One INSERT over ClickHouse's HTTP interface with its data streamed as the request body, the next
// chunk read only when the connection asks for it.
//
// Why not the client's exec(): Bun's node:http client takes every chunk a Readable offers at once
// and copies it, so a batch of tens of MB cost that much again in native memory while it was on its
// way (measured: 100 MB sent from memory raised RSS by 52 MB in 1 MiB chunks, 126 MB in 64 KiB
// ones). fetch() with a pull stream asks for a chunk when the socket has room: 6 MB for the same.

import { parseError } from '@clickhouse/client'

export interface InsertTarget {
  /** scheme://host:port of the HTTP interface. */
  url: string
  username: string
  password: string
  caCert?: Buffer
  timeoutMs: number
}

/**
 * Sends `query` (an INSERT ... FORMAT) with `settings` as URL parameters and the chunks of `body` as
 * its data. Resolves when ClickHouse answered 200; else throws its exception (a ClickHouseError
 * with the code, as the client's own calls do) or the network's error.
 */
export async function insertRequest(
  target: InsertTarget,
  query: string,
  settings: Record<string, string | number>,
  body: Iterable<Uint8Array>,
): Promise<void> {
  const url = new URL(target.url)
  url.searchParams.set('query', query)
  for (const [k, v] of Object.entries(settings)) url.searchParams.set(k, String(v))
  const chunks = body[Symbol.iterator]()
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks.next()
        if (next.done) controller.close()
        else controller.enqueue(next.value)
      },
    },
    // Nothing read ahead: a chunk is taken when the request has sent the one before.
    { highWaterMark: 0 },
  )
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${target.username}:${target.password}`).toString('base64')}` },
    body: stream,
    duplex: 'half',
    signal: AbortSignal.timeout(target.timeoutMs),
    tls: target.caCert ? { ca: target.caCert.toString() } : undefined,
  } as RequestInit)
  const answer = await res.text()
  // An exception after the answer began comes with status 200 and this header (not with
  // wait_end_of_query, which chsync sends, but a proxy or another setting may change that).
  if (!res.ok || res.headers.has('x-clickhouse-exception-code'))
    throw parseError(answer.trim() || `ClickHouse answered HTTP ${res.status} to an INSERT`)
}
