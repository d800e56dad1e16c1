// The inverses the target-row reader relies on, value by value at their edges: day counts and
// ticks back to the binlog's text, DECIMAL text, MariaDB's UUID / INET6 / INET4 text forms back
// to bytes, and (E)WKT back to SRID + WKB, each against its forward function.

import { describe, expect, test } from 'bun:test'
import { fixedBinaryText } from '../../src/binlog/index.ts'
import { civilFromDays } from '../../src/binlog/index.ts'
import { dateText, datetimeText, decimalText, fixedBinaryBytes, timeText, wktToGeometry } from '../../src/sink/clickhouse/decode/index.ts'
import { daysFromCivil, geometryToWkt } from '../../src/sink/clickhouse/encode/index.ts'

describe('temporal', () => {
  test('civilFromDays inverts daysFromCivil over Date32 and beyond', () => {
    const bad: string[] = []
    for (let y = 1899; y <= 2300; y++) {
      for (const [m, d] of [
        [1, 1],
        [2, 28],
        [2, 29],
        [3, 1],
        [12, 31],
      ]) {
        if (m === 2 && d === 29 && !((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) continue
        const back = civilFromDays(daysFromCivil(y, m, d))
        if (back.join() !== [y, m, d].join()) bad.push(`${y}-${m}-${d} -> ${back.join('-')}`)
      }
    }
    expect(bad).toEqual([])
    expect(dateText(0)).toBe('1970-01-01')
    expect(dateText(daysFromCivil(1900, 1, 1))).toBe('1900-01-01')
  })

  test('DateTime64 and Time64 ticks print as the binlog does', () => {
    expect(datetimeText(0n, 0)).toBe('1970-01-01 00:00:00')
    expect(datetimeText(-1n, 3)).toBe('1969-12-31 23:59:59.999')
    expect(datetimeText(BigInt(daysFromCivil(2299, 12, 31)) * 86400n * 1000000n + 86399999999n, 6)).toBe('2299-12-31 23:59:59.999999')
    expect(timeText(0n, 0)).toBe('00:00:00')
    expect(timeText(-1n, 1)).toBe('-00:00:00.1')
    expect(timeText((838n * 3600n + 59n * 60n + 59n) * 1000000n, 6)).toBe('838:59:59.000000')
    expect(timeText(-(100n * 3600n), 0)).toBe('-100:00:00')
  })
})

test('DECIMAL text: exact fraction digits, a zero before the point, no negative zero', () => {
  expect(decimalText(150n, 2)).toBe('1.50')
  expect(decimalText(-1n, 2)).toBe('-0.01')
  expect(decimalText(0n, 2)).toBe('0.00')
  expect(decimalText(0n, 0)).toBe('0')
  expect(decimalText(-12345678901234567890123456789n, 10)).toBe('-1234567890123456789.0123456789')
})

test('UUID, INET6 and INET4 text back to the bytes the binlog carries', () => {
  const samples: ['uuid' | 'inet6' | 'inet4', string][] = [
    ['uuid', '123e4567e89b12d3a456426655440000'],
    ['inet4', 'c0000201'],
    ['inet4', '00000000'],
    ['inet6', '00000000000000000000000000000000'],
    ['inet6', '00000000000000000000000000000001'],
    ['inet6', '20010db8000000000000ff0000428329'],
    ['inet6', '00000000000000000000ffff01020304'],
    ['inet6', '00000000000000000000000001020304'],
    ['inet6', 'fe800000000000000000000000000000'],
    ['inet6', '20010db8000100000001000000000001'],
  ]
  for (const [type, hex] of samples) {
    const bytes = Uint8Array.from(Buffer.from(hex, 'hex'))
    const text = fixedBinaryText(type, bytes)
    expect({ text, back: Buffer.from(fixedBinaryBytes(type, text)).toString('hex') }).toEqual({ text, back: hex })
  }
})

test('(E)WKT back to SRID + little-endian WKB, byte for byte', () => {
  const texts = [
    'POINT(1 2)',
    'SRID=4326;POINT(-0.5 1e-300)',
    'LINESTRING(0 0,1 1,2 0.5)',
    'LINESTRING()',
    'POLYGON((0 0,1 0,1 1,0 0),(0.2 0.2,0.3 0.2,0.3 0.3,0.2 0.2))',
    'MULTIPOINT((1 1),(2 2))',
    'MULTILINESTRING((0 0,1 1),(2 2,3 3))',
    'MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))',
    'GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1),GEOMETRYCOLLECTION EMPTY)',
    'MULTIPOINT EMPTY',
  ]
  for (const text of texts) expect(geometryToWkt(wktToGeometry(text))).toBe(text)
  // The SRID leads, little-endian; the WKB says little-endian and Point.
  expect(Buffer.from(wktToGeometry('SRID=4326;POINT(1 2)')).toString('hex')).toBe(
    'e6100000' + '01' + '01000000' + '000000000000f03f' + '0000000000000040',
  )
})
