// readJsonDiffs and applyJsonDiffs on PARTIAL_UPDATE_ROWS events captured from MySQL 9.7
// (fixtures/partial-updates.json): before image + diffs must print as SELECT printed the row after.

import { describe, expect, test } from 'bun:test'
import { Cursor } from '../../../src/binlog/cursor.ts'
import { DecodeError } from '../../../src/binlog/errors.ts'
import {
  applyJsonDiffs,
  decodeJson,
  formatJsonPath,
  JsonDecimal,
  JsonDouble,
  JsonInt,
  JsonTemporal,
  jsonText,
  parseJsonPath,
  readJsonDiffs,
  type JsonDiff,
  type JsonValue,
} from '../../../src/binlog/values/json/index.ts'
import { bytesOf, PARTIAL_UPDATES, partialCase, type PartialCase } from './support/fixtures.ts'

const COLUMNS = [
  ['j', 1],
  ['k', 2],
] as const

function diffsOf(hex: string): JsonDiff[] {
  const bytes = bytesOf(hex)
  return readJsonDiffs(Cursor.of(bytes), bytes.length)
}

/** What chsync would emit for one column of the after image. */
function afterText(c: PartialCase, column: 'j' | 'k'): string | null {
  const e = c.event!
  const hex = e.after[column]
  if (hex === null) return null
  const partial = ((e.partial_bits ?? 0) & (column === 'j' ? 1 : 2)) !== 0
  if (!partial) return jsonText(decodeJson(bytesOf(hex)))
  const before = decodeJson(bytesOf(e.before[column]!))
  return jsonText(applyJsonDiffs(before, diffsOf(hex)))
}

function summary(diffs: JsonDiff[]): string[] {
  return diffs.map((d) => `${d.op} ${d.path}${d.op === 'remove' ? '' : ' ' + jsonText(d.value)}`)
}

describe('every captured update gives what SELECT gave after it', () => {
  for (const c of PARTIAL_UPDATES) {
    if (c.event === null) continue
    test(c.name, () => {
      expect(c.event!.type).toBe(39)
      for (const [column] of COLUMNS) {
        const before = c.event!.before[column]
        expect(before === null ? null : jsonText(decodeJson(bytesOf(before)))).toBe(c.select_before[column])
        expect(afterText(c, column)).toBe(c.select_after[column])
      }
    })
  }
})

describe('the diffs MySQL wrote', () => {
  const diffs = (name: string) => summary(diffsOf(partialCase(name).event!.after.j!))

  test('JSON_SET of an existing member is a REPLACE', () => {
    expect(partialCase('replace a member').event!.after.j).toBe('0003242e6103050500')
    expect(diffsOf('0003242e6103050500')).toEqual([
      { op: 'replace', path: '$.a', legs: [{ kind: 'member', name: 'a' }], value: new JsonInt(5) },
    ])
  })

  test('JSON_SET of a new member is an INSERT, placed in key order', () => {
    expect(diffs('insert a member between others')).toEqual(['insert $.ab 1', 'insert $.B 2'])
    const after = partialCase('insert a member between others').select_after.j!
    expect(after.startsWith('{"B": 2, "a": 1, "b": [')).toBe(true)
  })

  test('JSON_REMOVE', () => {
    expect(diffs('remove a member')).toEqual(['remove $.a'])
    expect(diffs('remove an array cell')).toEqual(['remove $.b[1]'])
    expect(diffs('remove from the end')).toEqual(['remove $.arr[last-1]', 'remove $.arr[last]'])
  })

  test('past the end of an array: INSERT at the index given, applied as an append', () => {
    expect(diffs('set past the end of an array')).toEqual(['insert $.b[10] "appended"'])
  })

  test('paths keep [last] and quote names that are not identifiers', () => {
    expect(diffs('set the last cell')).toEqual(['replace $.arr[last] "last"'])
    expect(diffs('quoted keys')).toEqual(['replace $."a b" "x"', 'replace $."q\\"uote" 1', 'insert $."new key" 2'])
    expect(diffs('unicode key')).toEqual(['replace $.é "y"', 'insert $.キー "z"'])
  })

  test('nested functions give one diff per change, values of every kind', () => {
    const list = diffsOf(partialCase('several operations').event!.after.j!)
    expect(summary(list)).toEqual([
      'remove $.a',
      'remove $.b[0]',
      'replace $.d.g {"h": 1}',
      'insert $.new "2020-01-02"',
      'replace $.n 2.5',
      'insert $.dec -1.50',
      'replace $.b[0] "first"',
    ])
    const values = list.map((d) => (d.op === 'remove' ? undefined : d.value))
    expect(values[3]).toEqual(new JsonTemporal(10, '2020-01-02'))
    expect(values[4]).toEqual(new JsonDouble(2.5))
    expect(values[5]).toEqual(new JsonDecimal('-1.50', 11, 2))
  })

  test('an unchanged JSON column gets an empty diff list', () => {
    const e = partialCase('replace a member').event!
    expect(e.partial_bits).toBe(3)
    expect(e.after.k).toBe('')
    expect(diffsOf('')).toEqual([])
  })

  test('when the diff is not smaller, or another function changed the column, the value is written in full', () => {
    for (const name of ['small document written in full', 'whole document replaced', 'other function: JSON_ARRAY_APPEND']) {
      expect(partialCase(name).event!.partial_bits! & 1).toBe(0)
    }
  })
})

