// jsonText formatting rules, each expected string taken from MySQL 9.7 (the SQL is quoted).

import { describe, expect, test } from 'bun:test'
import {
  formatJsonDouble,
  JsonDecimal,
  JsonDouble,
  JsonInt,
  JsonOpaque,
  JsonTemporal,
  JsonUint,
  jsonText,
  quoteJsonString,
  type JsonValue,
} from '../../../src/binlog/values/json/index.ts'

describe('doubles', () => {
  // SELECT CAST('[0.0, -0.0, 1.0, ...]' AS JSON) on MySQL 9.7.4 printed the right-hand sides.
  const cases: [number, string][] = [
    [0.0, '0.0'],
    [-0.0, '-0.0'],
    [1.0, '1.0'],
    [-1.0, '-1.0'],
    [1e15, '1e15'],
    [1e14, '100000000000000.0'],
    [999999999999999.0, '999999999999999.0'],
    [9999999999999998.0, '9.999999999999998e15'],
    [1234567890123456.7, '1234567890123456.8'],
    [12345678901234567.0, '1.2345678901234568e16'],
    [1e-14, '0.00000000000001'],
    [1e-15, '0.000000000000001'],
    [1.5e-15, '0.0000000000000015'],
    [1e-16, '1e-16'],
    [0.000012345, '0.000012345'],
    [2.2250738585072014e-308, '2.2250738585072014e-308'],
    [4.9e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e308'],
    [123e-20, '1.23e-18'],
    [1e100, '1e100'],
    [-1e-100, '-1e-100'],
    [0.1, '0.1'],
    [100.25, '100.25'],
    [1e21, '1e21'],
    [1e16, '1e16'],
    [5e15, '5e15'],
    [2.675, '2.675'],
    [1e-7, '0.0000001'],
    [1.2e-6, '0.0000012'],
    [33.333333333333336, '33.333333333333336'],
    [123456789012345678901234567890, '1.2345678901234568e29'],
    [0.30000000000000004, '0.30000000000000004'],
    [-9223372036854775809, '-9.223372036854776e18'],
  ]
  for (const [x, text] of cases) {
    test(`${x} prints as ${text}`, () => {
      expect(formatJsonDouble(x)).toBe(text)
      expect(jsonText(new JsonDouble(x))).toBe(text)
    })
  }

  test('NaN and infinities, which MySQL never stores, print as my_gcvt would: 0.0', () => {
    expect(formatJsonDouble(Number.NaN)).toBe('0.0')
    expect(formatJsonDouble(Number.POSITIVE_INFINITY)).toBe('0.0')
  })
})

describe('strings', () => {
  test('plain strings are only quoted', () => {
    expect(quoteJsonString('')).toBe('""')
    expect(quoteJsonString('😀é中文 /')).toBe('"😀é中文 /"')
  })

  // SELECT JSON_ARRAY('a"b\\c', CONVERT(CONCAT('x', CHAR(0), CHAR(1), CHAR(8), CHAR(9), CHAR(10), CHAR(11),
  //   CHAR(12), CHAR(13), CHAR(27), CHAR(31), CHAR(127), '/') USING utf8mb4))
  test('escapes as MySQL writes them', () => {
    expect(quoteJsonString('a"b\\c')).toBe('"a\\"b\\\\c"')
    expect(quoteJsonString('x\u0000\u0001\b\t\n\u000b\f\r\u001b\u001f\u007f/')).toBe(
      '"x\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001b\\u001f\u007f/"',
    )
  })

  test('U+2028, U+2029 and U+00A0 are not escaped', () => {
    expect(quoteJsonString('\u2028\u2029\u00a0')).toBe('"\u2028\u2029\u00a0"')
  })
})

describe('trees', () => {
  test('separators, nesting and member order', () => {
    const doc: JsonValue = new Map<string, JsonValue>([
      ['b', [true, null, false]],
      ['a', new Map()],
      ['10', []],
      ['x"', 'y'],
    ])
    expect(jsonText(doc)).toBe('{"b": [true, null, false], "a": {}, "10": [], "x\\"": "y"}')
  })

  test('numbers by kind', () => {
    expect(jsonText([new JsonInt(-5), new JsonInt(-9223372036854775808n), new JsonUint(18446744073709551615n)])).toBe(
      '[-5, -9223372036854775808, 18446744073709551615]',
    )
    expect(jsonText([new JsonInt(1), new JsonDouble(1), new JsonDecimal('1.00', 3, 2)])).toBe('[1, 1.0, 1.00]')
  })

  test('temporal values are quoted, decimals are not', () => {
    expect(jsonText([new JsonTemporal(11, '-838:59:59.000000'), new JsonDecimal('-0.5', 1, 1)])).toBe('["-838:59:59.000000", -0.5]')
  })

  // SELECT JSON_ARRAY(x'', x'00ff', CAST(REPEAT('a', 100) AS BINARY))
  test('opaque values as base64 with a newline every 76 characters', () => {
    expect(jsonText(new JsonOpaque(15, Buffer.alloc(0)))).toBe('"base64:type15:"')
    expect(jsonText(new JsonOpaque(16, Buffer.from([0x02, 0x81])))).toBe('"base64:type16:AoE="')
    const b64 = Buffer.from('a'.repeat(100)).toString('base64')
    expect(jsonText(new JsonOpaque(15, Buffer.from('a'.repeat(100))))).toBe(`"base64:type15:${b64.slice(0, 76)}\\n${b64.slice(76)}"`)
  })

  test('an opaque VAR_STRING (253) prints as a plain string', () => {
    expect(jsonText(new JsonOpaque(253, Buffer.from('say "hi"\n')))).toBe('"say \\"hi\\"\\n"')
  })
})
