// Turns an HTTP request into a QueryRequest the way ClickHouse's HTTPHandler reads its parameters.

import zlib from 'node:zlib'
import { ClickHouseError } from './errors.ts'
import type { QueryRequest } from './engine.ts'
import { QueryText } from './query-text.ts'

export type ResponseEncoding = 'gzip' | 'deflate' | 'br' | 'zstd'

export interface HttpQuery {
  request: QueryRequest
  queryId: string
  /** How to compress the response, when the client asked for it (enable_http_compression + Accept-Encoding). */
  encoding?: ResponseEncoding
  /** http_zlib_compression_level, for gzip and deflate. */
  level: number
}

// Parameters HTTPHandler consumes itself (26.x); every other name is a setting, and an unknown
// one is refused by the engine (UNKNOWN_SETTING) instead of being dropped.
const httpOnly = new Set([
  'query',
  'compress',
  'decompress',
  'user',
  'password',
  'quota_key',
  'query_id',
  'stacktrace',
  'role',
  'buffer_size',
  'wait_end_of_query',
  'session_id',
  'session_timeout',
  'session_check',
  'client_protocol_version',
  'close_session',
  'database',
  'default_format',
  'readonly',
])

export async function readHttpQuery(req: Request): Promise<HttpQuery> {
  const url = new URL(req.url)
  const fields: [string, string][] = [...url.searchParams]
  let body = decode(req.headers.get('content-encoding'), new Uint8Array(await req.arrayBuffer()))
  const contentType = req.headers.get('content-type') ?? ''
  if (contentType.startsWith('multipart/form-data')) {
    // @clickhouse/client sends large query_params this way: the query and param_x as form fields.
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData()
    for (const [name, value] of form) {
      if (typeof value !== 'string') {
        throw ClickHouseError.of('NOT_IMPLEMENTED', `External data (form file '${name}') is not supported by the chDB adapter.`)
      }
      fields.push([name, value])
    }
    body = new Uint8Array()
  }
  const get = (name: string): string | undefined => fields.findLast(([n]) => n === name)?.[1]

  authenticate(req, get)
  for (const name of ['compress', 'decompress']) {
    // These switch to ClickHouse's own block compression framing, which the adapter does not speak.
    if (get(name) === '1') throw ClickHouseError.of('NOT_IMPLEMENTED', `'${name}=1' is not supported by the chDB adapter.`)
  }

  const settings = new Map<string, string>()
  const params: [string, string][] = []
  for (const [name, value] of fields) {
    if (name === '' || httpOnly.has(name)) continue
    if (name.startsWith('param_')) params.push([name.slice('param_'.length), value])
    else settings.set(name, value)
  }

  const readonly = get('readonly')
  const readonlyBecause =
    req.method === 'GET' || req.method === 'HEAD'
      ? 'For queries over HTTP, method GET implies readonly. You should use method POST for modifying queries.'
      : readonly !== undefined && readonly !== '0'
        ? `Setting readonly = ${readonly}.`
        : undefined
  const database = req.headers.get('x-clickhouse-database') || get('database') || undefined
  const defaultFormat = req.headers.get('x-clickhouse-format') || get('default_format') || undefined
  const query = get('query')
  // ClickHouse strips control characters, since the id is echoed in a response header.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are removed from the id
  const queryId = (get('query_id') ?? req.headers.get('x-clickhouse-query-id') ?? '').replace(/[\x00-\x1f\x7f]/g, '')

  const compression = settings.get('enable_http_compression') ?? '1'
  return {
    request: {
      text: QueryText.of(query ?? null, body),
      ...(database ? { database } : {}),
      ...(defaultFormat ? { defaultFormat } : {}),
      settings: [...settings],
      params,
      ...(readonlyBecause ? { readonlyBecause } : {}),
    },
    queryId: queryId || crypto.randomUUID(),
    ...(compression === '1' || compression.toLowerCase() === 'true' ? chooseEncoding(req.headers.get('accept-encoding')) : {}),
    level: Number(settings.get('http_zlib_compression_level') ?? 3),
  }
}

// Test support: the engine has no users, so the adapter accepts `default` with any password (or
// none), from Basic auth, X-ClickHouse-User/Key or user/password parameters, and refuses any other user.
function authenticate(req: Request, get: (name: string) => string | undefined): void {
  let user = req.headers.get('x-clickhouse-user') ?? get('user')
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.get('authorization') ?? '')
  if (basic) user ??= Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0]
  if (user !== undefined && user !== '' && user !== 'default') {
    throw ClickHouseError.of(
      'AUTHENTICATION_FAILED',
      `${user}: Authentication failed: password is incorrect, or there is no user with such name.`,
    )
  }
}

function decode(encoding: string | null, body: Uint8Array): Uint8Array {
  const method = (encoding ?? '').trim().toLowerCase()
  try {
    switch (method) {
      case '':
      case 'identity':
      case 'none':
        return body
      case 'gzip':
      case 'x-gzip':
        return zlib.gunzipSync(body)
      case 'deflate':
        return zlib.inflateSync(body)
      case 'br':
        return zlib.brotliDecompressSync(body)
      case 'zstd':
        return zlib.zstdDecompressSync(body)
    }
  } catch (error) {
    throw ClickHouseError.of('CANNOT_DECOMPRESS', `Cannot decompress the ${method} request body: ${String(error)}`)
  }
  throw ClickHouseError.of('NOT_IMPLEMENTED', `Content-Encoding '${method}' is not supported by the chDB adapter.`)
}

function chooseEncoding(accept: string | null): { encoding?: ResponseEncoding } {
  const offered = (accept ?? '')
    .toLowerCase()
    .split(',')
    .map((s) => s.split(';')[0].trim())
  const encoding = (['gzip', 'deflate', 'br', 'zstd'] as const).find((e) => offered.includes(e))
  return encoding ? { encoding } : {}
}
