// The HTTP side of the adapter: /ping, queries, and answers shaped like a ClickHouse server's.

import zlib from 'node:zlib'
import type { ChdbEngine } from './engine.ts'
import { fromEngineError } from './errors.ts'
import { contentType } from './formats.ts'
import { readHttpQuery, type ResponseEncoding } from './http-request.ts'

export type Handler = (req: Request) => Promise<Response>

export function createHandler(engine: ChdbEngine, log: (line: string) => void): Handler {
  return async (req) => {
    const url = new URL(req.url)
    const idle = (req.method === 'GET' || req.method === 'HEAD') && !url.searchParams.has('query')
    if (url.pathname === '/ping' || (url.pathname === '/' && idle)) return new Response('Ok.\n')
    if (url.pathname !== '/') return new Response(`There is no handle ${url.pathname}\n`, { status: 404 })
    let queryId = ''
    try {
      const query = await readHttpQuery(req)
      queryId = query.queryId
      const result = await engine.run(query.request)
      const headers = new Headers({
        'X-ClickHouse-Query-Id': queryId,
        'X-ClickHouse-Timezone': engine.timezone,
        'X-ClickHouse-Summary': JSON.stringify(result.summary),
        'Content-Type': result.format === undefined ? 'text/plain; charset=UTF-8' : contentType(result.format),
      })
      if (result.format !== undefined) headers.set('X-ClickHouse-Format', result.format)
      let body = result.body
      if (query.encoding !== undefined) {
        body = compress(body, query.encoding, query.level)
        headers.set('Content-Encoding', query.encoding)
      }
      return new Response(body, { headers })
    } catch (caught) {
      const error = fromEngineError(caught, () => '')
      log(
        `${new Date().toISOString()} error query_id=${queryId || '-'} code=${error.code} ${error.type}: ${error.message.replace(/\s+/g, ' ')}`,
      )
      return new Response(error.body(engine.version), {
        status: error.httpStatus,
        headers: {
          'X-ClickHouse-Exception-Code': String(error.code),
          ...(queryId ? { 'X-ClickHouse-Query-Id': queryId } : {}),
          'Content-Type': 'text/plain; charset=UTF-8',
        },
      })
    }
  }
}

function compress(body: Uint8Array, encoding: ResponseEncoding, level: number): Uint8Array {
  switch (encoding) {
    case 'gzip':
      return zlib.gzipSync(body, { level })
    case 'deflate':
      return zlib.deflateSync(body, { level })
    case 'br':
      return zlib.brotliCompressSync(body)
    case 'zstd':
      return zlib.zstdCompressSync(body)
  }
}
