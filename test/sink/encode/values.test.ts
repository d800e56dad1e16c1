// Value encoders against independent references: decimals scaled with BigInt, dates and times
// through Date, the out-of-range rule and its counters, Nullable prefixes, arrays, text forms,
// and the typed errors for cells that do not fit their column.

import { describe, expect, test } from 'bun:test'
import { CharsetRegistry } from '../../../src/binlog/index.ts'
import { blankShape, type Cell, type ColumnDef, columnDef, ColumnType, JsonText } from '../../../src/model/index.ts'
import { type TargetColumn, mapColumn } from '../../../src/schema/types/index.ts'
import {
  ClampCounter,
  EncodeError,
  RowBinaryWriter,
  RowEncoder,
  columnEncoder,
  float32Text,
  keyHash,
} from '../../../src/sink/clickhouse/encode/index.ts'
import { RowBinaryReader, compileDecoders } from '../../../src/sink/clickhouse/decode/index.ts'

const BASE: ColumnDef = columnDef(0, 'c', blankShape(ColumnType.NULL))
const col = (over: Partial<ColumnDef>): ColumnDef => ({ ...BASE, ...over })
const target = (c: Partial<ColumnDef>, override?: string): TargetColumn => mapColumn(col(c), { jsonType: 'String', override })

function encode(t: TargetColumn, cell: Cell, clamps = new ClampCounter()): string {
  const w = new RowBinaryWriter(16)
  columnEncoder(t, clamps)(w, cell)
  return w.bytes().toString('hex')
}

function twos(v: bigint, bytes: number): string {
  let x = BigInt.asUintN(bytes * 8, v)
  const out = Buffer.alloc(bytes)
  for (let i = 0; i < bytes; i++) {
    out[i] = Number(x & 0xffn)
    x >>= 8n
  }
  return out.toString('hex')
}

describe('Decimal', () => {
  const cases: [number, number, string][] = [
    [1, 0, '9'],
    [1, 0, '-9'],
    [5, 0, '-99999'],
    [9, 9, '0.999999999'],
    [9, 9, '-0.000000001'],
    [10, 2, '99999999.99'],
    [10, 2, '-0.01'],
    [18, 9, '999999999.999999999'],
    [18, 9, '-100000000.100000001'],
    [18, 0, '123456789012345678'],
    [20, 0, '99999999999999999999'],
    [30, 10, '-99999999999999999999.9999999999'],
    [38, 0, '-' + '9'.repeat(38)],
    [65, 30, '99999999999999999999999999999999999.999999999999999999999999999999'],
    [65, 30, '-0.000000000000000000000000000001'],
    [65, 30, '0.000000000000000000000000000000'],
  ]
  test.each(cases)('DECIMAL(%d,%d) %s', (p, s, text) => {
    const t = target({ type: ColumnType.NEWDECIMAL, precision: p, scale: s })
    const scaled = BigInt(text.replace('.', ''))
    expect(encode(t, text)).toBe(twos(scaled, t.bytes))
  })

  test('a wider override pads the fraction', () => {
    const t = target({ type: ColumnType.NEWDECIMAL, precision: 10, scale: 2 }, 'Decimal(40, 6)')
    expect(encode(t, '-12.50')).toBe(twos(-12500000n, 32))
  })

  test('text that would lose digits or is not a decimal is refused', () => {
    const t = target({ type: ColumnType.NEWDECIMAL, precision: 5, scale: 2 })
    for (const bad of ['1.234', '1234.5', '1e5', '', '-', '1.', '.5x', '1..2'] as Cell[]) expect(() => encode(t, bad)).toThrow(EncodeError)
    expect(() => encode(t, 12 as Cell)).toThrow('expected DECIMAL text, got number 12')
  })
})

/** Seconds since the epoch of 'YYYY-MM-DD[ HH:MM:SS]' through Date (any year). */
function epochSeconds(text: string): number {
  const d = new Date(0)
  const [y, m, day] = text.slice(0, 10).split('-').map(Number)
  d.setUTCFullYear(y, m - 1, day)
  if (text.length > 10) d.setUTCHours(Number(text.slice(11, 13)), Number(text.slice(14, 16)), Number(text.slice(17, 19)))
  return d.getTime() / 1000
}

