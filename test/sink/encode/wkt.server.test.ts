// WKB → WKT against the servers' own ST_AsText: random coordinates of every magnitude, every
// geometry type in both byte orders, nested collections; and malformed WKB ends in DecodeError.

import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type mysql from 'mysql2/promise'
import { DecodeError } from '../../../src/binlog/index.ts'
import { formatCoordinate, geometryToWkt } from '../../../src/sink/clickhouse/encode/index.ts'
import { SERVERS, flavorOf, sqlSession } from '../../support/servers.ts'

/** WKB built by hand, in either byte order. */
class Wkb {
  private parts: Buffer[] = []
  constructor(private readonly little: boolean) {}
  private u32(v: number): this {
    const b = Buffer.alloc(4)
    if (this.little) b.writeUInt32LE(v)
    else b.writeUInt32BE(v)
    this.parts.push(b)
    return this
  }
  private f64(v: number): this {
    const b = Buffer.alloc(8)
    if (this.little) b.writeDoubleLE(v)
    else b.writeDoubleBE(v)
    this.parts.push(b)
    return this
  }
  header(type: number): this {
    this.parts.push(Buffer.from([this.little ? 1 : 0]))
    return this.u32(type)
  }
  point(x: number, y: number): this {
    return this.header(1).f64(x).f64(y)
  }
  line(pts: number[][]): this {
    this.header(2).u32(pts.length)
    for (const [x, y] of pts) this.f64(x).f64(y)
    return this
  }
  polygon(rings: number[][][]): this {
    this.header(3).u32(rings.length)
    for (const r of rings) {
      this.u32(r.length)
      for (const [x, y] of r) this.f64(x).f64(y)
    }
    return this
  }
  collection(type: number, members: Buffer[]): this {
    this.header(type).u32(members.length)
    this.parts.push(...members)
    return this
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts)
  }
}

const stored = (wkb: Buffer, srid = 0) => {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(srid)
  return Buffer.concat([b, wkb])
}

const SQUARE = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
  [0, 0],
]
const HOLE = [
  [1, 1],
  [2, 1],
  [2, 2],
  [1, 1],
]

/**
 * Every type in byte order `little`. MySQL reads big-endian WKB, but refuses a big-endian member
 * in a Multi* (any byte order is fine in a GEOMETRYCOLLECTION) and any mix of orders in one
 * Multi*; MariaDB reads all of these, so for it the members mix both orders.
 */
function shapes(little: boolean, flavor: 'mysql' | 'mariadb'): Buffer[] {
  const w = () => new Wkb(little)
  const member = () => new Wkb(flavor === 'mysql' ? true : little)
  const other = new Wkb(flavor === 'mysql' ? true : !little).point(-0.5, 1e-7).bytes()
  return [
    w().point(1, 2).bytes(),
    w().point(-1.5, 1e10).bytes(),
    w()
      .line([
        [0, 0],
        [1.25, 1e15],
        [2, 0],
      ])
      .bytes(),
    w().polygon([SQUARE, HOLE]).bytes(),
    w()
      .collection(4, [member().point(1, 1).bytes(), other])
      .bytes(),
    w()
      .collection(5, [
        member()
          .line([
            [0, 0],
            [1, 1],
          ])
          .bytes(),
        member()
          .line([
            [2, 2],
            [3, 3],
            [4, 5],
          ])
          .bytes(),
      ])
      .bytes(),
    w()
      .collection(6, [member().polygon([SQUARE]).bytes(), member().polygon([SQUARE, HOLE]).bytes()])
      .bytes(),
    w()
      .collection(7, [
        w().point(1, 1).bytes(),
        new Wkb(!little)
          .line([
            [0, 0],
            [1, 1],
          ])
          .bytes(),
        w().collection(7, []).bytes(),
        w()
          .collection(6, [member().polygon([HOLE]).bytes()])
          .bytes(),
      ])
      .bytes(),
    w().collection(7, []).bytes(),
  ]
}

/** Doubles of every magnitude: random bit patterns, short decimals, integers, the edges of the fixed-notation rule. */
function coordinates(n: number): number[] {
  const out = [
    0.1,
    1e15,
    1e16,
    1e-14,
    1e-15,
    1.2345678901234567e-7,
    1.2345678901234567e-8,
    -1.2345678901234567e-7,
    5e-324,
    1.7976931348623157e308,
    123456789012345680000,
    0.5,
    2 ** 53,
    -(2 ** 63),
  ]
  const view = new DataView(new ArrayBuffer(8))
  let seed = 12345
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed / 0x7fffffff
  }
  while (out.length < n) {
    const k = out.length % 4
    if (k === 0) {
      for (let i = 0; i < 8; i++) view.setUint8(i, Math.floor(rnd() * 256))
      const v = view.getFloat64(0)
      if (Number.isFinite(v)) out.push(v)
    } else if (k === 1) out.push(Number((rnd() * 10 ** Math.floor(rnd() * 30 - 15)).toPrecision(1 + Math.floor(rnd() * 17))))
    else if (k === 2) out.push(-Math.floor(rnd() * 10 ** Math.floor(rnd() * 18)))
    else out.push(Number(`${rnd() < 0.5 ? '-' : ''}1.${Math.floor(rnd() * 1e6)}e${Math.floor(rnd() * 60 - 30)}`))
  }
  return out
}

