// MysqlGtidSet against MySQL 9.7 itself: printing, union, subtract and subset on seeded random
// sets, the same accept/refuse decisions on odd text, and @@gtid_executed after a tagged
// transaction of our own.

import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type mysql from 'mysql2/promise'
import { InvalidGtidError, MAX_GNO, MysqlGtidSet } from '../../../src/binlog/gtid/index.ts'
import { scalar, serverSession } from './support.ts'
import { seeded } from '../../support/random.ts'

const UUIDS = ['c92d9ce2-e5f9-11f1-ad3d-02fc00000001', '3e11fa47-71ca-11e1-9e33-c80aa9429562', 'ffffffff-ffff-ffff-ffff-fffffffffff0']
const TAGS = ['a', 'tag_b', 'Zz', 't_gtid_x1', '_']

/** Random GTID set text with the variations the server accepts: case, spaces, order, overlaps. */
function randomText(rnd: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]
  const gno = (): bigint => (rnd() < 0.1 ? MAX_GNO - BigInt(Math.floor(rnd() * 5)) : BigInt(1 + Math.floor(rnd() * 60)))
  const groups: string[] = []
  const nGroups = Math.floor(rnd() * 4)
  for (let g = 0; g < nGroups; g++) {
    let uuid = pick(UUIDS)
    const form = rnd()
    if (form < 0.2) uuid = uuid.toUpperCase()
    else if (form < 0.3) uuid = uuid.replaceAll('-', '')
    else if (form < 0.35) uuid = `{${uuid}}`
    let text = uuid
    const nItems = Math.floor(rnd() * 5)
    for (let i = 0; i < nItems; i++) {
      const sep = rnd() < 0.1 ? ' : ' : ':'
      if (rnd() < 0.25) {
        text += sep + pick(TAGS)
      } else {
        const a = gno()
        const near = a + BigInt(Math.floor(rnd() * 20))
        const b = rnd() < 0.5 ? a : rnd() < 0.8 ? (near > MAX_GNO ? MAX_GNO : near) : gno()
        text += sep + (a === b && rnd() < 0.5 ? `${a}` : `${a}${rnd() < 0.1 ? ' - ' : '-'}${b}`)
      }
    }
    groups.push(text)
  }
  return groups.join(pick([',', ',\n', ' , ', ',,']))
}

let conn: mysql.Connection

beforeAll(async () => {
  conn = await serverSession('mysql')
})

afterAll(async () => {
  await conn.end()
})

describe('random sets against GTID_SUBTRACT / GTID_SUBSET (seed 20261121)', () => {
  const rnd = seeded(20261121)
  const cases = Array.from({ length: 150 }, () => [randomText(rnd), randomText(rnd)] as const)

  test('printing: parse(a).toString() = GTID_SUBTRACT(a, "")', async () => {
    for (const [a] of cases) {
      expect({ a, text: MysqlGtidSet.parse(a).toString() }).toEqual({
        a,
        text: String(await scalar(conn, "SELECT GTID_SUBTRACT(?, '')", [a])),
      })
    }
  })

  test('subtract = GTID_SUBTRACT(a, b)', async () => {
    for (const [a, b] of cases) {
      const ours = MysqlGtidSet.parse(a).subtract(MysqlGtidSet.parse(b)).toString()
      expect({ a, b, ours }).toEqual({ a, b, ours: String(await scalar(conn, 'SELECT GTID_SUBTRACT(?, ?)', [a, b])) })
    }
  })

  test("union = GTID_SUBTRACT(CONCAT(a, ',', b), '')", async () => {
    for (const [a, b] of cases) {
      const ours = MysqlGtidSet.parse(a).union(MysqlGtidSet.parse(b)).toString()
      const theirs = String(await scalar(conn, "SELECT GTID_SUBTRACT(CONCAT(?, ',', ?), '')", [a, b]))
      expect({ a, b, ours }).toEqual({ a, b, ours: theirs })
    }
  })

  test('isSubsetOf = GTID_SUBSET(a, b); equals = subset both ways', async () => {
    let subsets = 0
    for (const [a, b] of cases) {
      const [x, y] = [MysqlGtidSet.parse(a), MysqlGtidSet.parse(b)]
      const sub = Number(await scalar(conn, 'SELECT GTID_SUBSET(?, ?)', [a, b])) === 1
      const sup = Number(await scalar(conn, 'SELECT GTID_SUBSET(?, ?)', [b, a])) === 1
      expect({ a, b, sub: x.isSubsetOf(y), eq: x.equals(y) }).toEqual({ a, b, sub, eq: sub && sup })
      if (sub) subsets++
      // A set is a subset of any union containing it.
      expect(x.isSubsetOf(x.union(y))).toBe(true)
    }
    // The generator must exercise both outcomes for the comparison to mean something.
    expect(subsets).toBeGreaterThan(5)
    expect(subsets).toBeLessThan(cases.length)
  })
})

