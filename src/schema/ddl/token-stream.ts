// The parser's view of the tokens: look-ahead, keyword matching, names, literals, and the
// source text of token runs (expressions are kept as text, not parsed).

import type { TableRef } from './ast.ts'
import { DdlParseError, placeAt } from './errors.ts'
import { Lexer, type Token } from './lexer.ts'
import type { ParseSettings } from './options.ts'
import { isReserved } from './reserved.ts'

export class TokenStream {
  private readonly lexer: Lexer
  private readonly ahead: Token[] = []
  /** Every token consumed so far, for the text of a clause (see `mark` and `textSince`). */
  private readonly consumed: Token[] = []

  constructor(
    readonly sql: string,
    readonly settings: ParseSettings,
  ) {
    this.lexer = new Lexer(sql, settings)
  }

  peek(offset = 0): Token {
    while (this.ahead.length <= offset) {
      const tail = this.ahead[this.ahead.length - 1]
      this.ahead.push(tail !== undefined && tail.kind === 'end' ? tail : this.lexer.next())
    }
    return this.ahead[offset]
  }

  next(): Token {
    const token = this.peek()
    if (token.kind !== 'end') {
      this.ahead.shift()
      this.consumed.push(token)
    }
    return token
  }

  /** The word (unquoted) `upper` at `offset` tokens ahead. */
  isWord(upper: string, offset = 0): boolean {
    const t = this.peek(offset)
    return t.kind === 'word' && t.upper === upper
  }

  /** One of the words, at `offset`. */
  isAnyWord(uppers: readonly string[], offset = 0): boolean {
    const t = this.peek(offset)
    return t.kind === 'word' && uppers.includes(t.upper)
  }

  /** The words in sequence, starting here. */
  isWords(...uppers: string[]): boolean {
    return uppers.every((u, i) => this.isWord(u, i))
  }

  acceptWord(upper: string): boolean {
    if (!this.isWord(upper)) return false
    this.next()
    return true
  }

  /** Consumes the sequence only when all of it is there. */
  acceptWords(...uppers: string[]): boolean {
    if (!this.isWords(...uppers)) return false
    for (let i = 0; i < uppers.length; i++) this.next()
    return true
  }

  /** Consumes and returns one of the words, or null. */
  acceptAnyWord(uppers: readonly string[]): string | null {
    if (!this.isAnyWord(uppers)) return null
    return this.next().upper
  }

  expectWord(...uppers: string[]): void {
    for (const upper of uppers) {
      if (!this.acceptWord(upper)) this.fail(`expected ${upper}`)
    }
  }

  expectAnyWord(uppers: readonly string[], what: string): string {
    const word = this.acceptAnyWord(uppers)
    if (word === null) this.fail(`expected ${what}`)
    return word
  }

  isPunct(value: string, offset = 0): boolean {
    const t = this.peek(offset)
    return t.kind === 'punct' && t.value === value
  }

  acceptPunct(value: string): boolean {
    if (!this.isPunct(value)) return false
    this.next()
    return true
  }

  expectPunct(value: string): Token {
    if (!this.isPunct(value)) this.fail(`expected '${value}'`)
    return this.next()
  }

  /** `=` is optional before most option values. */
  acceptEquals(): void {
    this.acceptPunct('=')
  }

  /** The end of the statement, or a `;` with nothing after it. */
  atEnd(): boolean {
    const t = this.peek()
    if (t.kind === 'end') return true
    return t.kind === 'punct' && t.value === ';' && this.peek(1).kind === 'end'
  }

  expectEnd(): void {
    if (!this.atEnd()) this.fail('unexpected text after the statement')
  }

  /** Throws a DdlParseError about `token` (the next one unless given). */
  fail(reason: string, token: Token = this.peek()): never {
    throw new DdlParseError(reason, placeAt(this.sql, token.start, token.text))
  }

  // ---- names ----

  /** Whether the next token can be a name: a quoted name or an unreserved word. */
  isName(offset = 0): boolean {
    const t = this.peek(offset)
    return t.kind === 'quoted' || (t.kind === 'word' && !isReserved(t.upper))
  }

  /** A column, index, table or database name. */
  name(what: string): string {
    if (!this.isName()) this.fail(`expected ${what}`)
    return this.next().value
  }

