// Log lines: secrets hidden only inside the message and string fields (numbers and JSON syntax
// stay whole even with a one-character password), control characters escaped in human lines so
// a name cannot forge a line, and fields without a value left out.

import { describe, expect, test } from 'bun:test'
import { redactor } from '../../src/config/index.ts'
import { createLogger, type LoggerOptions } from '../../src/log/index.ts'
import { load } from '../config/support.ts'

// biome-ignore lint/suspicious/noControlCharactersInRegex: what must not reach a log line
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/
// biome-ignore lint/suspicious/noControlCharactersInRegex: what JSON escapes by itself
const C0_CONTROL = /[\u0000-\u001f]/

function capture(opts: LoggerOptions): { lines: string[]; log: ReturnType<typeof createLogger> } {
  const lines: string[] = []
  return { lines, log: createLogger({ ...opts, write: (line) => void lines.push(line) }) }
}

describe('redaction inside string values only', () => {
  const hide = redactor(load('', { CHSYNC_SOURCE_PASSWORD: '1' }))

  test('a JSON line keeps its numbers and parses, its strings are redacted', () => {
    const { lines, log } = capture({ format: 'json', redact: hide })
    log.info('copied 1 table', {
      rows: 1001,
      tables: [1, 'a1b'],
      error: new Error('password 1 refused'),
      nested: { n: 11, s: 'x1' },
      big: 10n,
    })
    expect(lines).toHaveLength(1)
    const line = JSON.parse(lines[0]!) as Record<string, unknown>
    expect(line).toMatchObject({
      level: 'info',
      msg: 'copied *** table',
      rows: 1001,
      tables: [1, 'a***b'],
      error: 'password *** refused',
      nested: { n: 11, s: 'x***' },
      big: '10',
    })
    expect(String(line.ts)).toMatch(/^\d{4}-\d\d-\d\dT/)
  })

  test('a human line keeps its numbers and timestamp', () => {
    const { lines, log } = capture({ format: 'human', redact: hide })
    log.warn('retry', { attempt: 1, delay_ms: 100, error: 'code 1' })
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN {2}retry {2}attempt=1 delay_ms=100 error=code \*\*\*$/)
  })
})

describe('human lines', () => {
  test('control characters in the message and the fields are escaped: one line, no terminal escape', () => {
    const { lines, log } = capture({ format: 'human' })
    const forged = 't\n12:00:00.000 ERROR forged line\x1b[31m red\x1b[0m\r\x07\x7f\x9b'
    log.info(`table ${forged}`, { table: forged, list: [forged] })
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toMatch(CONTROL)
    const shown = 't\\n12:00:00.000 ERROR forged line\\x1b[31m red\\x1b[0m\\r\\x07\\x7f\\x9b'
    expect(lines[0]!.slice(13)).toBe(
      `INFO  table ${shown}  table=${shown} list=["t\\n12:00:00.000 ERROR forged line\\u001b[31m red\\u001b[0m\\r\\u0007\\x7f\\x9b"]`,
    )
  })

  test('fields without a value are left out', () => {
    const { lines, log } = capture({ format: 'human' })
    log.info('health endpoint listening', { socket: '/run/chsync/health.sock', tcp: null, other: undefined })
    expect(lines[0]!.slice(13)).toBe('INFO  health endpoint listening  socket=/run/chsync/health.sock')
  })

  test('JSON lines escape control characters by themselves', () => {
    const { lines, log } = capture({ format: 'json' })
    log.error('x', { table: 'a\nb\x1b' })
    expect(lines[0]).not.toMatch(C0_CONTROL)
    expect(JSON.parse(lines[0]!).table).toBe('a\nb\x1b')
  })
})

describe('values that are not plain objects', () => {
  test('a class instance, a Map and a Date are written as their JSON, their strings redacted too', () => {
    class Position {
      constructor(
        readonly file: string,
        readonly offset: bigint,
      ) {}
    }
    const { lines, log } = capture({ format: 'json', redact: (t) => t.replaceAll('s3cret', '***') })
    log.warn('x', { at: new Position('bin-s3cret.000001', 4n), when: new Date(0), map: new Map([['a', 's3cret']]) })
    expect(JSON.parse(lines[0]!)).toMatchObject({ at: { file: 'bin-***.000001', offset: '4' }, when: '1970-01-01T00:00:00.000Z', map: {} })
  })
})
