// Reads MySQL's GTID set text, the way MySQL 9.7 does (checked against the server's
// GTID_SUBTRACT(text, '') and the parser unit test in mysql-server, unittest/gunit/libs/gtids):
//
//   set      := ws* (uuid-group | ',' ws*)*           empty text and stray commas are allowed
//   group    := uuid ws* (':' ws* item ws*)*
//   item     := tag | gno (ws* '-' ws* gno)?
//   uuid     := 8-4-4-4-12 hex digits, or 32 hex digits, or the dashed form in braces; any case
//   tag      := [A-Za-z_][A-Za-z0-9_]{0,31}           lowercased; applies to the items after it
//   gno      := decimal digits, 1 .. 2^63-2            an interval whose end < start is empty
//
// ws is C isspace: space, \t, \n, \v, \f, \r (the server prints ",\n" between uuids).

import { InvalidGtidError } from './errors.ts'
import { GNO_END, MIN_GNO, type Span } from './intervals.ts'
import { isTagChar, isTagStart, TAG_MAX_LENGTH } from './tag.ts'
import { canonicalUuid } from './uuid.ts'

/** One run of intervals for one uuid and tag, as written (not yet sorted or merged). */
export interface GtidTextRun {
  uuid: string
  tag: string
  spans: Span[]
}

const INT64_MAX = (1n << 63n) - 1n

export function parseMysqlGtidText(text: string): GtidTextRun[] {
  const runs: GtidTextRun[] = []
  let i = 0

  const fail = (what: string): never => {
    const shown = text.length > 80 ? `${text.slice(0, 80)}...` : text
    throw new InvalidGtidError(`malformed GTID set: ${what} at character ${i} of ${JSON.stringify(shown)}`)
  }
  const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d)
  const skipSpace = () => {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++
  }
  const isDigit = (c: number) => c >= 0x30 && c <= 0x39

  const readUuid = (): string => {
    const braced = text[i] === '{'
    const candidates = braced ? [38] : [36, 32]
    for (const len of candidates) {
      const piece = text.slice(i, i + len)
      if (piece.length !== len) continue
      try {
        const uuid = canonicalUuid(piece)
        i += len
        return uuid
      } catch {
        // try the next form
      }
    }
    return fail('expected a uuid')
  }

  const readNumber = (): bigint => {
    const start = i
    while (i < text.length && isDigit(text.charCodeAt(i))) i++
    if (i === start) fail('expected a number')
    const value = BigInt(text.slice(start, i))
    if (value > INT64_MAX) {
      i = start
      fail('number out of range')
    }
    return value
  }

  const readTag = (): string => {
    const start = i
    while (i < text.length && isTagChar(text.charCodeAt(i))) i++
    if (i - start > TAG_MAX_LENGTH) {
      i = start
      fail(`tag longer than ${TAG_MAX_LENGTH} characters`)
    }
    return text.slice(start, i).toLowerCase()
  }

  skipSpace()
  while (i < text.length) {
    if (text[i] === ',') {
      i++
      skipSpace()
      continue
    }
    const uuid = readUuid()
    let run: GtidTextRun = { uuid, tag: '', spans: [] }
    runs.push(run)
    skipSpace()
    while (text[i] === ':') {
      i++
      skipSpace()
      const c = text.charCodeAt(i)
      if (isTagStart(c)) {
        run = { uuid, tag: readTag(), spans: [] }
        runs.push(run)
      } else if (isDigit(c)) {
        const at = i
        const first = readNumber()
        if (first < MIN_GNO || first >= GNO_END) {
          i = at
          fail('interval start out of range')
        }
        let last = first
        skipSpace()
        if (text[i] === '-') {
          i++
          skipSpace()
          last = readNumber()
          if (last >= GNO_END) fail('interval end out of range')
        }
        if (last >= first) run.spans.push([first, last + 1n])
      } else {
        fail('expected a number')
      }
      skipSpace()
    }
    if (i < text.length && text[i] !== ',') fail('expected ","')
  }
  return runs
}
