// Reads one request's SQL the way ClickHouse's HTTP interface does: one statement, and for
// INSERT … FORMAT / VALUES the data that follows it, which never goes through the SQL parser.

import { ClickHouseError } from './errors.ts'
import { TokenReader, type Token } from './sql-tokens.ts'

export interface Insert {
  /** The data after `FORMAT name` (or after `VALUES`), byte for byte. */
  data: Uint8Array
  /** The INSERT rewritten to read that data from a file: `INSERT INTO t (…) FROM INFILE '…' … FORMAT name`. */
  fromFile(path: string): string
}

export interface Statement {
  /** The first keyword, upper-cased: SELECT, INSERT, CREATE, … */
  kind: string
  /** The FORMAT clause of a statement with output, when it has one. */
  outputFormat?: string
  insert?: Insert
}

/** Statements that return rows, so the response carries a format. */
export const resultKinds = new Set(['SELECT', 'WITH', 'SHOW', 'DESCRIBE', 'DESC', 'EXISTS', 'EXPLAIN', 'CHECK'])
/** Statements allowed when the request is read-only (HTTP GET, or readonly=1|2). */
export const readKinds = new Set(['SELECT', 'WITH', 'SHOW', 'DESCRIBE', 'DESC', 'EXISTS', 'EXPLAIN', 'SET', 'USE'])

const isOpen = (t: Token): boolean => t.kind === 'punct' && (t.text === '(' || t.text === '[' || t.text === '{')
const isClose = (t: Token): boolean => t.kind === 'punct' && (t.text === ')' || t.text === ']' || t.text === '}')

/**
 * `head` is the start of the text (query parameter + '\n' + body, as ClickHouse concatenates
 * them); `rest(offset)` returns the text from an offset on, so a large body is never copied.
 */
export function readStatement(head: Uint8Array, rest: (offset: number) => Uint8Array): Statement {
  const tokens = new TokenReader(head)
  const first = tokens.next()
  if (first === undefined || first.text === ';') throw ClickHouseError.of('SYNTAX_ERROR', 'Empty query.')
  const kind = first.kind === 'word' ? first.text : first.text === '(' ? 'SELECT' : first.text
  if (kind === 'INSERT') {
    const insert = readInsert(head, tokens, rest)
    if (insert) return { kind, insert }
  }
  const outputFormat = readRest(head, first, tokens)
  return outputFormat === undefined ? { kind } : { kind, outputFormat }
}

// INSERT INTO [TABLE] db.t | FUNCTION f(…)  [(columns)]  [SETTINGS …]  VALUES | FORMAT name | SELECT | WITH | FROM INFILE
// Anything else is left for the engine to judge, as plain SQL.
function readInsert(head: Uint8Array, tokens: TokenReader, rest: (offset: number) => Uint8Array): Insert | undefined {
  if (tokens.next()?.text !== 'INTO') return undefined
  let token = tokens.next()
  if (token?.text === 'TABLE') token = tokens.next()
  if (token?.text === 'FUNCTION') {
    tokens.next()
    token = tokens.next()?.text === '(' ? skipGroup(tokens) : undefined
  } else {
    token = tokens.next()
    if (token?.text === '.') {
      tokens.next()
      token = tokens.next()
    }
  }
  if (token?.text === '(') token = skipGroup(tokens)
  let settingsAt: number | undefined
  for (; token !== undefined; token = tokens.next()) {
    if (token.kind !== 'word') continue
    switch (token.text) {
      case 'SETTINGS':
        settingsAt ??= token.start
        break
      case 'SELECT':
      case 'WITH':
      case 'WATCH':
        return undefined
      case 'FROM':
        if (tokens.next()?.text === 'INFILE') {
          // executeQuery refuses INFILE unless a client reads the file itself.
          throw ClickHouseError.of('UNKNOWN_TYPE_OF_QUERY', 'Query has infile and was send directly to server')
        }
        return undefined
      case 'VALUES': {
        // The Values data starts at the token after the keyword.
        const dataAt = tokens.next()?.start ?? head.length
        return insertFrom(head, settingsAt ?? token.start, token.start, 'FORMAT Values', rest(dataAt))
      }
      case 'FORMAT': {
        const name = tokens.next()
        if (name === undefined || name.kind !== 'word') return undefined
        return insertFrom(head, settingsAt ?? token.start, token.start, sql(head, token.start, name.end), rest(dataStart(head, name.end)))
      }
    }
  }
  return undefined
}