describe('Date32 and DateTime64', () => {
  test('dates in range are days since 1970-01-01', () => {
    const t = target({ type: ColumnType.DATE })
    for (const d of ['1970-01-01', '1969-12-31', '1900-01-01', '2299-12-31', '2000-02-29', '2024-02-29', '1900-03-01'])
      expect(encode(t, d)).toBe(twos(BigInt(epochSeconds(d) / 86400), 4))
  })

  test('the out-of-range rule: not-a-date and before 1900 → 1900-01-01, after 2299 → 2299-12-31, counted', () => {
    const t = target({ type: ColumnType.DATE, name: 'd' })
    const notices: string[] = []
    const clamps = new ClampCounter((n) => notices.push(`${n.column}:${n.value}->${n.clampedTo}`))
    const min = twos(BigInt(epochSeconds('1900-01-01') / 86400), 4)
    const max = twos(BigInt(epochSeconds('2299-12-31') / 86400), 4)
    for (const d of ['0000-00-00', '2020-00-00', '2020-02-00', '2021-02-29', '2020-13-01', '1000-01-01', '1899-12-31'])
      expect(encode(t, d, clamps)).toBe(min)
    for (const d of ['2300-01-01', '9999-12-31']) expect(encode(t, d, clamps)).toBe(max)
    expect(encode(t, '2299-12-31', clamps)).toBe(max)
    expect(clamps.count('d')).toBe(9)
    expect(clamps.total).toBe(9)
    expect(notices[0]).toBe('d:0000-00-00->1900-01-01')
    expect(notices[8]).toBe('d:9999-12-31->2299-12-31')
  })

  test('DATETIME(fsp) and TIMESTAMP(fsp) as ticks, at their own and at a wider precision', () => {
    const cases: [number, string, string | undefined, number][] = [
      [0, '1970-01-01 00:00:00', undefined, 0],
      [0, '2038-01-19 03:14:07', undefined, 0],
      [3, '2024-02-29 12:34:56.789', undefined, 3],
      [6, '1969-07-20 20:17:40.000001', undefined, 6],
      [6, '2299-12-31 23:59:59.999999', undefined, 6],
      [6, '1900-01-01 00:00:00.000001', undefined, 6],
      [1, '2024-02-29 12:34:56.7', "DateTime64(9, 'UTC')", 9],
      [2, '2001-09-09 01:46:40.50', "DateTime64(8, 'UTC')", 8],
    ]
    for (const [fsp, text, override, scale] of cases) {
      for (const type of [ColumnType.DATETIME2, ColumnType.TIMESTAMP2]) {
        const t = target({ type, fsp }, override)
        const dot = text.indexOf('.')
        const frac = dot < 0 ? 0n : BigInt(text.slice(dot + 1).padEnd(scale, '0'))
        expect(encode(t, text)).toBe(twos(BigInt(epochSeconds(text)) * 10n ** BigInt(scale) + frac, 8))
      }
    }
  })

  test('DATETIME clamps to the range at its precision; DateTime64(9) ends in 2262', () => {
    const t = target({ type: ColumnType.DATETIME2, fsp: 3, name: 'dt' })
    const clamps = new ClampCounter()
    const min = twos(BigInt(epochSeconds('1900-01-01 00:00:00')) * 1000n, 8)
    const max = twos(BigInt(epochSeconds('2299-12-31 23:59:59')) * 1000n + 999n, 8)
    expect(encode(t, '0000-00-00 00:00:00.000', clamps)).toBe(min)
    expect(encode(t, '2020-02-00 10:00:00.000', clamps)).toBe(min)
    expect(encode(t, '1000-01-01 00:00:00.000', clamps)).toBe(min)
    expect(encode(t, '9999-12-31 23:59:59.999', clamps)).toBe(max)
    expect(encode(t, '2299-12-31 23:59:59.999', clamps)).toBe(max)
    expect(clamps.count('dt')).toBe(4)
    const t9 = target({ type: ColumnType.DATETIME2, fsp: 6 }, "DateTime64(9, 'UTC')")
    expect(encode(t9, '2262-04-11 23:47:16.854775', clamps)).toBe(twos(9223372036854775000n, 8))
    expect(encode(t9, '2262-04-11 23:47:17.000000', clamps)).toBe(twos(9223372036854775807n, 8))
    expect(encode(t9, '2299-12-31 00:00:00.000000', clamps)).toBe(twos(9223372036854775807n, 8))
    expect(clamps.count('c')).toBe(2)
  })

  test('malformed DATETIME text is an error, not a clamp', () => {
    const t = target({ type: ColumnType.DATETIME2, fsp: 0 })
    const clamps = new ClampCounter()
    for (const bad of [
      '2020-01-01',
      '2020-01-01T00:00:00',
      '2020-01-01 24:00:00',
      '2020-01-01 00:00:00.5',
      'abcd-01-01 00:00:00',
      '2020-01-01 00:60:00',
    ] as Cell[])
      expect(() => encode(t, bad, clamps)).toThrow(EncodeError)
    expect(clamps.total).toBe(0)
  })
})

