// The lexer on its own: token kinds and values, comments, executable comments and their
// version rules, and the typed errors for unterminated input.

import { describe, expect, test } from 'bun:test'
import { DdlParseError } from '../../../src/schema/ddl/index.ts'
import { Lexer, type Token } from '../../../src/schema/ddl/lexer.ts'
import { settingsFrom, type DdlParseOptions } from '../../../src/schema/ddl/options.ts'

function tokens(sql: string, options: DdlParseOptions = {}): Pick<Token, 'kind' | 'value'>[] {
  const lexer = new Lexer(sql, settingsFrom(options))
  const out: Pick<Token, 'kind' | 'value'>[] = []
  for (let t = lexer.next(); t.kind !== 'end'; t = lexer.next()) out.push({ kind: t.kind, value: t.value })
  return out
}

function values(sql: string, options: DdlParseOptions = {}): string[] {
  return tokens(sql, options).map((t) => t.value)
}

function lexError(sql: string, options: DdlParseOptions = {}): DdlParseError {
  try {
    tokens(sql, options)
  } catch (err) {
    if (err instanceof DdlParseError) return err
    throw err
  }
  throw new Error(`no error for ${sql}`)
}

describe('tokens', () => {
  test('words, quoted names, strings, numbers, hex, bits, operators', () => {
    expect(tokens("a `b``c` 'd''e' 12 3.5e-2 0x1F X'0a' b'01' 0b10 <=> ->> := .")).toEqual([
      { kind: 'word', value: 'a' },
      { kind: 'quoted', value: 'b`c' },
      { kind: 'string', value: "d'e" },
      { kind: 'number', value: '12' },
      { kind: 'number', value: '3.5e-2' },
      { kind: 'hex', value: '1F' },
      { kind: 'hex', value: '0a' },
      { kind: 'bit', value: '01' },
      { kind: 'bit', value: '10' },
      { kind: 'punct', value: '<=>' },
      { kind: 'punct', value: '->>' },
      { kind: 'punct', value: ':=' },
      { kind: 'punct', value: '.' },
    ])
  })

  test('names that start with digits, and digits after a dot', () => {
    expect(tokens('1abc 1e5 1e5x db.1t 0xZZ')).toEqual([
      { kind: 'word', value: '1abc' },
      { kind: 'number', value: '1e5' },
      { kind: 'word', value: '1e5x' },
      { kind: 'word', value: 'db' },
      { kind: 'punct', value: '.' },
      { kind: 'word', value: '1t' },
      { kind: 'word', value: '0xZZ' },
    ])
  })

  test('double quotes: strings by default, names under ANSI_QUOTES', () => {
    expect(tokens('"a""b"')).toEqual([{ kind: 'string', value: 'a"b' }])
    expect(tokens('"a""b"', { ansiQuotes: true })).toEqual([{ kind: 'quoted', value: 'a"b' }])
  })

  test('backslash escapes, and none under NO_BACKSLASH_ESCAPES', () => {
    expect(values(String.raw`'\'\"\\\n\r\t\b\0\Z\%\_\q'`)).toEqual(['\'"\\\n\r\t\b\0\x1a\\%\\_q'])
    expect(values(String.raw`'a\nb'`, { noBackslashEscapes: true })).toEqual([String.raw`a\nb`])
  })

  test('national strings and introducers', () => {
    const lexer = new Lexer("N'x' _utf8mb4'y'", settingsFrom())
    const n = lexer.next()
    expect([n.kind, n.value, n.national, n.text]).toEqual(['string', 'x', true, "N'x'"])
    expect(values("_utf8mb4'y'")).toEqual(['_utf8mb4', 'y'])
  })

  test('non-ASCII names', () => {
    expect(tokens('日本 ünï 🙂x')).toEqual([
      { kind: 'word', value: '日本' },
      { kind: 'word', value: 'ünï' },
      { kind: 'word', value: '🙂x' },
    ])
  })

  test('offsets and spacing', () => {
    const lexer = new Lexer('a /*c*/ b(c)', settingsFrom())
    const seen = [lexer.next(), lexer.next(), lexer.next(), lexer.next()]
    expect(seen.map((t) => [t.value, t.start, t.end, t.spaced])).toEqual([
      ['a', 0, 1, false],
      ['b', 8, 9, true],
      ['(', 9, 10, false],
      ['c', 10, 11, false],
    ])
  })
})