// ParserInsertQuery: a ';' right after the format name is an error; otherwise the data starts
// after spaces, tabs and form feeds, then one optional "\r", then one optional "\n".
function dataStart(head: Uint8Array, i: number): number {
  if (head[i] === 0x3b) {
    throw ClickHouseError.of('SYNTAX_ERROR', "You have excessive ';' symbol before data for INSERT.")
  }
  while (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0c) i++
  if (head[i] === 0x0d) i++
  if (head[i] === 0x0a) i++
  return i
}

// FROM INFILE has to precede a SETTINGS clause, so it goes in front of whichever comes first.
function insertFrom(head: Uint8Array, infileAt: number, clauseAt: number, format: string, data: Uint8Array): Insert {
  const before = sql(head, 0, infileAt)
  const between = sql(head, infileAt, clauseAt)
  return {
    data,
    fromFile: (path) => `${before}FROM INFILE '${path}' COMPRESSION 'none' ${between}${format}`,
  }
}

/** Called after an opening bracket; returns the token after the matching closing one. */
function skipGroup(tokens: TokenReader): Token | undefined {
  let depth = 1
  for (let t = tokens.next(); t !== undefined; t = tokens.next()) {
    if (isOpen(t)) depth++
    else if (isClose(t) && --depth === 0) return tokens.next()
  }
  return undefined
}

/** Checks a statement that runs as plain SQL; returns its output FORMAT, if any. */
function readRest(head: Uint8Array, first: Token, tokens: TokenReader): string | undefined {
  let depth = isOpen(first) ? 1 : 0
  let prev = first
  let formatName: Token | undefined
  let outputFormat: string | undefined
  for (let t = tokens.next(); t !== undefined; prev = t, t = tokens.next()) {
    if (isOpen(t)) {
      depth++
      continue
    }
    if (isClose(t)) {
      depth--
      continue
    }
    if (depth !== 0) continue
    if (t.text === ';' && t.kind === 'punct') {
      if (tokens.next() !== undefined) {
        const excerpt = message(head, t.start, Math.min(head.length, t.start + 60))
        throw ClickHouseError.of(
          'SYNTAX_ERROR',
          `Syntax error (Multi-statements are not allowed): failed at position ${t.start + 1} (end of query): ${excerpt}.`,
        )
      }
      break
    }
    if (t.kind !== 'word') {
      formatName = undefined
      continue
    }
    if (prev.text === 'INTO' && t.text === 'OUTFILE') {
      throw ClickHouseError.of('INTO_OUTFILE_NOT_ALLOWED', 'INTO OUTFILE is not allowed')
    }
    // `FORMAT name` is the output format when it ends the statement or SETTINGS follows it.
    if (formatName !== undefined && t.text === 'SETTINGS') outputFormat = sql(head, formatName.start, formatName.end)
    formatName = prev.text === 'FORMAT' && prev.kind === 'word' ? t : undefined
  }
  return formatName !== undefined ? sql(head, formatName.start, formatName.end) : outputFormat
}

const utf8 = new TextDecoder('utf-8', { fatal: true })
const lenient = new TextDecoder()

/** SQL goes to chDB as a JS string, so it has to be UTF-8; refuse rather than alter it. */
export function sql(bytes: Uint8Array, start = 0, end = bytes.length): string {
  try {
    return utf8.decode(bytes.subarray(start, end))
  } catch {
    throw ClickHouseError.of('BAD_ARGUMENTS', 'The query text is not valid UTF-8, which the chDB adapter cannot pass on unchanged.')
  }
}

function message(bytes: Uint8Array, start: number, end: number): string {
  return lenient.decode(bytes.subarray(start, end))
}
