// MysqlGtidSet: parsing and printing as MySQL 9.7 does, and the set operations. The expected
// texts are what the server returned for GTID_SUBTRACT(text, '') (see the server test too).

import { describe, expect, test } from 'bun:test'
import { InvalidGtidError, MAX_GNO, MysqlGtidSet } from '../../../src/binlog/gtid/index.ts'

const U = 'c92d9ce2-e5f9-11f1-ad3d-02fc00000001'
const A = 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa'
const set = (text: string) => MysqlGtidSet.parse(text)

describe('parse and print', () => {
  const canonical: [string, string][] = [
    ['', ''],
    [' \r,, ,\t', ''],
    [`${U}:1-5`, `${U}:1-5`],
    // As the server printed it for @@gtid_executed after tagged transactions.
    [`${U}:1-8:t_gtid_tag:1-2`, `${U}:1-8:t_gtid_tag:1-2`],
    // Upper case uuid, unsorted uuids, tags out of order and in upper case, newline after comma.
    [`AAAAAAAA-AAAA-AAAA-AAAA-AAAAAAAAAAAA:5-7:1,${U}:3,\n${U}:Tag_B:2:1:tag_a:1-3`, `${A}:1:5-7,\n${U}:3:tag_a:1-3:tag_b:1-2`],
    [`${U}:010`, `${U}:10`],
    [`${U}:00000000000000000000000005`, `${U}:5`],
    [`${U}:5-3`, ''],
    [`${U}:1-0`, ''],
    [`${U}: 1 - 3 : 5 ,, ${U} : t : 7`, `${U}:1-3:5:t:7`],
    [`${U}:1 -2`, `${U}:1-2`],
    [`${U}:TAG :1`, `${U}:tag:1`],
    [`${U}:ANONYMOUS:1`, `${U}:anonymous:1`],
    [`${U}:_:1`, `${U}:_:1`],
    [`${U}:abcdefghijabcdefghijabcdefghij12:1`, `${U}:abcdefghijabcdefghijabcdefghij12:1`],
    [`${U}:1:2:3:5`, `${U}:1-3:5`],
    [`${U}:1-2:3`, `${U}:1-3`],
    [`${U}:1-2:4`, `${U}:1-2:4`],
    [`${U}:1,,,${U}:2,`, `${U}:1-2`],
    [`${U}:tag`, ''],
    [`${U}:a,${U}:b:1`, `${U}:b:1`],
    [`${U}:1-3:a:1:b,${U}:2`, `${U}:1-3:a:1`],
    [`${U}:x:1,${U}:X:2`, `${U}:x:1-2`],
    [`{${U}}:1`, `${U}:1`],
    ['c92d9ce2e5f911f1ad3d02fc00000001:1', `${U}:1`],
    [` ${U}:1`, `${U}:1`],
    [`${U}:9223372036854775806`, `${U}:9223372036854775806`],
    [`${U}:1-9223372036854775806`, `${U}:1-9223372036854775806`],
    [`${U}:1-100:50-200:150-300`, `${U}:1-300`],
    [`${U}:80-100:50-59:60-79`, `${U}:50-100`],
  ]
  for (const [input, output] of canonical) {
    test(JSON.stringify(input), () => {
      expect(set(input).toString()).toBe(output)
    })
  }

  const malformed = [
    `${U}:0x10`,
    `${U}:9223372036854775807`,
    `${U}:1-9223372036854775807`,
    `${U}:99999999999999999999`,
    `${U}:1-99999999999999999999`,
    `${U}:+5`,
    `${U}:abcdefghijabcdefghijabcdefghij123:1`,
    `${U}:1tag:1`,
    `+${U}:1`,
    `${U}::1`,
    `${U}:1:`,
    `${U}:1-2-3`,
    `${U}:a:`,
    `${U}:4-`,
    `{${U}:1`,
    `${U}:é:1`,
    `${U}:0`,
    `${U}:-1`,
    `${U}!`,
    '1-2',
    'tag:1',
    ':1',
    `${U}:${U}`,
  ]
  for (const input of malformed) {
    test(`refuses ${JSON.stringify(input)}`, () => {
      expect(() => set(input)).toThrow(InvalidGtidError)
    })
  }

  test('the error names the place', () => {
    expect(() => set(`${U}:1-2::3`)).toThrow(`malformed GTID set: expected a number at character 41`)
  })
})

