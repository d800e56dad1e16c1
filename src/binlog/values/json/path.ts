// JSON paths as MySQL writes them in partial-update diffs (Json_path::to_string), parsed back.
//
//   $                 the document
//   .name             a member whose name is an ECMAScript identifier, written bare
//   ."any name"       any other member, double-quoted with JSON escapes (double_quote())
//   [7]  [last]  [last-2]   an array cell, counted from the start or from the end
// The parser follows sql-common/json_path.cc: whitespace between tokens is allowed, bare names
// run to whitespace, '.', '[' or '*' and may hold JSON escapes. Wildcards, ranges and '**' are
// valid MySQL paths but can never name the single place a diff changes: they are refused.

import { DecodeError } from '../../errors.ts'

/** One step of a path: an object member or an array cell. */
export type JsonPathLeg =
  | { readonly kind: 'member'; readonly name: string }
  | { readonly kind: 'cell'; readonly index: number; readonly fromEnd: boolean }

const MAX_INDEX = 0xffffffff

/** Parses a diff's path; a malformed or non-seekable path is a DecodeError. */
export function parseJsonPath(path: string): JsonPathLeg[] {
  const legs: JsonPathLeg[] = []
  let p = skipSpace(path, 0)
  if (path[p] !== '$') throw bad(path, p, "it must start with '$'")
  p = skipSpace(path, p + 1)
  while (p < path.length) {
    const c = path[p]
    if (c === '.') p = memberLeg(path, skipSpace(path, p + 1), legs)
    else if (c === '[') p = cellLeg(path, skipSpace(path, p + 1), legs)
    else throw bad(path, p, c === '*' ? "'**' cannot name one value" : `unexpected '${c}'`)
    p = skipSpace(path, p)
  }
  return legs
}

/** The text MySQL would write for these legs (used in messages and tests). */
export function formatJsonPath(legs: readonly JsonPathLeg[]): string {
  let s = '$'
  for (const leg of legs) {
    if (leg.kind === 'member') s += '.' + (IDENTIFIER.test(leg.name) ? leg.name : JSON.stringify(leg.name))
    else s += '[' + (leg.fromEnd ? (leg.index > 0 ? 'last-' + leg.index : 'last') : leg.index) + ']'
  }
  return s
}

// An approximation of MySQL's is_ecmascript_identifier, good for the names formatJsonPath prints.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: ZWNJ and ZWJ (\u200c, \u200d) are identifier characters on their own
const IDENTIFIER = /^[\p{L}$_][\p{L}\p{Nd}$_\u200c\u200d\u0300-\u036f\u203f\u2040\u2054\ufe33\ufe34\ufe4d-\ufe4f\uff3f]*$/u

function memberLeg(path: string, p: number, legs: JsonPathLeg[]): number {
  if (p >= path.length) throw bad(path, p, 'a member name is missing')
  if (path[p] === '*') throw bad(path, p, "the wildcard '.*' cannot name one value")
  let end: number
  let quoted: string
  if (path[p] === '"') {
    end = p + 1
    while (end < path.length && path[end] !== '"') end += path[end] === '\\' ? 2 : 1
    if (end >= path.length) throw bad(path, p, 'the quoted member name is not closed')
    end += 1
    quoted = path.slice(p, end)
  } else {
    end = p
    while (end < path.length && !TERMINATOR.test(path[end])) end++
    if (end === p) throw bad(path, p, 'a member name is missing')
    quoted = '"' + path.slice(p, end) + '"'
  }
  let name: string
  try {
    name = JSON.parse(quoted) as string
  } catch {
    throw bad(path, p, 'the member name is not a valid JSON string')
  }
  if (path[p] !== '"' && !BARE_NAME.test(name)) throw bad(path, p, 'a bare member name must be an identifier')
  legs.push({ kind: 'member', name })
  return end
}

// MySQL's identifier test on ASCII (letters, '$', '_', digits after the first); other characters
// are left to the server, which only writes names bare that it found to be identifiers.
// biome-ignore lint/suspicious/noControlCharactersInRegex: [^\x00-\x7f] is "any non-ASCII character"
const BARE_NAME = /^(?:[A-Za-z$_]|[^\x00-\x7f])(?:[A-Za-z0-9$_]|[^\x00-\x7f])*$/

const TERMINATOR = /[ \t\n\v\f\r.[*]/

function cellLeg(path: string, p: number, legs: JsonPathLeg[]): number {
  if (path[p] === '*') throw bad(path, p, "the wildcard '[*]' cannot name one value")
  let fromEnd = false
  let index = 0
  if (path.startsWith('last', p)) {
    fromEnd = true
    p = skipSpace(path, p + 4)
    if (path[p] === '-') {
      ;[index, p] = digits(path, skipSpace(path, p + 1))
    }
  } else {
    ;[index, p] = digits(path, p)
  }
  p = skipSpace(path, p)
  if (path.startsWith('to', p)) throw bad(path, p, 'a range cannot name one value')
  if (path[p] !== ']') throw bad(path, p, "']' expected")
  legs.push({ kind: 'cell', index, fromEnd })
  return p + 1
}

function digits(path: string, p: number): [number, number] {
  let end = p
  while (end < path.length && path.charCodeAt(end) >= 0x30 && path.charCodeAt(end) <= 0x39) end++
  if (end === p) throw bad(path, p, 'an array index is missing')
  const index = Number(path.slice(p, end))
  if (index > MAX_INDEX) throw bad(path, p, 'the array index is beyond 2^32-1')
  return [index, end]
}

function skipSpace(path: string, p: number): number {
  while (p < path.length && SPACE.test(path[p])) p++
  return p
}

// my_isspace on utf8mb4: the ASCII blanks.
const SPACE = /[ \t\n\v\f\r]/

function bad(path: string, p: number, why: string): DecodeError {
  return new DecodeError(`bad JSON path ${JSON.stringify(path)} at character ${p}: ${why}`)
}