describe('Time64', () => {
  test('signed ticks, hours past 24, fractions widened', () => {
    const cases: [number, string, string | undefined, bigint][] = [
      [0, '00:00:00', undefined, 0n],
      [0, '838:59:59', undefined, 3020399n],
      [0, '-838:59:59', undefined, -3020399n],
      [6, '-838:59:59.999999', undefined, -3020399999999n],
      [1, '-00:00:00.1', undefined, -1n],
      [2, '-00:00:01.01', undefined, -101n],
      [5, '-100:00:00.00001', undefined, -36000000001n],
      [1, '-12:34:56.5', 'Time64(6)', -45296500000n],
      [0, '01:02:03', 'Time64(9)', 3723000000000n],
    ]
    for (const [fsp, text, override, ticks] of cases)
      expect(encode(target({ type: ColumnType.TIME2, fsp }, override), text)).toBe(twos(ticks, 8))
  })

  test('malformed TIME text is an error', () => {
    const t = target({ type: ColumnType.TIME2, fsp: 1 })
    for (const bad of ['1:00:00', '1000:00:00', '00:60:00', '00:00:00.12', '00:00', 5] as Cell[])
      expect(() => encode(t, bad)).toThrow(EncodeError)
  })
})

describe('Nullable, arrays, strings', () => {
  test('Nullable prefix byte; NULL in a NOT NULL column and a missing value are errors', () => {
    const n = target({ type: ColumnType.LONG, nullable: true })
    expect(encode(n, null)).toBe('01')
    expect(encode(n, -2)).toBe('00feffffff')
    const nn = target({ type: ColumnType.LONG, name: 'k' })
    expect(() => encode(nn, null)).toThrow('column k: NULL in a column that is NOT NULL at the source')
    expect(() => encode(n, undefined)).toThrow('binlog_row_image must be FULL')
    expect(() => encode(nn, 'x')).toThrow('expected a number, got string "x"')
  })

  test('ENUM as LowCardinality(Nullable(String)) is a Nullable String on the wire', () => {
    const t = target({ type: ColumnType.ENUM, nullable: true, enumValues: ['a', 'b'], length: 1 })
    expect(t.type).toBe('LowCardinality(Nullable(String))')
    expect(encode(t, 'b')).toBe('000162')
    expect(encode(t, null)).toBe('01')
  })

  test('SET and VECTOR: arrays, NULL as []', () => {
    const s = target({ type: ColumnType.SET, nullable: true, setValues: ['x', 'y'], length: 1 })
    expect(encode(s, ['x', 'y'])).toBe('0201780179')
    expect(encode(s, [])).toBe('00')
    expect(encode(s, null)).toBe('00')
    const v = target({ type: ColumnType.VECTOR, nullable: true, vectorDimensions: 2, length: 4 })
    expect(encode(v, [1.5, -2])).toBe('020000c03f000000c0')
    expect(encode(v, null)).toBe('00')
  })

  test('strings and bytes', () => {
    const t = target({ type: ColumnType.VARCHAR, collation: 255, length: 40 })
    expect(encode(t, 'ü')).toBe('02c3bc')
    expect(encode(t, new Uint8Array([0, 255]))).toBe('0200ff')
    expect(() => encode(t, 5)).toThrow(EncodeError)
  })

  test('String overrides write the text form', () => {
    const text = (c: Partial<ColumnDef>, cell: Cell) =>
      Buffer.from(encode(target(c, 'String'), cell), 'hex')
        .subarray(1)
        .toString('utf8')
    expect(text({ type: ColumnType.FLOAT }, Math.fround(1.23456))).toBe('1.23456')
    expect(text({ type: ColumnType.FLOAT }, Math.fround(-3.4028234e38))).toBe('-3.4028235e+38')
    expect(text({ type: ColumnType.DOUBLE }, -0)).toBe('-0')
    expect(text({ type: ColumnType.LONGLONG, unsigned: true }, 18446744073709551615n)).toBe('18446744073709551615')
    expect(text({ type: ColumnType.DATE }, '0000-00-00')).toBe('0000-00-00')
    expect(text({ type: ColumnType.SET, setValues: ['a', 'b'], length: 1 }, ['a', 'b'])).toBe('a,b')
    expect(text({ type: ColumnType.VECTOR, length: 4 }, [Math.fround(0.1), -2])).toBe('[0.1,-2]')
    expect(text({ type: ColumnType.BIT, bits: 8 }, 255n)).toBe('255')
    expect(float32Text(Math.fround(16777217))).toBe('16777216')
  })

  test('Bool from TINYINT and BIT(1)', () => {
    expect(encode(target({ type: ColumnType.TINY }, 'Bool'), -5)).toBe('01')
    expect(encode(target({ type: ColumnType.TINY }, 'Bool'), 0)).toBe('00')
    expect(encode(target({ type: ColumnType.BIT, bits: 1 }, 'Bool'), 1n)).toBe('01')
  })

  test('JSON type: objects only', () => {
    const t = target({ type: ColumnType.JSON, length: 4 }, 'JSON')
    expect(encode(t, ' {"a": 1}')).toBe(Buffer.concat([Buffer.from([9]), Buffer.from(' {"a": 1}')]).toString('hex'))
    expect(() => encode(t, '[1]')).toThrow("ClickHouse's JSON type holds objects only")
  })

  test('a JSON document as bytes (JsonText) writes what its text wrote, to String and to JSON columns', () => {
    const asString = target({ type: ColumnType.JSON, length: 4 })
    const asJson = target({ type: ColumnType.JSON, length: 4 }, 'JSON')
    const asText = target({ type: ColumnType.JSON, length: 4, nullable: true }, 'Nullable(String)')
    for (const text of ['{"a": "é😀", "b": [1, 2.5, null]}', '\t {"k": "\\u0000"}', '"x"', '[1]', ' ', '']) {
      // Where the decoder leaves it: amid other documents' bytes.
      const doc = JsonText.of(Buffer.from(`"a"${text}[]`), 3, 3 + Buffer.byteLength(text))
      for (const t of [asString, asText]) expect(encode(t, doc)).toBe(encode(t, text))
      if (text.trim().startsWith('{')) expect(encode(asJson, doc)).toBe(encode(asJson, text))
      else expect(() => encode(asJson, doc)).toThrow(`ClickHouse's JSON type holds objects only, got string ${JSON.stringify(text)}`)
    }
  })

  test('GEOMETRY that is not WKB is an EncodeError naming the column', () => {
    const t = target({ type: ColumnType.GEOMETRY, name: 'g', length: 4 })
    expect(() => encode(t, new Uint8Array([0, 0, 0, 0, 1, 9, 0, 0, 0]))).toThrow('column g: GEOMETRY value is not valid WKB')
  })
})

