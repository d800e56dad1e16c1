// The connection to one ClickHouse server: the HTTP client, what the server is (its version and the
// settings its types need, read once at start), and the three kinds of request chsync sends.

import { type ClickHouseClient, ClickHouseError, createClient } from '@clickhouse/client'
import type { Logger } from '../../log/index.ts'
import { PermanentError, TransientError, isTransient } from '../../retry/index.ts'
import type { TimeType } from '../../schema/types/index.ts'
import { clientLog } from './client-log.ts'
import { insertRequest } from './insert-request.ts'
import { isTableRefusal } from './errors.ts'
import { ClickHouseVersionError, FEATURE_SETTINGS, checkJsonType, serverFeatures, timeTypeFor, typeSettings } from './server-features.ts'

export interface ClickHouseServerOptions {
  url: string
  username: string
  password: string
  /** PEM of the CA that signs the server's certificate (https). */
  caCert?: Buffer
  log: Logger
}

/** How long one request may take (a big INSERT included). */
const REQUEST_TIMEOUT_MS = 300_000
/** Sent with every statement: inserts land before the answer, never in ClickHouse's async buffer. */
const STATEMENT_SETTINGS = { async_insert: 0, wait_end_of_query: 1 } as const

export class ClickHouseServer {
  readonly client: ClickHouseClient
  /** What SELECT version() answered at start. */
  version = ''
  /** Settings each request carries so the types chsync uses can be made (server-features.ts). */
  private typeSettings: Record<string, string> = {}

  constructor(private readonly opts: ClickHouseServerOptions) {
    this.client = createClient({
      url: opts.url,
      username: opts.username,
      password: opts.password,
      request_timeout: REQUEST_TIMEOUT_MS,
      compression: { request: false, response: false },
      clickhouse_settings: STATEMENT_SETTINGS,
      tls: opts.caCert ? { ca_cert: opts.caCert } : undefined,
      log: clientLog(opts.log),
    })
  }

  /**
   * Checks that the server answers as ClickHouse, and reads which types it has: TIME becomes Time64
   * where it exists (else the text as String, as target.time_type allows), JSON only where
   * ClickHouse has it; an older server than chsync works with is refused. Returns the TIME type.
   */
  async connect(want: { timeType: 'auto' | TimeType; jsonType: 'String' | 'JSON' }): Promise<TimeType> {
    const ok = await this.client.ping()
    if (!ok.success) {
      const cause = (ok as { error?: Error }).error
      throw new Error(`ClickHouse at ${this.opts.url} does not answer: ${cause?.message ?? 'ping failed'}`, { cause })
    }
    // Something answering HTTP is not enough: nothing may be "copied" into a server that is not ClickHouse.
    const [row] = await this.query<{ v: string }>('SELECT version() AS v').catch((err: Error) => {
      // ClickHouse's own answer: busy (tried again) or about the account or the statement (not).
      if (err instanceof ClickHouseError)
        throw isTableRefusal(err) ? err : new TransientError(`ClickHouse at ${this.opts.url}: ${err.message}`, { cause: err })
      if (isTransient(err)) throw err
      throw new PermanentError(`${this.opts.url} does not answer as ClickHouse does (SELECT version(): ${err.message}); check target.url`, {
        cause: err,
      })
    })
    if (!row || !/^\d+\.\d+/.test(String(row.v)))
      throw new PermanentError(
        `${this.opts.url} does not answer as ClickHouse does (SELECT version() gave ${JSON.stringify(row)}); check target.url`,
      )
    this.version = String(row.v)
    const rows = await this.query<{ name: string; value: string }>(
      'SELECT name, value FROM system.settings WHERE name IN {names:Array(String)}',
      { names: FEATURE_SETTINGS },
    )
    const settings = new Map(rows.map((r) => [r.name, String(r.value)]))
    let timeType: TimeType
    try {
      const features = serverFeatures(this.version, settings)
      checkJsonType(features, want.jsonType)
      timeType = timeTypeFor(features, want.timeType)
    } catch (err) {
      if (err instanceof ClickHouseVersionError) throw new PermanentError(`ClickHouse at ${this.opts.url}: ${err.message}`, { cause: err })
      throw err
    }
    this.typeSettings = typeSettings(settings, { time64: timeType === 'Time64', json: want.jsonType === 'JSON' })
    // The settings chsync sends with its statements, named only when there are any.
    const sent = Object.keys(this.typeSettings).length ? { settings: this.typeSettings } : {}
    this.opts.log.info('ClickHouse server', { version: this.version, time_type: timeType, ...sent })
    return timeType
  }

  async command(query: string, settings: Record<string, string> = {}): Promise<void> {
    await this.client.command({ query, clickhouse_settings: { ...this.typeSettings, ...settings } })
  }

  async query<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const rs = await this.client.query({
      query,
      query_params: params,
      format: 'JSONEachRow',
      clickhouse_settings: { ...this.typeSettings, output_format_json_quote_64bit_integers: 1 },
    })
    return (await rs.json()) as T[]
  }

  /** An INSERT whose data is the body, streamed from these chunks as the connection takes them (insert-request.ts). */
  insert(query: string, body: Iterable<Buffer>): Promise<void> {
    const o = this.opts
    return insertRequest(
      { url: o.url, username: o.username, password: o.password, caCert: o.caCert, timeoutMs: REQUEST_TIMEOUT_MS },
      query,
      { ...STATEMENT_SETTINGS, ...this.typeSettings },
      body,
    )
  }

  close(): Promise<void> {
    return this.client.close()
  }
}