  /** `t`, `db.t`, `db`.`t`; also `.t` (ODBC syntax, the current database). */
  tableRef(): TableRef {
    if (this.acceptPunct('.')) return { database: null, name: this.name('table name') }
    const first = this.name('table name')
    if (this.isPunct('.')) {
      this.next()
      // After the dot any word is a name, reserved or not (db.order is valid).
      const t = this.peek()
      if (t.kind !== 'word' && t.kind !== 'quoted') this.fail('expected table name')
      this.next()
      return { database: first, name: t.value }
    }
    return { database: null, name: first }
  }

  /** A comma-separated list of names in parentheses: (a, b, c). */
  nameList(what: string): string[] {
    this.expectPunct('(')
    const names: string[] = []
    do names.push(this.name(what))
    while (this.acceptPunct(','))
    this.expectPunct(')')
    return names
  }

  // ---- literals ----

  isString(offset = 0): boolean {
    const t = this.peek(offset)
    if (t.kind === 'string') return true
    return t.kind === 'word' && t.value.startsWith('_') && this.peek(offset + 1).kind === 'string'
  }

  /** A string literal: an optional _charset introducer, then one or more adjacent strings, concatenated. */
  string(what: string): string {
    if (!this.isString()) this.fail(`expected ${what}`)
    if (this.peek().kind === 'word') this.next()
    let value = this.next().value
    while (this.peek().kind === 'string') value += this.next().value
    return value
  }

  /** An unsigned integer literal. */
  integer(what: string): number {
    const t = this.peek()
    if (t.kind !== 'number' || !/^\d+$/.test(t.value)) this.fail(`expected ${what}`)
    this.next()
    return Number(t.value)
  }

  /** An unsigned integer literal, exactly (AUTO_INCREMENT values exceed 2^53). */
  bigInteger(what: string): bigint {
    const t = this.peek()
    if (t.kind !== 'number' || !/^\d+$/.test(t.value)) this.fail(`expected ${what}`)
    this.next()
    return BigInt(t.value)
  }

  /** A name-like value: a word, a quoted name or a string ('utf8mb4', InnoDB, `ngram`). */
  symbol(what: string): string {
    const t = this.peek()
    if (t.kind === 'word' || t.kind === 'quoted') return this.next().value
    if (t.kind === 'string') return this.string(what)
    this.fail(`expected ${what}`)
  }

  // ---- text of token runs ----

  /**
   * Consumes a parenthesised group and returns the text between the parentheses, rebuilt from
   * its tokens: comments dropped, any run of whitespace as one space.
   */
  group(): string {
    this.expectPunct('(')
    const tokens: Token[] = []
    let depth = 1
    for (;;) {
      const t = this.peek()
      if (t.kind === 'end') this.fail("expected ')'")
      this.next()
      if (t.kind === 'punct') {
        if (t.value === '(') depth++
        else if (t.value === ')' && --depth === 0) break
      }
      tokens.push(t)
    }
    return textOf(tokens)
  }

  /** Consumes tokens up to (not including) a top-level token `stop` accepts, or the end; returns their text. */
  until(stop: (t: Token) => boolean): string {
    const tokens: Token[] = []
    let depth = 0
    for (;;) {
      const t = this.peek()
      if (t.kind === 'end' || (depth === 0 && (stop(t) || this.atEnd()))) break
      if (t.kind === 'punct') {
        if (t.value === '(') depth++
        else if (t.value === ')') {
          if (depth === 0) break
          depth--
        }
      }
      tokens.push(this.next())
    }
    if (depth > 0) this.fail("expected ')'")
    return textOf(tokens)
  }

  /** A mark to pass to `textSince`. */
  mark(): number {
    return this.consumed.length
  }

  /** The text of the tokens consumed since `mark`. */
  textSince(mark: number): string {
    return textOf(this.consumed.slice(mark))
  }
}

/** Tokens as text: each one as written, one space where the source had whitespace or a comment. */
export function textOf(tokens: readonly Token[]): string {
  let text = ''
  for (const t of tokens) text += (text !== '' && t.spaced ? ' ' : '') + t.text
  return text
}