describe('FixedString (sha256 masks)', () => {
  const fixed = (nullable: boolean) =>
    mapColumn(col({ type: ColumnType.VARCHAR, nullable, collation: 46 }), { jsonType: 'String', fixedBytes: 64 })
  const digest = 'ab'.repeat(32)

  test('exactly n bytes, no length; Nullable behind its byte; read back as the text', () => {
    expect([fixed(false).type, fixed(true).type]).toEqual(['FixedString(64)', 'Nullable(FixedString(64))'])
    expect(encode(fixed(false), digest)).toBe(Buffer.from(digest).toString('hex'))
    expect(encode(fixed(true), digest)).toBe(`00${Buffer.from(digest).toString('hex')}`)
    expect(encode(fixed(true), null)).toBe('01')
    const [read] = compileDecoders([fixed(true)], new CharsetRegistry())
    expect(read!(new RowBinaryReader(Buffer.from(`00${Buffer.from(digest).toString('hex')}`, 'hex')))).toBe(digest)
    expect(read!(new RowBinaryReader(Buffer.from('01', 'hex')))).toBeNull()
  })

  test('shorter text is padded with zero bytes (and read back without them); longer text is refused', () => {
    expect(encode(fixed(false), 'abc')).toBe(Buffer.from('abc').toString('hex') + '00'.repeat(61))
    const [read] = compileDecoders([fixed(false)], new CharsetRegistry())
    expect(read!(new RowBinaryReader(Buffer.from(encode(fixed(false), 'abc'), 'hex')))).toBe('abc')
    expect(() => encode(fixed(false), `${digest}0`)).toThrow(EncodeError)
    expect(() => encode(fixed(false), 5 as Cell)).toThrow('expected text, got number 5')
  })
})

