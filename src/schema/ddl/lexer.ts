// Splits one SQL statement into tokens the way MySQL and MariaDB read it: quoted names, string
// literals with their escapes, hex and bit literals, comments, and executable comments whose
// content counts as SQL when the server's version admits it.

import { DdlParseError, placeAt } from './errors.ts'
import type { ParseSettings } from './options.ts'

export type TokenKind =
  /** An unquoted identifier or keyword. */
  | 'word'
  /** A `backquoted` name (or "double-quoted" under ANSI_QUOTES). */
  | 'quoted'
  | 'string'
  | 'number'
  /** X'..' or 0x.. */
  | 'hex'
  /** B'..' or 0b.. */
  | 'bit'
  | 'punct'
  | 'end'

export interface Token {
  kind: TokenKind
  /** The token exactly as written. */
  text: string
  /**
   * word: as written; quoted: the name with doubled quotes undone; string: the decoded value;
   * number: as written; hex: the hex digits; bit: the binary digits; punct: the operator.
   */
  value: string
  /** Upper-cased value of a word, for keyword comparison; '' for every other kind. */
  upper: string
  start: number
  end: number
  /** Whitespace or a comment stands between this token and the previous one. */
  spaced: boolean
  /** N'..' (national character set) for strings. */
  national?: boolean
}

const MULTI_CHAR_OPERATORS = ['<=>', '->>', '<=', '>=', '<>', '!=', ':=', '||', '&&', '<<', '>>', '->']

export class Lexer {
  private pos = 0
  /** Offset of the `/*!` whose content is being read, or -1 outside one. */
  private executableStart = -1
  private previous: Token | null = null

  /** Reads `sql` from offset `from` on; token offsets are offsets in `sql`. */
  constructor(
    readonly sql: string,
    private readonly settings: ParseSettings,
    from = 0,
  ) {
    this.pos = from
  }

  next(): Token {
    const spaced = this.skipTrivia()
    const start = this.pos
    const sql = this.sql
    if (start >= sql.length) {
      if (this.executableStart >= 0) throw this.fail('unterminated executable comment', this.executableStart, '/*!')
      return this.emit('end', start, start, '', spaced)
    }
    const c = sql.charCodeAt(start)
    const next = sql.charCodeAt(start + 1)
    if (c === 0x27 /* ' */) return this.quotedString(start, spaced, false)
    if (c === 0x22 /* " */) return this.settings.ansiQuotes ? this.quotedName(start, spaced) : this.quotedString(start, spaced, false)
    if (c === 0x60 /* ` */) return this.quotedName(start, spaced)
    if (next === 0x27 && (c === 0x78 || c === 0x58)) return this.prefixedLiteral(start, spaced, 'hex')
    if (next === 0x27 && (c === 0x62 || c === 0x42)) return this.prefixedLiteral(start, spaced, 'bit')
    if (next === 0x27 && (c === 0x6e || c === 0x4e)) return this.quotedString(start + 1, spaced, true)
    if (isIdentChar(c)) return this.wordOrNumber(start, spaced)
    if (c === 0x2e /* . */ && isDigit(next) && !this.followsName(spaced)) return this.number(start, start, spaced)
    for (const op of MULTI_CHAR_OPERATORS) {
      if (sql.startsWith(op, start)) {
        this.pos = start + op.length
        return this.emit('punct', start, this.pos, op, spaced)
      }
    }
    const width = c >= 0xd800 && c <= 0xdbff ? 2 : 1
    this.pos = start + width
    return this.emit('punct', start, this.pos, sql.slice(start, this.pos), spaced)
  }

