// DEFAULT values: literals (decoded), CURRENT_TIMESTAMP and its synonyms with their precision,
// and expressions, which stay text: `(expr)` on both servers, or MariaDB's unparenthesised
// function calls and names (`uuid()`, `nextval(s)`, `a`) as its SHOW CREATE TABLE prints them.

import type { ColumnDefault } from './ast.ts'
import { isReserved } from './reserved.ts'
import type { TokenStream } from './token-stream.ts'

const NOW_WORDS = ['CURRENT_TIMESTAMP', 'NOW', 'LOCALTIME', 'LOCALTIMESTAMP']
const TEMPORAL_WORDS = ['DATE', 'TIME', 'TIMESTAMP']
/** Reserved words that are functions without parentheses; other reserved words need `(` to be a call. */
const NILADIC = ['CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_USER', 'UTC_DATE', 'UTC_TIME', 'UTC_TIMESTAMP']

export function parseDefault(ts: TokenStream): ColumnDefault {
  const mark = ts.mark()
  const t = ts.peek()
  if (t.kind === 'punct' && t.value === '(') {
    ts.group()
    return { kind: 'expression', text: ts.textSince(mark) }
  }
  if (t.kind === 'punct' && (t.value === '-' || t.value === '+')) {
    ts.next()
    const n = ts.peek()
    if (n.kind !== 'number') ts.fail('expected a number')
    ts.next()
    return { kind: 'number', text: ts.textSince(mark), value: (t.value === '-' ? '-' : '') + n.value }
  }
  if (t.kind === 'number') {
    ts.next()
    return { kind: 'number', text: t.text, value: t.value }
  }
  if (t.kind === 'hex' || t.kind === 'bit') {
    ts.next()
    return { kind: t.kind, text: t.text, value: t.value }
  }
  if (ts.isString()) {
    // An introducer may also precede a hex or bit literal; strings are what SHOW CREATE prints.
    const value = ts.string('a default value')
    return { kind: 'string', text: ts.textSince(mark), value }
  }
  if (t.kind === 'word' && t.value.startsWith('_') && (ts.peek(1).kind === 'hex' || ts.peek(1).kind === 'bit')) {
    ts.next()
    const literal = ts.next()
    return { kind: literal.kind as 'hex' | 'bit', text: ts.textSince(mark), value: literal.value }
  }
  if (t.kind === 'word') {
    if (t.upper === 'NULL') {
      ts.next()
      return { kind: 'null', text: t.text }
    }
    if (t.upper === 'TRUE' || t.upper === 'FALSE') {
      ts.next()
      return { kind: 'boolean', text: t.text, value: t.upper === 'TRUE' }
    }
    if (TEMPORAL_WORDS.includes(t.upper) && ts.peek(1).kind === 'string') {
      ts.next()
      const value = ts.string('a temporal literal')
      return { kind: 'string', text: ts.textSince(mark), value }
    }
    if (NOW_WORDS.includes(t.upper)) {
      const fsp = parseNow(ts)
      return { kind: 'current_timestamp', text: ts.textSince(mark), fsp }
    }
  }
  if (t.kind === 'quoted' || (t.kind === 'word' && (!isReserved(t.upper) || NILADIC.includes(t.upper) || ts.isPunct('(', 1)))) {
    simpleExpression(ts)
    return { kind: 'expression', text: ts.textSince(mark) }
  }
  return ts.fail('expected a default value')
}

/**
 * CURRENT_TIMESTAMP [( [fsp] )], NOW( [fsp] ), LOCALTIME[STAMP] [( [fsp] )]; returns the fsp (0
 * when not written). The caller has seen one of the words.
 */
export function parseNow(ts: TokenStream): number {
  const word = ts.next()
  let fsp = 0
  if (ts.acceptPunct('(')) {
    if (!ts.isPunct(')')) fsp = ts.integer('a fractional seconds precision')
    ts.expectPunct(')')
  } else if (word.upper === 'NOW') {
    ts.fail("expected '('")
  }
  return fsp
}

export function isNow(ts: TokenStream): boolean {
  return ts.isAnyWord(NOW_WORDS)
}

/**
 * MariaDB's unparenthesised default expressions: a name or a function call, possibly qualified
 * (`a`, `uuid()`, `db.f(x)`), NEXT VALUE FOR s, PREVIOUS VALUE FOR s.
 */
function simpleExpression(ts: TokenStream): void {
  if (ts.isWords('NEXT', 'VALUE', 'FOR') || ts.isWords('PREVIOUS', 'VALUE', 'FOR')) {
    ts.next()
    ts.next()
    ts.next()
    ts.tableRef()
    return
  }
  ts.next()
  while (ts.isPunct('.')) {
    ts.next()
    const t = ts.peek()
    if (t.kind !== 'word' && t.kind !== 'quoted') ts.fail('expected a name')
    ts.next()
  }
  if (ts.isPunct('(')) ts.group()
}
