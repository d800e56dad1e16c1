// Server URLs: "mysql://user[:password]@host[:port]" for the source, "http(s)://..." for ClickHouse.
// A password in a URL is accepted (discouraged) and never shown: messages mask it first.

import { type Converted, failure, ok, type ValueType, wrongType } from './value-type.ts'

export interface Endpoint<Scheme extends string> {
  scheme: Scheme
  /** Host name or address; an IPv6 address without its brackets. */
  host: string
  port: number
  user: string
  /** From the URL, then replaced by CHSYNC_*_PASSWORD or password_file when given; "" for none. */
  password: string
}

export type MysqlScheme = 'mysql' | 'mariadb'
export type ClickHouseScheme = 'http' | 'https'
export type MysqlEndpoint = Endpoint<MysqlScheme>
export type ClickHouseEndpoint = Endpoint<ClickHouseScheme>

export interface EndpointRule<Scheme extends string> {
  /** Each allowed scheme with its default port. */
  ports: Record<Scheme, number>
  /** The user when the URL names none ("" = left to the caller); null makes the user required. */
  defaultUser: string | null
  example: string
}

export const MYSQL_URL: EndpointRule<MysqlScheme> = {
  ports: { mysql: 3306, mariadb: 3306 },
  defaultUser: null,
  example: 'mysql://repl@127.0.0.1:3306',
}

/** A second source URL whose missing user is taken from the first. */
export const MYSQL_REPLICA_URL: EndpointRule<MysqlScheme> = { ...MYSQL_URL, defaultUser: '', example: 'mysql://replica.example:3306' }

export const CLICKHOUSE_URL: EndpointRule<ClickHouseScheme> = {
  ports: { http: 8123, https: 8443 },
  defaultUser: 'default',
  example: 'http://default@127.0.0.1:8123',
}

/** The parts of `text`, or a problem sentence (the text in it masked) when it is not such a URL. */
export function parseEndpoint<S extends string>(text: string, rule: EndpointRule<S>): Converted<Endpoint<S>> {
  const schemes = Object.keys(rule.ports) as S[]
  const shown = JSON.stringify(maskUrl(text))
  const like = `a URL like "${rule.example}"`
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return failure(`must be ${like}, got ${shown}`)
  }
  const scheme = url.protocol.slice(0, -1) as S
  if (!schemes.includes(scheme)) return failure(`must use ${schemes.map((s) => `${s}://`).join(' or ')}, got ${shown}`)
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  if (host === '') return failure(`must name a host (${like}), got ${shown}`)
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') {
    return failure(`must not have a path, query or fragment (${like}), got ${shown}`)
  }
  let user: string
  let password: string
  try {
    user = decodeURIComponent(url.username)
    password = decodeURIComponent(url.password)
  } catch {
    return failure(`must percent-encode its user and password correctly, got ${shown}`)
  }
  if (user === '') {
    if (rule.defaultUser === null) return failure(`must name a user (${like}), got ${shown}`)
    user = rule.defaultUser
  }
  const port = explicitPort(text) ?? rule.ports[scheme]
  if (port < 1 || port > 65535) return failure(`must have a port from 1 to 65535, got ${shown}`)
  return ok({ scheme, host, port, user, password })
}

/** The port written in the URL: URL drops a scheme's own default (http://h:80), chsync must not. */
function explicitPort(text: string): number | null {
  // Called once the URL parsed and has no path, query or fragment: the last "@" ends the user part.
  const authority = text.trim().replace(/^[^:]*:\/\//, '')
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1).replace(/\/$/, '')
  const match = /^(?:\[[^\]]*\]|[^:]*):(\d+)$/.exec(hostPort)
  return match ? Number(match[1]) : null
}

/** `text` with whatever stands between the user's ":" and the last "@" replaced by "***". */
export function maskUrl(text: string): string {
  const at = text.lastIndexOf('@')
  if (at < 0) return text
  const schemeEnd = text.indexOf('://')
  const start = schemeEnd >= 0 && schemeEnd < at ? schemeEnd + 3 : 0
  const colon = text.indexOf(':', start)
  if (colon < 0 || colon > at) return text
  return `${text.slice(0, colon + 1)}***${text.slice(at)}`
}

/** The URL of an endpoint without its password: "mysql://repl@127.0.0.1:3306". */
export function endpointText(endpoint: Endpoint<string>): string {
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host
  return `${endpoint.scheme}://${encodeURIComponent(endpoint.user)}@${host}:${endpoint.port}`
}

/** A URL key; `optional` lets "" mean none (null). */
export function endpoint<S extends string>(rule: EndpointRule<S>, opts: { optional: boolean }): ValueType<Endpoint<S> | null> {
  const check = (value: string): Converted<Endpoint<S> | null> =>
    opts.optional && value.trim() === '' ? ok(null) : parseEndpoint(value, rule)
  const schemes = Object.keys(rule.ports).join(' | ')
  return {
    label: `${schemes} URL${opts.optional ? ' or ""' : ''}`,
    fromToml: (value) => (typeof value === 'string' ? check(value) : wrongType(`a URL like "${rule.example}"`, value)),
    fromEnv: (value) => check(value),
  }
}