  /** Skips whitespace and comments; returns whether anything was skipped. */
  private skipTrivia(): boolean {
    const sql = this.sql
    const start = this.pos
    for (;;) {
      const c = sql.charCodeAt(this.pos)
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) {
        this.pos++
      } else if (c === 0x23 /* # */) {
        this.skipLine()
      } else if (c === 0x2d && sql.charCodeAt(this.pos + 1) === 0x2d && endsDoubleDash(sql.charCodeAt(this.pos + 2))) {
        this.skipLine()
      } else if (c === 0x2f /* / */ && sql.charCodeAt(this.pos + 1) === 0x2a /* * */) {
        this.comment()
      } else if (c === 0x2a && sql.charCodeAt(this.pos + 1) === 0x2f && this.executableStart >= 0) {
        // The `*/` closing an executable comment; one closes every `/*!` opened inside it, as the servers do.
        this.executableStart = -1
        this.pos += 2
      } else {
        return this.pos > start
      }
    }
  }

  private skipLine(): void {
    const end = this.sql.indexOf('\n', this.pos)
    this.pos = end < 0 ? this.sql.length : end + 1
  }

  /**
   * A comment at `/*`. `/*!` (and MariaDB's `/*M!`) followed by an optional version is an
   * executable comment: its content is SQL when the version is admitted, else the whole thing is
   * a comment. Versions: MySQL reads six digits when exactly six are there, else five; MariaDB
   * reads up to six. Fewer than five digits are no version at all (they belong to the content).
   */
  private comment(): void {
    const sql = this.sql
    const start = this.pos
    const mariaMarker = sql.startsWith('/*M!', start)
    if (sql.charCodeAt(start + 2) === 0x21 /* ! */ || (mariaMarker && this.settings.flavor === 'mariadb')) {
      let p = start + (mariaMarker ? 4 : 3)
      let digits = 0
      while (digits < 7 && isDigit(sql.charCodeAt(p + digits))) digits++
      let version: number | null = null
      const take =
        this.settings.flavor === 'mysql' ? (digits === 6 ? 6 : digits >= 5 ? 5 : 0) : Math.min(digits, 6) >= 5 ? Math.min(digits, 6) : 0
      if (take > 0) {
        version = Number(sql.slice(p, p + take))
        p += take
      }
      if (this.admits(version, mariaMarker)) {
        if (this.executableStart < 0) this.executableStart = start
        this.pos = p
        return
      }
    }
    const end = sql.indexOf('*/', start + 2)
    if (end < 0) throw this.fail('unterminated comment', start, sql.slice(start, start + 2))
    this.pos = end + 2
  }

  private admits(version: number | null, mariaMarker: boolean): boolean {
    if (version === null) return true
    if (version > this.settings.serverVersion) return false
    // MariaDB skips `/*!` comments for MySQL 5.7 and later (50700-99999): those features are MySQL's.
    if (this.settings.flavor === 'mariadb' && !mariaMarker && version >= 50700 && version <= 99999) return false
    return true
  }

  private quotedString(quoteAt: number, spaced: boolean, national: boolean): Token {
    const sql = this.sql
    const quote = sql.charCodeAt(quoteAt)
    const start = national ? quoteAt - 1 : quoteAt
    let value = ''
    let chunk = quoteAt + 1
    let i = quoteAt + 1
    for (;;) {
      if (i >= sql.length) throw this.fail('unterminated string literal', start, sql.slice(start, start + 20))
      const c = sql.charCodeAt(i)
      if (c === quote) {
        value += sql.slice(chunk, i)
        if (sql.charCodeAt(i + 1) === quote) {
          value += sql[i]
          i += 2
          chunk = i
          continue
        }
        i++
        break
      }
      if (c === 0x5c /* \ */ && !this.settings.noBackslashEscapes) {
        if (i + 1 >= sql.length) throw this.fail('unterminated string literal', start, sql.slice(start, start + 20))
        value += sql.slice(chunk, i) + escapedChar(sql[i + 1])
        i += 2
        chunk = i
        continue
      }
      i++
    }
    this.pos = i
    const token = this.emit('string', start, i, value, spaced)
    if (national) token.national = true
    return token
  }

  private quotedName(start: number, spaced: boolean): Token {
    const sql = this.sql
    const quote = sql[start]
    let value = ''
    let i = start + 1
    for (;;) {
      const end = sql.indexOf(quote, i)
      if (end < 0) throw this.fail('unterminated quoted identifier', start, sql.slice(start, start + 20))
      value += sql.slice(i, end)
      if (sql[end + 1] === quote) {
        value += quote
        i = end + 2
        continue
      }
      i = end + 1
      break
    }
    this.pos = i
    return this.emit('quoted', start, i, value, spaced)
  }

  /** X'4142' or B'0101': the digits between the quotes, checked. */
  private prefixedLiteral(start: number, spaced: boolean, kind: 'hex' | 'bit'): Token {
    const sql = this.sql
    const end = sql.indexOf("'", start + 2)
    if (end < 0) throw this.fail('unterminated literal', start, sql.slice(start, start + 20))
    const digits = sql.slice(start + 2, end)
    const valid = kind === 'hex' ? /^[0-9a-fA-F]*$/.test(digits) && digits.length % 2 === 0 : /^[01]*$/.test(digits)
    if (!valid) throw this.fail(`invalid ${kind} literal`, start, sql.slice(start, end + 1))
    this.pos = end + 1
    return this.emit(kind, start, end + 1, digits, spaced)
  }

  private wordOrNumber(start: number, spaced: boolean): Token {
    const sql = this.sql
    let i = start
    while (i < sql.length && isIdentChar(sql.charCodeAt(i))) i++
    const run = sql.slice(start, i)
    // After `name.` the next part is a name even when it starts with digits (db.1t).
    if (this.followsDot(spaced)) {
      this.pos = i
      return this.emit('word', start, i, run, spaced)
    }
    if (/^\d+$/.test(run)) return this.number(start, i, spaced)
    if (/^0x[0-9a-fA-F]+$/.test(run)) {
      this.pos = i
      return this.emit('hex', start, i, run.slice(2), spaced)
    }
    if (/^0b[01]+$/.test(run)) {
      this.pos = i
      return this.emit('bit', start, i, run.slice(2), spaced)
    }
    if (/^\d+[eE]\d+$/.test(run)) {
      this.pos = i
      return this.emit('number', start, i, run, spaced)
    }
    if (/^\d+[eE]$/.test(run) && (sql[i] === '+' || sql[i] === '-') && isDigit(sql.charCodeAt(i + 1))) {
      i++
      while (isDigit(sql.charCodeAt(i))) i++
      this.pos = i
      return this.emit('number', start, i, sql.slice(start, i), spaced)
    }
    this.pos = i
    return this.emit('word', start, i, run, spaced)
  }

  /** A decimal number whose integer digits end at `from`: optional fraction, optional exponent. */
  private number(start: number, from: number, spaced: boolean): Token {
    const sql = this.sql
    let i = from
    if (sql.charCodeAt(i) === 0x2e /* . */) {
      i++
      while (isDigit(sql.charCodeAt(i))) i++
    }
    const e = sql.charCodeAt(i)
    if (e === 0x65 || e === 0x45) {
      let j = i + 1
      if (sql[j] === '+' || sql[j] === '-') j++
      if (isDigit(sql.charCodeAt(j))) {
        while (isDigit(sql.charCodeAt(j))) j++
        i = j
      }
    }
    this.pos = i
    return this.emit('number', start, i, sql.slice(start, i), spaced)
  }

  private followsDot(spaced: boolean): boolean {
    const p = this.previous
    return !spaced && p !== null && p.kind === 'punct' && p.value === '.'
  }

  private followsName(spaced: boolean): boolean {
    const p = this.previous
    return !spaced && p !== null && (p.kind === 'word' || p.kind === 'quoted')
  }

  private emit(kind: TokenKind, start: number, end: number, value: string, spaced: boolean): Token {
    const token: Token = {
      kind,
      text: this.sql.slice(start, end),
      value,
      upper: kind === 'word' ? value.toUpperCase() : '',
      start,
      end,
      spaced,
    }
    this.previous = token
    return token
  }

  private fail(reason: string, offset: number, token: string): DdlParseError {
    return new DdlParseError(reason, placeAt(this.sql, offset, token))
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39
}

/** Letters, digits, `_`, `$` and every non-ASCII character can be part of an unquoted name. */
function isIdentChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || isDigit(c) || c === 0x5f || c === 0x24 || c >= 0x80
}

/** `--` starts a comment only when followed by whitespace, a control character or the end. */
function endsDoubleDash(c: number): boolean {
  return Number.isNaN(c) || c <= 0x20
}

/** The character a backslash escape stands for. `\%` and `\_` keep their backslash (LIKE patterns). */
function escapedChar(ch: string): string {
  switch (ch) {
    case '0':
      return '\0'
    case 'b':
      return '\b'
    case 'n':
      return '\n'
    case 'r':
      return '\r'
    case 't':
      return '\t'
    case 'Z':
      return '\x1a'
    case '%':
    case '_':
      return '\\' + ch
    default:
      return ch
  }
}
