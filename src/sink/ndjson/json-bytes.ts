// JSON text written straight into a line buffer as UTF-8, without making a string first. Each
// writer gives exactly the bytes that the JSON text of the same value has: strings escaped as
// JSON.stringify escapes them (\" \\ \b \f \n \r \t, other controls and lone surrogates as \u
// with lowercase hex), numbers as String() prints them.

import type { LineBuffer } from './line-buffer.ts'

const QUOTE = 0x22
const BACKSLASH = 0x5c
const HEX = new TextEncoder().encode('0123456789abcdef')
const BASE64 = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')
/** The letter after the backslash for the controls JSON spells short (0: \u00XX). */
const SHORT_ESCAPE = new Uint8Array(0x20)
SHORT_ESCAPE[0x08] = 0x62 // b
SHORT_ESCAPE[0x09] = 0x74 // t
SHORT_ESCAPE[0x0a] = 0x6e // n
SHORT_ESCAPE[0x0c] = 0x66 // f
SHORT_ESCAPE[0x0d] = 0x72 // r

/** Text known to be ASCII (digits, a number's text, a date): one byte per character. */
export function writeAscii(out: LineBuffer, s: string): void {
  const n = s.length
  out.reserve(n)
  const b = out.buf
  let p = out.pos
  for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i)
  out.pos = p
}

/** Text as UTF-8 without escaping (it needs none: a UUID, an address), between quotes. */
export function writeQuotedText(out: LineBuffer, s: string): void {
  out.reserve(1)
  out.buf[out.pos++] = QUOTE
  if (isAscii(s)) writeAscii(out, s)
  else out.text(s)
  out.reserve(1)
  out.buf[out.pos++] = QUOTE
}

export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false
  return true
}

/** A JSON string: the bytes of JSON.stringify(s) in UTF-8. */
export function writeString(out: LineBuffer, s: string): void {
  const n = s.length
  // UTF-8 takes at most 3 bytes per UTF-16 unit; an escape takes up to 6 and reserves its own.
  out.reserve(n * 3 + 2)
  let b = out.buf
  let p = out.pos
  b[p++] = QUOTE
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) {
      if (c >= 0x20 && c !== QUOTE && c !== BACKSLASH) {
        b[p++] = c
        continue
      }
      out.pos = p
      out.reserve(6 + (n - i) * 3 + 1)
      b = out.buf
      b[p++] = BACKSLASH
      if (c === QUOTE || c === BACKSLASH) b[p++] = c
      else if (SHORT_ESCAPE[c] !== 0) b[p++] = SHORT_ESCAPE[c]
      else p = unicodeEscape(b, p, c)
    } else if (c < 0x800) {
      b[p++] = 0xc0 | (c >> 6)
      b[p++] = 0x80 | (c & 0x3f)
    } else if (c < 0xd800 || c > 0xdfff) {
      b[p++] = 0xe0 | (c >> 12)
      b[p++] = 0x80 | ((c >> 6) & 0x3f)
      b[p++] = 0x80 | (c & 0x3f)
    } else {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        // A surrogate pair: one code point, 4 bytes (the 6 reserved for the two units suffice).
        const cp = ((c - 0xd800) << 10) + (next - 0xdc00) + 0x10000
        b[p++] = 0xf0 | (cp >> 18)
        b[p++] = 0x80 | ((cp >> 12) & 0x3f)
        b[p++] = 0x80 | ((cp >> 6) & 0x3f)
        b[p++] = 0x80 | (cp & 0x3f)
        i++
      } else {
        // A lone surrogate has no UTF-8 form: JSON.stringify writes it as \udXXX.
        out.pos = p
        out.reserve(6 + (n - i) * 3 + 1)
        b = out.buf
        b[p++] = BACKSLASH
        p = unicodeEscape(b, p, c)
      }
    }
  }
  b[p++] = QUOTE
  out.pos = p
}

/**
 * A JSON string of text given as well-formed UTF-8, bytes[start, end): the bytes of
 * JSON.stringify(text) in UTF-8. Only ASCII is escaped, so the bytes of every other character are
 * copied as they are.
 */
