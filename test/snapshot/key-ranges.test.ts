// Key ranges of a split copy: equal widths over MIN..MAX with 64-bit ends exact, the first open at
// the start and the last at the end, no key in two ranges or in none; the cursor forms.

import { describe, expect, test } from 'bun:test'
import { blankShape, type ColumnDef, columnDef, ColumnType, type ColumnTypeCode } from '../../src/model/index.ts'
import { integerLiteral, parseCursor, splitColumn, splitRanges } from '../../src/snapshot/key-ranges.ts'

const col = (name: string, type: ColumnTypeCode): ColumnDef => columnDef(0, name, blankShape(type))

describe('splitRanges', () => {
  test('four ranges over 1..1000', () => {
    expect(splitRanges('1', '1000', 4)).toEqual([
      { after: null, upTo: '250' },
      { after: [{ s: '250' }], upTo: '500' },
      { after: [{ s: '500' }], upTo: '750' },
      { after: [{ s: '750' }], upTo: null },
    ])
  })

  test('the whole BIGINT range, exactly', () => {
    expect(splitRanges('-9223372036854775808', '9223372036854775807', 2)).toEqual([
      { after: null, upTo: '-1' },
      { after: [{ s: '-1' }], upTo: null },
    ])
    expect(splitRanges('18446744073709551000', '18446744073709551615', 3).map((r) => r.upTo)).toEqual([
      '18446744073709551204',
      '18446744073709551409',
      null,
    ])
  })

  test('a span narrower than the readers gives one range per key; one key gives one range', () => {
    expect(splitRanges('5', '6', 4)).toEqual([
      { after: null, upTo: '5' },
      { after: [{ s: '5' }], upTo: null },
    ])
    expect(splitRanges('7', '7', 4)).toEqual([{ after: null, upTo: null }])
  })

  test('every key of MIN..MAX is in exactly one range', () => {
    for (const [min, max, n] of [
      [-17, 40, 3],
      [0, 9, 4],
      [100, 1000, 7],
      [-5, -1, 2],
    ] as const) {
      const ranges = splitRanges(String(min), String(max), n)
      for (let k = min - 3; k <= max + 3; k++) {
        const holders = ranges.filter(
          (r) => (r.after === null || k > Number((r.after[0] as { s: string }).s)) && (r.upTo === null || k <= Number(r.upTo)),
        )
        expect({ k, holders: holders.length }).toEqual({ k, holders: 1 })
      }
    }
  })
})

describe('cursors and columns', () => {
  test('an array is an unsplit cursor, an object with parts a split one', () => {
    expect(parseCursor(null)).toEqual({ after: null })
    expect(parseCursor('[{"s":"12"},{"x":"00ff"}]')).toEqual({ after: [{ s: '12' }, { x: '00ff' }] })
    expect(parseCursor('{"parts":[{"after":null,"upTo":"9"}]}')).toEqual({ split: { parts: [{ after: null, upTo: '9' }] } })
  })

  test('only a key of one integer column is split on', () => {
    const table = (pk: number[], cols: ColumnDef[]) => ({ database: 'd', table: 't', columns: cols, primaryKey: pk })
    expect(splitColumn(table([0], [col('id', ColumnType.LONGLONG)]))?.name).toBe('id')
    expect(splitColumn(table([0], [col('id', ColumnType.TINY)]))?.name).toBe('id')
    expect(splitColumn(table([0], [col('k', ColumnType.VARCHAR)]))).toBeNull()
    expect(splitColumn(table([0, 1], [col('a', ColumnType.LONG), col('b', ColumnType.LONG)]))).toBeNull()
    expect(splitColumn(table([], [col('a', ColumnType.LONG)]))).toBeNull()
  })

  test('a bound goes into SQL only as an integer', () => {
    expect(integerLiteral('-42')).toBe('-42')
    expect(() => integerLiteral('1 OR 1=1')).toThrow('not an integer key bound')
    expect(() => integerLiteral('')).toThrow('not an integer key bound')
  })
})