describe('odd text: we accept exactly what the server accepts', () => {
  const U = UUIDS[0]
  const inputs = [
    `${U}:010`,
    `${U}:0x10`,
    `${U}:5-3`,
    `${U}: 1 - 3 : 5 ,, ${U} : t : 7`,
    `${U}:9223372036854775807`,
    `${U}:9223372036854775806`,
    `${U}:1-9223372036854775807`,
    `${U}:+5`,
    `${U}:tag`,
    `${U}:abcdefghijabcdefghijabcdefghij12:1`,
    `${U}:abcdefghijabcdefghijabcdefghij123:1`,
    `${U}:1tag:1`,
    `${U}:_:1`,
    '',
    ' ',
    `{${U}}:1`,
    `+${U}:1`,
    `${U}::1`,
    `${U}:1:`,
    `${U}:1-2-3`,
    `${U}:ANONYMOUS:1`,
    `${U}:TAG :1`,
    `${U.replaceAll('-', '')}:1`,
    `${U}:0`,
    `${U}:1-0`,
    `${U}:99999999999999999999`,
    `${U}\t:\n1\r`,
    `${U}:a:`,
    `${U}:4-`,
    `{${U}:1`,
    `${U},`,
    `,${U}:1,`,
    `${U}:é:1`,
    `${U}:1 2`,
  ]
  for (const input of inputs) {
    test(JSON.stringify(input), async () => {
      let theirs: string
      try {
        theirs = String(await scalar(conn, "SELECT GTID_SUBTRACT(?, '')", [input]))
      } catch (err) {
        expect((err as { errno?: number }).errno).toBe(1772) // ER_MALFORMED_GTID_SET_SPECIFICATION
        expect(() => MysqlGtidSet.parse(input)).toThrow(InvalidGtidError)
        return
      }
      expect(MysqlGtidSet.parse(input).toString()).toBe(theirs)
    })
  }
})

describe('@@global.gtid_executed', () => {
  test('a tagged transaction of ours shows up, printed exactly as the server prints it', async () => {
    await conn.query('CREATE DATABASE IF NOT EXISTS t_gtid_set')
    await conn.query('CREATE TABLE IF NOT EXISTS t_gtid_set.t (id INT AUTO_INCREMENT PRIMARY KEY, v INT)')
    const uuid = String(await scalar(conn, 'SELECT @@server_uuid'))
    const beforeText = String(await scalar(conn, 'SELECT @@global.gtid_executed'))
    await conn.query("SET gtid_next = 'AUTOMATIC:T_GTID_SET'")
    await conn.query('INSERT INTO t_gtid_set.t (v) VALUES (1)')
    await conn.query("SET gtid_next = 'AUTOMATIC'")
    const afterText = String(await scalar(conn, 'SELECT @@global.gtid_executed'))

    const before = MysqlGtidSet.parse(beforeText)
    const after = MysqlGtidSet.parse(afterText)
    expect(before.toString()).toBe(beforeText)
    expect(after.toString()).toBe(afterText)
    expect(before.isSubsetOf(after)).toBe(true)

    // Other tests may commit meanwhile, but only we use this tag: exactly one new GTID with it.
    const ours = after
      .subtract(before)
      .entries()
      .filter((e) => e.tag === 't_gtid_set')
    expect(ours.length).toBe(1)
    expect(ours[0].uuid).toBe(uuid)
    expect(ours[0].intervals.length).toBe(1)
    const { first, last } = ours[0].intervals[0]
    expect(last).toBe(first)
    expect(after.contains({ uuid, tag: 't_gtid_set', gno: first })).toBe(true)
    expect(before.contains({ uuid, tag: 't_gtid_set', gno: first })).toBe(false)
    expect(before.add(uuid, 'T_GTID_SET', first).isSubsetOf(after)).toBe(true)
    expect(after.toString()).toContain(`:t_gtid_set:`)
  })
})
