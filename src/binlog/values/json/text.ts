// The text MySQL prints for a JSON value (Json_wrapper::to_string, what `SELECT json_col` returns).
//
// Separators are ", " and ": "; members in stored order; strings escaped as double_quote() does:
// `"` and `\` backslashed, \b \t \n \f \r by name, any other byte below 0x20 as \u00xx (lower-case
// hex), everything else (0x7f, '/', non-ASCII) as is. Temporal values are quoted, DECIMAL is not.
// Opaque values print as the string "base64:type<field type>:<base64>", the base64 broken by a
// newline every 76 characters (MySQL's base64_encode), except field type 253 (VAR_STRING), whose
// bytes print as a plain string.

import { formatJsonDouble } from './double.ts'
import { MYSQL_TYPE_VAR_STRING, type JsonValue } from './types.ts'

/** The exact text MySQL 9.7 returns for this value. */
export function jsonText(value: JsonValue): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      return quoteJsonString(value)
    case 'boolean':
      return value ? 'true' : 'false'
  }
  if (Array.isArray(value)) {
    const n = value.length
    if (n === 0) return '[]'
    let s = '[' + jsonText(value[0])
    for (let i = 1; i < n; i++) s += ', ' + jsonText(value[i])
    return s + ']'
  }
  if (value instanceof Map) {
    let s = '{'
    let first = true
    for (const [key, member] of value) {
      s += (first ? '' : ', ') + quoteJsonString(key) + ': ' + jsonText(member)
      first = false
    }
    return s + '}'
  }
  switch (value.kind) {
    case 'int':
    case 'uint':
      return String(value.value)
    case 'double':
      return formatJsonDouble(value.value)
    case 'decimal':
      return value.text
    case 'temporal':
      return '"' + value.text + '"'
    case 'opaque':
      if (value.fieldType === MYSQL_TYPE_VAR_STRING) return quoteJsonString(value.bytes.toString('utf8'))
      return quoteJsonString('base64:type' + value.fieldType + ':' + base64Lines(value.bytes))
  }
}

const HEX = '0123456789abcdef'

/** A string in double quotes, escaped as MySQL escapes it. */
export function quoteJsonString(s: string): string {
  if (!needsEscape(s)) return '"' + s + '"'
  let out = '"'
  let from = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c > 0x5c || (c >= 0x20 && c !== 0x22 && c !== 0x5c)) continue
    out += s.slice(from, i)
    from = i + 1
    switch (c) {
      case 0x22:
        out += '\\"'
        break
      case 0x5c:
        out += '\\\\'
        break
      case 0x08:
        out += '\\b'
        break
      case 0x09:
        out += '\\t'
        break
      case 0x0a:
        out += '\\n'
        break
      case 0x0c:
        out += '\\f'
        break
      case 0x0d:
        out += '\\r'
        break
      default:
        out += '\\u00' + HEX[c >> 4] + HEX[c & 15]
    }
  }
  return out + s.slice(from) + '"'
}

/** Whether `s` has a `"`, a backslash or a character below U+0020 (a plain loop: faster than a regex on short keys). */
function needsEscape(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20 || c === 0x22 || c === 0x5c) return true
  }
  return false
}

/** Base64 with a newline after every 76 characters, as MySQL's base64_encode writes it. */
function base64Lines(bytes: Buffer): string {
  const b64 = bytes.toString('base64')
  if (b64.length <= 76) return b64
  let out = b64.slice(0, 76)
  for (let i = 76; i < b64.length; i += 76) out += '\n' + b64.slice(i, i + 76)
  return out
}