describe('readJsonDiffs', () => {
  const one = bytesOf('0003242e6103050500') // REPLACE $.a 5

  test('reads exactly `length` bytes from the cursor position and leaves the cursor after them', () => {
    const buf = Buffer.concat([Buffer.from([0xaa, 0xbb]), one, one, Buffer.from([0xcc])])
    const c = new Cursor(buf, 2)
    expect(readJsonDiffs(c, one.length * 2)).toHaveLength(2)
    expect(c.pos).toBe(2 + one.length * 2)
    expect(c.u8()).toBe(0xcc)
  })

  test('a length beyond the data is a DecodeError', () => {
    expect(() => readJsonDiffs(Cursor.of(one), one.length + 1)).toThrow(DecodeError)
  })

  test('a diff cut by the length is a DecodeError, not a read of the next column', () => {
    const buf = Buffer.concat([one, one])
    expect(() => readJsonDiffs(Cursor.of(buf), one.length + 3)).toThrow(DecodeError)
  })

  test('an unknown operation is a DecodeError', () => {
    expect(() => readJsonDiffs(Cursor.of(bytesOf('0303242e61')), 5)).toThrow(/operation 3/)
  })

  test('a REMOVE has no value', () => {
    const bytes = bytesOf('0203242e61' + '0203242e62')
    expect(summary(readJsonDiffs(Cursor.of(bytes), bytes.length))).toEqual(['remove $.a', 'remove $.b'])
  })
})