describe('comments', () => {
  test('#, -- with a space, /* */ are skipped; --x is two minus signs', () => {
    expect(values('a # x\nb -- y\nc /* z */ d')).toEqual(['a', 'b', 'c', 'd'])
    expect(values('1 --1')).toEqual(['1', '-', '-', '1'])
    expect(values('a --\tb\nc')).toEqual(['a', 'c'])
    expect(values('a --')).toEqual(['a'])
  })

  test('a plain comment does not nest', () => {
    expect(values('a /* /* */ b')).toEqual(['a', 'b'])
  })

  test('optimizer hints are comments', () => {
    expect(values('SELECT /*+ BKA(t) */ 1')).toEqual(['SELECT', '1'])
  })

  test('executable comments: content counts, strings and comments inside it are read as usual', () => {
    expect(values("a /*!50000 b 'x */ y' /* c */ d */ e")).toEqual(['a', 'b', 'x */ y', 'd', 'e'])
    expect(values('a /*! b */ c')).toEqual(['a', 'b', 'c'])
  })

  test('MySQL version numbers: six digits when exactly six, else five', () => {
    const mysql = { flavor: 'mysql' as const, serverVersion: 90704 }
    expect(values('/*!90704 a */', mysql)).toEqual(['a'])
    expect(values('/*!90705 a */', mysql)).toEqual([])
    expect(values('/*!090704 a */', mysql)).toEqual(['a'])
    expect(values('/*!100000 a */', mysql)).toEqual([])
    expect(values('/*!1000000 a */', mysql)).toEqual(['00', 'a'])
    expect(values('/*!1234 a */', mysql)).toEqual(['1234', 'a'])
    expect(values('/*M!50000 a */ b', mysql)).toEqual(['b'])
  })

  test('MariaDB version numbers: up to six digits, MySQL 5.7+ range skipped, /*M! its own', () => {
    const mariadb = { flavor: 'mariadb' as const, serverVersion: 101119 }
    expect(values('/*!50699 a */', mariadb)).toEqual(['a'])
    expect(values('/*!50700 a */', mariadb)).toEqual([])
    expect(values('/*!80023 a */', mariadb)).toEqual([])
    expect(values('/*!100100 a */', mariadb)).toEqual(['a'])
    expect(values('/*!101200 a */', mariadb)).toEqual([])
    expect(values('/*M!80000 a */', mariadb)).toEqual(['a'])
    expect(values('/*M!110000 a */', mariadb)).toEqual([])
    expect(values('/*!1000000 a */', mariadb)).toEqual(['0', 'a'])
  })

  test('one */ closes nested executable comments', () => {
    expect(values('/*!50000 a /*!50000 b */ c')).toEqual(['a', 'b', 'c'])
  })
})

describe('lexical errors', () => {
  test.each([
    ["SELECT 'abc", 'unterminated string literal', 7],
    ["SELECT 'abc\\", 'unterminated string literal', 7],
    ['SELECT `abc', 'unterminated quoted identifier', 7],
    ['SELECT "abc', 'unterminated string literal', 7],
    ['SELECT /* abc', 'unterminated comment', 7],
    ['SELECT /*!50000 abc', 'unterminated executable comment', 7],
    ["SELECT X'4G'", 'invalid hex literal', 7],
    ["SELECT X'abc'", 'invalid hex literal', 7],
    ["SELECT b'012'", 'invalid bit literal', 7],
    ["SELECT X'ab", 'unterminated literal', 7],
  ] as const)('%s', (sql, reason, offset) => {
    const err = lexError(sql)
    expect(err.reason).toBe(reason)
    expect(err.offset).toBe(offset)
    expect(err.code).toBe('ddl_parse')
  })

  test('an unterminated name under ANSI_QUOTES', () => {
    expect(lexError('"abc', { ansiQuotes: true }).reason).toBe('unterminated quoted identifier')
  })
})