describe('operations', () => {
  const s = set(`${U}:1-10:20:t:5-6,${A}:3`)

  test('count is the number of transactions', () => {
    expect(s.count()).toBe(14n)
    expect(MysqlGtidSet.EMPTY.count()).toBe(0n)
    expect(set(`${U}:1-${MAX_GNO}`).count()).toBe(MAX_GNO)
  })

  test('contains', () => {
    expect(s.contains({ uuid: U, tag: '', gno: 10n })).toBe(true)
    expect(s.contains({ uuid: U, tag: '', gno: 11n })).toBe(false)
    expect(s.contains({ uuid: U.toUpperCase(), tag: 'T', gno: 6n })).toBe(true)
    expect(s.contains({ uuid: U, tag: 't', gno: 1n })).toBe(false)
    expect(s.contains({ uuid: A, tag: 't', gno: 3n })).toBe(false)
  })

  test('add extends, fills and creates runs', () => {
    expect(s.add(U, '', 11n).toString()).toBe(`${A}:3,\n${U}:1-11:20:t:5-6`)
    expect(s.add(U, '', 19n).add(U, '', 11n).toString()).toBe(`${A}:3,\n${U}:1-11:19-20:t:5-6`)
    expect(s.add(U, 'new', 1n).toString()).toBe(`${A}:3,\n${U}:1-10:20:new:1:t:5-6`)
    expect(s.add(U, '', 5n)).toBe(s)
    expect(MysqlGtidSet.EMPTY.add(U, 'Zz', 1n).toString()).toBe(`${U}:zz:1`)
    expect(() => s.add(U, '', 0n)).toThrow(InvalidGtidError)
    expect(() => s.add(U, '', MAX_GNO + 1n)).toThrow(InvalidGtidError)
    expect(() => s.add(U, '9x', 1n)).toThrow(InvalidGtidError)
    expect(() => s.add('nope', '', 1n)).toThrow(InvalidGtidError)
  })

  test('union and subtract', () => {
    const t = set(`${U}:5-25:t:1-5,${A}:3`)
    expect(s.union(t).toString()).toBe(`${A}:3,\n${U}:1-25:t:1-6`)
    expect(s.subtract(t).toString()).toBe(`${U}:1-4:t:6`)
    expect(t.subtract(s).toString()).toBe(`${U}:11-19:21-25:t:1-4`)
    expect(s.subtract(s).isEmpty).toBe(true)
    expect(s.union(MysqlGtidSet.EMPTY)).toBe(s)
  })

  test('isSubsetOf and equals', () => {
    expect(set(`${U}:2-3:20`).isSubsetOf(s)).toBe(true)
    expect(set(`${U}:10-11`).isSubsetOf(s)).toBe(false)
    expect(set(`${U}:t:5`).isSubsetOf(s)).toBe(true)
    expect(set(`${U}:u:5`).isSubsetOf(s)).toBe(false)
    expect(MysqlGtidSet.EMPTY.isSubsetOf(s)).toBe(true)
    expect(s.equals(set(`${A}:3,${U}:t:6:5,${U}:20:1-10`))).toBe(true)
    expect(s.equals(set(`${A}:3,${U}:t:6,${U}:20:1-10`))).toBe(false)
  })

  test('entries list intervals inclusively, in server order', () => {
    expect(s.entries()).toEqual([
      { uuid: A, tag: '', intervals: [{ first: 3n, last: 3n }] },
      {
        uuid: U,
        tag: '',
        intervals: [
          { first: 1n, last: 10n },
          { first: 20n, last: 20n },
        ],
      },
      { uuid: U, tag: 't', intervals: [{ first: 5n, last: 6n }] },
    ])
    expect(MysqlGtidSet.fromEntries(s.entries()).equals(s)).toBe(true)
  })

  test('values are immutable: operations return new sets', () => {
    const before = s.toString()
    s.add(U, '', 11n)
    s.union(set(`${A}:1-100`))
    s.subtract(set(`${U}:1-10`))
    expect(s.toString()).toBe(before)
  })
})