for (const server of SERVERS) {
  const flavor = flavorOf(server)
  describe(`${server} ST_AsText`, () => {
    let sql: mysql.Connection
    beforeAll(async () => {
      sql = await sqlSession(server)
    })
    afterAll(() => sql?.end())

    const asText = async (wkb: Buffer): Promise<{ text: string | null; stored: Buffer | null }> => {
      const [rows] = await sql.query('SELECT ST_AsText(ST_GeomFromWKB(?)) AS text, HEX(ST_GeomFromWKB(?)) AS g', [wkb, wkb])
      const r = (rows as { text: string | null; g: string | null }[])[0]
      return { text: r.text, stored: r.g === null ? null : Buffer.from(r.g, 'hex') }
    }

    test('coordinates', async () => {
      const xs = coordinates(3000)
      const points = Array.from({ length: xs.length / 2 }, (_, i) => new Wkb(true).point(xs[2 * i], xs[2 * i + 1]).bytes())
      const problems: string[] = []
      for (let i = 0; i < points.length; i += 250) {
        const batch = points.slice(i, i + 250)
        const wkb = new Wkb(true).collection(7, batch).bytes()
        const server = (await asText(wkb)).text!
        const mine = geometryToWkt(stored(wkb))
        const theirs = server.slice('GEOMETRYCOLLECTION('.length, -1).split(',')
        const ours = mine.slice('GEOMETRYCOLLECTION('.length, -1).split(',')
        expect(ours.length).toBe(theirs.length)
        theirs.forEach((p, k) => {
          if (p === ours[k]) return
          if (flavor === 'mysql') return problems.push(`${p} vs ${ours[k]}`)
          // MariaDB prints with a wider field (fixed notation more often) and 0 for -0: the
          // numbers must still be the same doubles.
          const a = p.slice(6, -1).split(' ').map(Number)
          const b = ours[k].slice(6, -1).split(' ').map(Number)
          if (a[0] !== b[0] || a[1] !== b[1]) problems.push(`${p} vs ${ours[k]}`)
        })
      }
      expect(problems).toEqual([])
    })

    test('every geometry type, both byte orders, as stored and as WKB', async () => {
      let compared = 0
      for (const little of [true, false]) {
        for (const wkb of shapes(little, flavor)) {
          const { text, stored: internal } = await asText(wkb)
          // MariaDB cannot read an empty collection inside a collection.
          if (text === null && flavor === 'mariadb') continue
          if (text === null) throw new Error(`${server} refused ${wkb.toString('hex')}`)
          compared++
          let expected = text
          if (flavor === 'mariadb')
            expected = expected.replace(
              /MULTIPOINT\(([^()]*)\)/g,
              (_, pts: string) =>
                `MULTIPOINT(${pts
                  .split(',')
                  .map((p) => `(${p})`)
                  .join(',')})`,
            )
          expect(geometryToWkt(stored(wkb))).toBe(expected)
          expect(geometryToWkt(internal!)).toBe(expected)
        }
      }
      expect(compared).toBeGreaterThanOrEqual(16)
    })
  })
}

describe('geometryToWkt', () => {
  test('SRID prefix', () => {
    const wkb = new Wkb(true).point(90, 45).bytes()
    expect(geometryToWkt(stored(wkb, 4326))).toBe('SRID=4326;POINT(90 45)')
    expect(geometryToWkt(stored(wkb, 0))).toBe('POINT(90 45)')
  })

  test('every truncation and corruption is a DecodeError', () => {
    const wkb = stored(
      new Wkb(false)
        .collection(7, [
          new Wkb(true).polygon([SQUARE, HOLE]).bytes(),
          new Wkb(false).collection(4, [new Wkb(true).point(1, 2).bytes()]).bytes(),
        ])
        .bytes(),
    )
    expect(geometryToWkt(wkb)).toBe('GEOMETRYCOLLECTION(POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,2 1,2 2,1 1)),MULTIPOINT((1 2)))')
    for (let n = 0; n < wkb.length; n++) expect(() => geometryToWkt(wkb.subarray(0, n))).toThrow(DecodeError)
    expect(() => geometryToWkt(Buffer.concat([wkb, Buffer.from([0])]))).toThrow('1 bytes after its WKB')
    const badOrder = Buffer.from(wkb)
    badOrder[4] = 2
    expect(() => geometryToWkt(badOrder)).toThrow('byte order 2')
    const badType = stored(new Wkb(true).header(8).bytes())
    expect(() => geometryToWkt(badType)).toThrow('type 8')
    const zType = stored(new Wkb(true).header(1001).bytes())
    expect(() => geometryToWkt(zType)).toThrow('type 1001')
    // A count far beyond the bytes left fails at once instead of looping.
    const huge = stored(Buffer.concat([new Wkb(true).header(2).bytes(), Buffer.from([0xff, 0xff, 0xff, 0x7f])]))
    expect(() => geometryToWkt(huge)).toThrow('exceeds')
    // A multipoint whose member is not a point.
    const wrongMember = stored(
      new Wkb(true)
        .collection(4, [
          new Wkb(true)
            .line([
              [0, 0],
              [1, 1],
            ])
            .bytes(),
        ])
        .bytes(),
    )
    expect(() => geometryToWkt(wrongMember)).toThrow('MULTIPOINT member is a LINESTRING')
    let deep = new Wkb(true).collection(7, []).bytes()
    for (let i = 0; i < 70; i++) deep = new Wkb(true).collection(7, [deep]).bytes()
    expect(() => geometryToWkt(stored(deep))).toThrow('deeper than')
    const nan = stored(new Wkb(true).point(Number.NaN, 0).bytes())
    expect(() => geometryToWkt(nan)).toThrow(DecodeError)
  })

  test('coordinate text', () => {
    expect([0, -0, 1, -1.5, 1e15, 1e14, 123456789012345.6, 1e-14, 1e-15, 1e-16, 1.5e-100].map(formatCoordinate)).toEqual([
      '0',
      '-0',
      '1',
      '-1.5',
      '1e15',
      '100000000000000',
      '123456789012345.6',
      '0.00000000000001',
      '0.000000000000001',
      '1e-16',
      '1.5e-100',
    ])
  })
})
