// The ClickHouse client's own log lines, through chsync's logger: one line each, in chsync's
// format and redacted. Left to itself the client prints to the console, several lines per
// message with the minified source around an error, past the redactor.

import {
  ClickHouseLogLevel,
  type ErrorLogParams,
  type Logger as ClientLogger,
  type LogParams,
  type WarnLogParams,
} from '@clickhouse/client'
import type { Fields, Logger } from '../../log/index.ts'

export interface ClientLogOption {
  LoggerClass: new () => ClientLogger
  level: ClickHouseLogLevel
}

/** The `log` option of createClient that writes the client's lines into `log`. */
export function clientLog(log: Logger): ClientLogOption {
  const fields = ({ module, args }: LogParams, err?: Error): Fields => {
    const out: Fields = { module }
    for (const [k, v] of Object.entries(args ?? {})) if (v !== undefined) out[k] = v
    if (err) out.error = err.message
    return out
  }
  class ChsyncClientLogger implements ClientLogger {
    trace(p: LogParams): void {
      log.debug(`ClickHouse client: ${p.message}`, fields(p))
    }
    debug(p: LogParams): void {
      log.debug(`ClickHouse client: ${p.message}`, fields(p))
    }
    info(p: LogParams): void {
      log.debug(`ClickHouse client: ${p.message}`, fields(p))
    }
    // Its "Config" warnings are advice on the options chsync chose (request_timeout without
    // progress headers), at every start and nothing the operator can change.
    warn(p: WarnLogParams): void {
      ;(p.module === 'Config' ? log.debug : log.warn)(`ClickHouse client: ${p.message}`, fields(p, p.err))
    }
    // The client's errors are a request's failure, which is thrown to chsync too (and reported
    // with the table and what happens next: retry, set aside), or a socket's tidying up after
    // one; as a warning each would be said twice or about nothing the operator can act on.
    error(p: ErrorLogParams): void {
      log.debug(`ClickHouse client: ${p.message}`, fields(p, p.err))
    }
  }
  return { LoggerClass: ChsyncClientLogger, level: ClickHouseLogLevel.WARN }
}