export function writeUtf8String(out: LineBuffer, bytes: Uint8Array, start: number, end: number): void {
  // An escape takes up to 6 bytes and reserves its own.
  out.reserve(end - start + 2)
  let b = out.buf
  let p = out.pos
  b[p++] = QUOTE
  for (let i = start; i < end; i++) {
    const c = bytes[i]
    if (c >= 0x20 && c !== QUOTE && c !== BACKSLASH) {
      b[p++] = c
      continue
    }
    out.pos = p
    out.reserve(6 + (end - i) + 1)
    b = out.buf
    b[p++] = BACKSLASH
    if (c === QUOTE || c === BACKSLASH) b[p++] = c
    else if (SHORT_ESCAPE[c] !== 0) b[p++] = SHORT_ESCAPE[c]
    else p = unicodeEscape(b, p, c)
  }
  b[p++] = QUOTE
  out.pos = p
}

/** `uXXXX` (after the backslash), lowercase hex. */
function unicodeEscape(b: Buffer, p: number, c: number): number {
  b[p++] = 0x75
  b[p++] = HEX[(c >> 12) & 15]
  b[p++] = HEX[(c >> 8) & 15]
  b[p++] = HEX[(c >> 4) & 15]
  b[p++] = HEX[c & 15]
  return p
}

/** A number: -0 keeps its sign; NaN and infinities (no MySQL type holds them) as strings. */
export function writeNumber(out: LineBuffer, n: number): void {
  if (Number.isSafeInteger(n) && !(n === 0 && 1 / n < 0)) writeSafeInteger(out, n)
  else if (Number.isFinite(n)) writeAscii(out, n === 0 ? '-0' : String(n))
  else writeQuotedText(out, String(n))
}

/** A 64-bit integer: a JSON number when a double holds it exactly, else a string of its digits. */
export function writeBigint(out: LineBuffer, n: bigint): void {
  // A bigint beyond ±(2^53 - 1) becomes a double of at least 2^53: not safe (cheaper than comparing bigints).
  const v = Number(n)
  if (Number.isSafeInteger(v)) writeSafeInteger(out, v)
  else writeQuotedText(out, n.toString())
}

/** An integer within ±(2^53 - 1), its digits made in place. */
function writeSafeInteger(out: LineBuffer, v: number): void {
  out.reserve(17)
  const b = out.buf
  let p = out.pos
  if (v < 0) {
    b[p++] = 0x2d
    v = -v
  }
  let digits = 1
  if (v < 0x80000000) {
    // Within 31 bits: integer arithmetic.
    for (let t = v; t >= 10; t = (t / 10) | 0) digits++
    for (let q = p + digits - 1; q >= p; q--) {
      const rest = (v / 10) | 0
      b[q] = 0x30 + v - rest * 10
      v = rest
    }
  } else {
    for (let t = v; t >= 10; t = Math.floor(t / 10)) digits++
    for (let q = p + digits - 1; q >= p; q--) {
      const d = v % 10
      b[q] = 0x30 + d
      v = (v - d) / 10
    }
  }
  out.pos = p + digits
}

/** Bytes as a base64 JSON string (with padding, as Buffer's base64). */
export function writeBase64(out: LineBuffer, bytes: Uint8Array): void {
  const n = bytes.length
  out.reserve(Math.ceil(n / 3) * 4 + 2)
  const b = out.buf
  let p = out.pos
  b[p++] = QUOTE
  let i = 0
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
    b[p++] = BASE64[v >> 18]
    b[p++] = BASE64[(v >> 12) & 63]
    b[p++] = BASE64[(v >> 6) & 63]
    b[p++] = BASE64[v & 63]
  }
  if (i < n) {
    const two = i + 1 < n
    const v = (bytes[i] << 16) | (two ? bytes[i + 1] << 8 : 0)
    b[p++] = BASE64[v >> 18]
    b[p++] = BASE64[(v >> 12) & 63]
    b[p++] = two ? BASE64[(v >> 6) & 63] : 0x3d
    b[p++] = 0x3d
  }
  b[p++] = QUOTE
  out.pos = p
}
