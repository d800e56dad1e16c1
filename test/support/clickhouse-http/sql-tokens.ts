// Tokenises the head of a ClickHouse SQL text, just far enough to find statement boundaries and clauses.
//
// The lexer follows ClickHouse's own rules for what can hide a `;` or a keyword: 'strings' and
// `quoted` / "quoted" identifiers (backslash escapes and doubled quotes), $tag$heredocs$tag$,
// -- and `# ` comments to the end of the line, and /* nested /* block */ comments */. It works on
// bytes and is lazy, so an INSERT's head can be read without touching the data after it.
// Anything unterminated simply ends the token stream; the engine reports the syntax error itself.

export type TokenKind = 'word' | 'quoted' | 'string' | 'punct'

export interface Token {
  kind: TokenKind
  start: number
  end: number
  /** Upper-cased text for words, the character for punctuation, '' otherwise. */
  text: string
}

const isSpace = (b: number): boolean => b === 0x20 || (b >= 0x09 && b <= 0x0d)
const isWordByte = (b: number): boolean =>
  (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f || b === 0x24 || b >= 0x80

/** Reads tokens one at a time; `next()` returns undefined at the end. */
export class TokenReader {
  readonly #tokens: Generator<Token>
  constructor(sql: Uint8Array) {
    this.#tokens = sqlTokens(sql)
  }
  next(): Token | undefined {
    const r = this.#tokens.next()
    return r.done ? undefined : r.value
  }
}

export function* sqlTokens(sql: Uint8Array, from = 0): Generator<Token> {
  let i = from
  const n = sql.length
  while (i < n) {
    const b = sql[i]
    if (isSpace(b)) {
      i++
      continue
    }
    if ((b === 0x2d && sql[i + 1] === 0x2d) || (b === 0x23 && (sql[i + 1] === 0x20 || sql[i + 1] === 0x21))) {
      while (i < n && sql[i] !== 0x0a) i++
      continue
    }
    if (b === 0x2f && sql[i + 1] === 0x2a) {
      i = skipBlockComment(sql, i)
      continue
    }
    const start = i
    if (b === 0x27 || b === 0x60 || b === 0x22) {
      i = skipQuoted(sql, i, b)
      if (i > n) return
      yield { kind: b === 0x27 ? 'string' : 'quoted', start, end: i, text: '' }
      continue
    }
    if (b === 0x24) {
      const end = skipHeredoc(sql, i)
      if (end === -1) return
      if (end > 0) {
        i = end
        yield { kind: 'string', start, end, text: '' }
        continue
      }
    }
    if (isWordByte(b)) {
      while (i < n && isWordByte(sql[i])) i++
      yield { kind: 'word', start, end: i, text: ascii(sql, start, i).toUpperCase() }
      continue
    }
    i++
    yield { kind: 'punct', start, end: i, text: String.fromCharCode(b) }
  }
}

/** Returns the offset after the closing quote, or n + 1 when the literal is unterminated. */
function skipQuoted(sql: Uint8Array, i: number, quote: number): number {
  const n = sql.length
  i++
  while (i < n) {
    const b = sql[i]
    if (b === 0x5c) {
      i += 2
      continue
    }
    if (b === quote) {
      if (sql[i + 1] === quote) {
        i += 2
        continue
      }
      return i + 1
    }
    i++
  }
  return n + 1
}

/** Block comments nest in ClickHouse. An unterminated one runs to the end. */
function skipBlockComment(sql: Uint8Array, i: number): number {
  const n = sql.length
  let depth = 0
  while (i < n) {
    if (sql[i] === 0x2f && sql[i + 1] === 0x2a) {
      depth++
      i += 2
      continue
    }
    if (sql[i] === 0x2a && sql[i + 1] === 0x2f) {
      depth--
      i += 2
      if (depth === 0) return i
      continue
    }
    i++
  }
  return n
}

/** `$tag$ … $tag$`: the end offset, 0 when `$` does not open a heredoc, -1 when it is unterminated. */
function skipHeredoc(sql: Uint8Array, i: number): number {
  let j = i + 1
  while (j < sql.length && sql[j] !== 0x24) {
    const b = sql[j]
    if (!(isWordByte(b) && b !== 0x24)) return 0
    j++
  }
  if (j >= sql.length) return 0
  const tag = sql.subarray(i, j + 1)
  for (let k = j + 1; k + tag.length <= sql.length; k++) {
    let match = true
    for (let t = 0; t < tag.length && match; t++) match = sql[k + t] === tag[t]
    if (match) return k + tag.length
  }
  return -1
}

function ascii(sql: Uint8Array, start: number, end: number): string {
  let s = ''
  for (let i = start; i < end; i++) s += String.fromCharCode(sql[i])
  return s
}
