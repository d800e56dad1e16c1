// Log lines: human-readable on a terminal, JSON lines otherwise. The message and every string in
// the fields pass through the redactor, so a secret that slipped into them never reaches the log.

import { escapeControlChars } from './control-chars.ts'
import { redactStrings } from './redact-strings.ts'

export type Level = 'debug' | 'info' | 'warn' | 'error'
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export type Fields = Record<string, unknown>

export interface Logger {
  debug(msg: string, fields?: Fields): void
  info(msg: string, fields?: Fields): void
  warn(msg: string, fields?: Fields): void
  error(msg: string, fields?: Fields): void
  child(fields: Fields): Logger
}

export interface LoggerOptions {
  level?: Level
  format?: 'auto' | 'human' | 'json'
  /** Removes secrets from a text (applied to the message and to each string in the fields). */
  redact?: (text: string) => string
  write?: (line: string) => void
}

export function createLogger(opts: LoggerOptions = {}, base: Fields = {}): Logger {
  const min = ORDER[opts.level ?? 'info']
  const json = opts.format === 'json' || (opts.format !== 'human' && !process.stderr.isTTY)
  const redact = opts.redact ?? ((s: string) => s)
  const write = opts.write ?? ((line: string) => process.stderr.write(line + '\n'))
  const emit = (level: Level, msg: string, fields?: Fields) => {
    if (ORDER[level] < min) return
    const text = redact(msg)
    const all = redactStrings({ ...base, ...fields }, redact) as Fields
    let line: string
    if (json) line = JSON.stringify({ ts: new Date().toISOString(), level, msg: text, ...all }, jsonSafe)
    else {
      const extra = Object.entries(all)
        .filter(([, v]) => v !== undefined && v !== null)
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v, jsonSafe)}`)
        .join(' ')
      line = `${new Date().toISOString().slice(11, 23)} ${level.toUpperCase().padEnd(5)} ${escapeControlChars(text + (extra ? '  ' + extra : ''))}`
      // On a terminal, first clear what the copy's progress drew (from its first line down).
      if (process.stderr.isTTY) line = `\r\x1b[J${line}`
    }
    write(line)
  }
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(opts, { ...base, ...fields }),
  }
}

function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Error) return value.message
  return value
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = createLogger({ write: () => {} })
