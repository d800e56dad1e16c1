// MariadbGtidList: parse/print like @@gtid_binlog_pos and friends, position arithmetic.

import { describe, expect, test } from 'bun:test'
import { InvalidGtidError, MariadbGtidList } from '../../../src/binlog/gtid/index.ts'

const list = (text: string) => MariadbGtidList.parse(text)

describe('parse and print', () => {
  test('what the server printed', () => {
    // @@gtid_binlog_pos after transactions in domains 0, 4711 and 7 (in that order).
    expect(list('0-2-11,7-2-1,4711-2-1').toString()).toBe('0-2-11,7-2-1,4711-2-1')
    expect(list('').toString()).toBe('')
    expect(list('').isEmpty).toBe(true)
  })

  test('sorted by domain; a domain keeps the order of its servers', () => {
    expect(list('4711-2-1, 0-1-5,7-2-1,\n0-2-10').toString()).toBe('0-1-5,0-2-10,7-2-1,4711-2-1')
    expect(list('0-2-10,0-1-5').toString()).toBe('0-2-10,0-1-5')
  })

  test('a repeated domain and server keeps the last value', () => {
    expect(list('0-1-5,0-1-7').toString()).toBe('0-1-7')
  })

  test('full ranges: u32 domain and server, u64 seq_no', () => {
    const max = '4294967295-4294967295-18446744073709551615'
    expect(list(max).toString()).toBe(max)
    expect(list(max).gtids[0].seqNo).toBe(18446744073709551615n)
  })

  for (const bad of [
    '0-1',
    '0-1-2-3',
    '0--2',
    'a-1-2',
    '0-1-2,',
    ',0-1-2',
    '0-1-2,,1-1-1',
    '4294967296-1-1',
    '0-1-18446744073709551616',
    '-1-1-1',
    '0-1-+2',
    '0 -1-2',
  ]) {
    test(`refuses ${JSON.stringify(bad)}`, () => {
      expect(() => list(bad)).toThrow(InvalidGtidError)
    })
  }
})

describe('positions', () => {
  const state = list('0-1-5,0-2-10,7-2-3')

  test('positionOf: the highest seq_no of the domain', () => {
    expect(state.positionOf(0)).toEqual({ domainId: 0, serverId: 2, seqNo: 10n })
    expect(state.positionOf(7)).toEqual({ domainId: 7, serverId: 2, seqNo: 3n })
    expect(state.positionOf(1)).toBeUndefined()
    expect(state.domains()).toEqual([0, 7])
  })

  test('advance: the domain keeps only the new GTID', () => {
    expect(state.advance({ domainId: 0, serverId: 3, seqNo: 11n }).toString()).toBe('0-3-11,7-2-3')
    expect(state.advance({ domainId: 9, serverId: 1, seqNo: 1n }).toString()).toBe('0-1-5,0-2-10,7-2-3,9-1-1')
    expect(state.toString()).toBe('0-1-5,0-2-10,7-2-3')
    expect(() => state.advance({ domainId: -1, serverId: 1, seqNo: 1n })).toThrow(InvalidGtidError)
  })

  test('behind: missing transactions summed over the domains of the other list', () => {
    const server = list('0-2-15,7-2-3,8-1-4')
    expect(state.behind(server)).toBe(5n + 0n + 4n)
    expect(server.behind(state)).toBe(0n)
    expect(state.behind(state)).toBe(0n)
    expect(MariadbGtidList.EMPTY.behind(server)).toBe(22n)
  })

  test('equals ignores order within a domain', () => {
    expect(list('0-2-10,0-1-5').equals(list('0-1-5,0-2-10'))).toBe(true)
    expect(list('0-2-10').equals(list('0-2-11'))).toBe(false)
    expect(list('0-2-10').equals(list('0-2-10,1-1-1'))).toBe(false)
  })
})