describe('rows', () => {
  const cols = [
    target({ type: ColumnType.LONG, name: 'id', index: 0 }),
    target({ type: ColumnType.VARCHAR, name: 's', index: 1, nullable: true, collation: 255, length: 40 }),
  ]

  test('columns, then _version UInt64 and _is_deleted UInt8 (and _key before them when given)', () => {
    const w = new RowBinaryWriter()
    const enc = new RowEncoder(cols)
    enc.encode(w, [7, 'ab'], 258n, false)
    enc.encode(w, [8, null], 18446744073709551615n, true, 1n)
    expect(w.bytes().toString('hex')).toBe(
      '07000000' + '00026162' + '0201000000000000' + '00' + '08000000' + '01' + '0100000000000000' + 'ffffffffffffffff' + '01',
    )
  })

  test('a value that cannot be encoded leaves the writer as before the row', () => {
    const w = new RowBinaryWriter()
    const enc = new RowEncoder(cols)
    enc.encode(w, [1, 'x'], 1n, false)
    const before = w.bytes().toString('hex')
    expect(() => enc.encode(w, [2, 5], 2n, false)).toThrow('column s')
    expect(() => enc.encode(w, [3], 3n, false)).toThrow('row has 1 values for 2 columns')
    expect(w.bytes().toString('hex')).toBe(before)
  })
})

describe('keyHash', () => {
  test('equal rows hash equal, whatever their arrays are; any difference changes the hash', () => {
    const row: Cell[] = [1, 2n, 'x', new Uint8Array([1, 2]), ['a', 'b'], [0.5], null, -0]
    const same: Cell[] = [1, 2n, 'x', Buffer.from([1, 2]), ['a', 'b'], [0.5], null, -0]
    expect(keyHash(row)).toBe(keyHash(same))
    expect(typeof keyHash(row)).toBe('bigint')
    const variants: Cell[][] = [
      [1, 2n, 'x', new Uint8Array([1, 2]), ['a', 'b'], [0.5], null, 0],
      [1, 2n, 'x', new Uint8Array([1, 2]), ['ab'], [0.5], null, -0],
      [1, 2n, 'x', new Uint8Array([1, 2]), ['a', 'b'], [0.5], undefined, -0],
      [1, 2n, 'x', new Uint8Array([1, 3]), ['a', 'b'], [0.5], null, -0],
      [1, 2n, new Uint8Array([0x78]), new Uint8Array([1, 2]), ['a', 'b'], [0.5], null, -0],
      [1, 1n, 'x', new Uint8Array([1, 2]), ['a', 'b'], [0.5], null, -0],
      [1, 2n, 'x', new Uint8Array([1, 2]), ['a', 'b'], [], null, -0],
    ]
    const hashes = new Set(variants.map(keyHash))
    expect(hashes.size).toBe(variants.length)
    expect(hashes.has(keyHash(row))).toBe(false)
  })

  test('a JSON document hashes alike as bytes (from the binlog) and as text (copied)', () => {
    const text = '{"a": "é😀", "n": 1}'
    const doc = JsonText.of(Buffer.from(`1${text}2`), 1, 1 + Buffer.byteLength(text))
    expect(keyHash([1, doc, null])).toBe(keyHash([1, text, null]))
    expect(keyHash([1, doc, null])).not.toBe(keyHash([1, '{"a": 1}', null]))
  })

  test('values that straddle cells do not collide', () => {
    expect(keyHash(['ab', 'c'])).not.toBe(keyHash(['a', 'bc']))
    expect(keyHash([['a', 'b'], []])).not.toBe(keyHash([['a'], ['b']]))
  })
})