describe('applyJsonDiffs', () => {
  const doc = (): JsonValue =>
    new Map<string, JsonValue>([
      ['a', new JsonInt(1)],
      ['b', [new JsonInt(1), new JsonInt(2), new JsonInt(3)]],
      ['ab', new Map<string, JsonValue>([['x', null]])],
    ])
  const diff = (op: 'replace' | 'insert' | 'remove', path: string, value: JsonValue = null): JsonDiff =>
    op === 'remove' ? { op, path, legs: parseJsonPath(path) } : { op, path, legs: parseJsonPath(path), value }
  const apply = (...diffs: JsonDiff[]) => jsonText(applyJsonDiffs(doc(), diffs))

  test('leaves the before tree and the diff values alone', () => {
    const before = doc()
    const value: JsonValue = [new JsonInt(9)]
    const after = applyJsonDiffs(before, [
      diff('insert', '$.c', value),
      diff('insert', '$.c[0]', new JsonInt(8)),
      diff('replace', '$.ab.x', true),
      diff('remove', '$.b[0]'),
    ])
    expect(jsonText(before)).toBe('{"a": 1, "b": [1, 2, 3], "ab": {"x": null}}')
    expect(jsonText(value)).toBe('[9]')
    expect(jsonText(after)).toBe('{"a": 1, "b": [2, 3], "c": [8, 9], "ab": {"x": true}}')
  })

  test('array indexes from the end, inserts clamp to the ends', () => {
    expect(apply(diff('insert', '$.b[last]', 'L'))).toBe('{"a": 1, "b": [1, 2, "L", 3], "ab": {"x": null}}')
    expect(apply(diff('insert', '$.b[last-7]', 'F'))).toBe('{"a": 1, "b": ["F", 1, 2, 3], "ab": {"x": null}}')
    expect(apply(diff('insert', '$.b[99]', 'E'))).toBe('{"a": 1, "b": [1, 2, 3, "E"], "ab": {"x": null}}')
    expect(apply(diff('replace', '$.b[last-2]', new JsonInt(0)))).toBe('{"a": 1, "b": [0, 2, 3], "ab": {"x": null}}')
  })

  test('new members go to their sorted place: length first, then UTF-8 bytes', () => {
    const zero = new JsonInt(0)
    expect(apply(diff('insert', '$.B', zero), diff('insert', '$."é"', zero), diff('insert', '$.aa', zero))).toBe(
      '{"B": 0, "a": 1, "b": [1, 2, 3], "aa": 0, "ab": {"x": null}, "é": 0}',
    )
    // U+FF5E sorts before U+1F600 in UTF-8 bytes (ef.. < f0..) though not in UTF-16 units.
    const sorted = applyJsonDiffs(new Map(), [diff('insert', '$."😀"', true), diff('insert', '$."～～"', false)])
    expect([...(sorted as Map<string, JsonValue>).keys()]).toEqual(['😀', '～～'])
    const sameLength = applyJsonDiffs(new Map(), [diff('insert', '$."\u{1F600}"', true), diff('insert', '$."\uFF5E!"', false)])
    expect([...(sameLength as Map<string, JsonValue>).keys()]).toEqual(['\uFF5E!', '\u{1F600}'])
  })

  test('what the server would reject is a DecodeError', () => {
    const cases: JsonDiff[] = [
      diff('replace', '$', true),
      diff('replace', '$.zz', true),
      diff('replace', '$.b[3]', true),
      diff('insert', '$.a', true),
      diff('insert', '$.zz.y', true),
      diff('insert', '$.b.x', true),
      diff('insert', '$[0]', true),
      diff('remove', '$.zz'),
      diff('remove', '$.b[3]'),
      diff('remove', '$.a.x'),
      diff('remove', '$.b.x'),
    ]
    for (const d of cases) expect(() => applyJsonDiffs(doc(), [d])).toThrow(DecodeError)
    expect(() => applyJsonDiffs(new JsonInt(1), [diff('replace', '$[0]', true)])).toThrow(DecodeError)
  })
})

describe('paths', () => {
  test('members, quoted members and cells', () => {
    expect(parseJsonPath('$.a."b c"[3][last][last-2]."q\\"u"')).toEqual([
      { kind: 'member', name: 'a' },
      { kind: 'member', name: 'b c' },
      { kind: 'cell', index: 3, fromEnd: false },
      { kind: 'cell', index: 0, fromEnd: true },
      { kind: 'cell', index: 2, fromEnd: true },
      { kind: 'member', name: 'q"u' },
    ])
    expect(parseJsonPath('$')).toEqual([])
    expect(parseJsonPath(' $ . a [ last - 1 ] ')).toEqual([
      { kind: 'member', name: 'a' },
      { kind: 'cell', index: 1, fromEnd: true },
    ])
    expect(parseJsonPath('$.\\u0041b')).toEqual([{ kind: 'member', name: 'Ab' }])
  })

  test('formatJsonPath writes what MySQL writes', () => {
    for (const p of ['$', '$.a', '$."a b"[3]', '$.arr[last]', '$.arr[last-1]', '$."q\\"uote"', '$.é', '$.キー.x[0]']) {
      expect(formatJsonPath(parseJsonPath(p))).toBe(p)
    }
  })

  test('wildcards, ranges and malformed paths are DecodeErrors', () => {
    for (const p of ['', 'a', '$.', '$.*', '$[*]', '$**.a', '$[1 to 2]', '$[', '$[x]', '$."open', '$.a]', '$[4294967296]', '$."\\x"']) {
      expect(() => parseJsonPath(p)).toThrow(DecodeError)
    }
  })
})
