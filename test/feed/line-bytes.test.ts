// The feed lines written as bytes equal, byte for byte, the lines of the string encoder they
// replaced (support/reference-line.ts): random changes over every kind of Cell and every column
// writer, with the awkward values in the mix (controls, quotes, lone surrogates, -0, NaN, the
// edges of 2^53, bigints of any size, empty and odd-length bytes, partial row images).

import { describe, expect, test } from 'bun:test'
import {
  blankShape,
  type Cell,
  type ColumnDef,
  ColumnType,
  type ColumnTypeCode,
  columnDef,
  JsonText,
  type RowChange,
  type SourceTable,
} from '../../src/model/index.ts'
import { FeedLineEncoder, LineBuffer } from '../../src/sink/ndjson/index.ts'
import { writeString, writeUtf8String } from '../../src/sink/ndjson/json-bytes.ts'
import { seeded } from '../support/random.ts'
import { ReferenceLineEncoder } from './support/reference-line.ts'

const SEED = Number(process.env.CHSYNC_TEST_SEED ?? 1212)

function col(name: string, type: ColumnTypeCode, extra: Partial<ColumnDef> = {}): ColumnDef {
  return { ...columnDef(0, name, blankShape(type), true), ...extra }
}

/** Column kinds whose writer differs (by type or fixed binary type), and a few plain ones. */
const COLUMNS: (() => ColumnDef)[] = [
  () => col('i', ColumnType.LONG),
  () => col('b', ColumnType.LONGLONG, { unsigned: true }),
  () => col('d', ColumnType.DOUBLE),
  () => col('n', ColumnType.NEWDECIMAL, { precision: 12, scale: 2 }),
  () => col('s', ColumnType.VARCHAR),
  () => col('blob', ColumnType.BLOB, { collation: 63 }),
  () => col('dt', ColumnType.DATETIME2, { fsp: 6 }),
  () => col('dt0', ColumnType.DATETIME),
  () => col('ts', ColumnType.TIMESTAMP2, { fsp: 3 }),
  () => col('ts0', ColumnType.TIMESTAMP),
  () => col('day', ColumnType.DATE),
  () => col('t', ColumnType.TIME2),
  () => col('set', ColumnType.SET),
  () => col('u', ColumnType.STRING, { fixedBinaryType: 'uuid' }),
  () => col('a6', ColumnType.STRING, { fixedBinaryType: 'inet6' }),
  () => col('a4', ColumnType.STRING, { fixedBinaryType: 'inet4' }),
  () => col('j', ColumnType.JSON),
]

const UNITS = [
  0, 1, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1f, 0x20, 0x22, 0x27, 0x2f, 0x5c, 0x7e, 0x7f, 0x80, 0xe9, 0x7ff, 0x800, 0x2028, 0x2029,
  0xd7ff,
]
const NUMBERS = [
  0,
  -0,
  1,
  -1,
  9,
  10,
  99,
  100,
  -2147483648,
  2147483647,
  2147483648,
  4294967295,
  2 ** 53 - 1,
  -(2 ** 53 - 1),
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  1e21,
  1e-7,
  0.1,
  1.5,
  -2.5e-300,
  5e-324,
  1.7976931348623157e308,
  3.141590118408203,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
]
const BIGINTS = [
  0n,
  1n,
  -1n,
  9007199254740991n,
  -9007199254740991n,
  9007199254740992n,
  -9007199254740992n,
  18446744073709551615n,
  -9223372036854775808n,
  2n ** 200n,
  -(3n ** 150n),
]

function generator(rand: () => number) {
  const int = (n: number) => Math.floor(rand() * n)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]
  const unit = (): number => {
    const r = rand()
    if (r < 0.5) return 0x20 + int(0x5f)
    if (r < 0.7) return pick(UNITS)
    if (r < 0.8) return 0xd800 + int(0x800) // lone or paired surrogates, either order
    if (r < 0.9) return int(0x10000)
    return 0x80 + int(0x780)
  }
  const text = (max: number): string => {
    const n = int(max + 1)
    let s = ''
    for (let i = 0; i < n; i++) {
      if (rand() < 0.1)
        s += String.fromCodePoint(0x10000 + int(0xfffff)) // a well-formed pair
      else s += String.fromCharCode(unit())
    }
    return s
  }
  const bytes = (n: number): Uint8Array => {
    // Sometimes a view into a larger buffer, at an odd offset.
    const whole = new Uint8Array(n + 5)
    for (let i = 0; i < whole.length; i++) whole[i] = int(256)
    return rand() < 0.5 ? whole.subarray(3, 3 + n) : whole.slice(0, n)
  }
  const number = (): number => {
    const r = rand()
    if (r < 0.4) return pick(NUMBERS)
    if (r < 0.7) return int(2 ** 31) * (rand() < 0.5 ? -1 : 1)
    if (r < 0.8) return Math.fround((rand() - 0.5) * 10 ** int(30))
    return (rand() - 0.5) * 10 ** (int(600) - 300)
  }
  const bigint = (): bigint => {
    if (rand() < 0.5) return pick(BIGINTS) + BigInt(int(3) - 1)
    return BigInt(Math.floor((rand() - 0.5) * 2 ** 53)) * BigInt(int(2 ** 20) + 1)
  }
  const temporal = (): string =>
    pick([
      '2024-02-29 12:34:56.789012',
      '0000-00-00 00:00:00',
      '2038-01-19 03:14:07.99',
      '2024-02-29',
      '-838:59:59.999999',
      '12:00:00',
      ' a b ',
      'ü 1',
    ])

  /** Any kind of cell, whatever the column: a writer must equal the old one for every input. */
  const cell = (c: ColumnDef): Exclude<Cell, undefined> => {
    if (c.fixedBinaryType && rand() < 0.7) return bytes(c.fixedBinaryType === 'inet4' ? 4 : 16)
    if ((c.type === ColumnType.DATETIME2 || c.type === ColumnType.TIMESTAMP2) && rand() < 0.6) return temporal()
    // A JSON document from the binlog: its text's UTF-8 (a lone surrogate has none: it becomes U+FFFD).
    if (c.type === ColumnType.JSON && rand() < 0.7) {
      // Where the decoder leaves it: amid other documents' bytes.
      const utf8 = Buffer.from(text(rand() < 0.9 ? 40 : 300), 'utf8')
      return JsonText.of(Buffer.concat([Buffer.from('{"x": 1}'), utf8, Buffer.from('[]')]), 8, 8 + utf8.length)
    }
    switch (int(8)) {
      case 0:
        return null
      case 1:
        return number()
      case 2:
        return bigint()
      case 3:
        return text(rand() < 0.9 ? 12 : 300)
      case 4:
        return bytes(int(12))
      case 5:
        return Array.from({ length: int(4) }, () => text(6))
      case 6:
        return Array.from({ length: int(4) }, number)
      default:
        return temporal()
    }
  }

  const table = (): SourceTable => {
    const columns = Array.from({ length: 1 + int(6) }, (_, i) => ({ ...pick(COLUMNS)(), index: i, name: rand() < 0.2 ? text(5) : `c${i}` }))
    const keyed = rand() < 0.7
    const primaryKey = keyed ? columns.map((_, i) => i).filter(() => rand() < 0.4) : []
    return { database: rand() < 0.2 ? text(4) : 'db', table: rand() < 0.2 ? text(4) : 't', columns, primaryKey }
  }

  const row = (t: SourceTable, partial: boolean): Cell[] => t.columns.map((c) => (partial && rand() < 0.3 ? undefined : cell(c)))

  const change = (t: SourceTable): RowChange => {
    const kind = pick(['insert', 'snapshot', 'update', 'delete'] as const)
    const partial = rand() < 0.2
    return {
      kind,
      table: t,
      before: kind === 'update' || kind === 'delete' ? row(t, partial) : null,
      after: kind === 'delete' ? null : row(t, partial),
      version: rand() < 0.9 ? BigInt(int(1e9)) : bigint(),
      gtid: rand() < 0.3 ? null : `3e11fa47-71ca-11e1-9e33-c80aa9429562:${int(1000)}`,
      position: rand() < 0.3 ? null : `binlog.00000${int(9)}:${int(1e6)}`,
      timestampMs: rand() < 0.2 ? 0 : 1_700_000_000_000 + int(1e9),
    }
  }
  return { text, table, change, rand, int }
}

/** The line's bytes and where its body ends, from either encoder. */
function encoded(write: (out: LineBuffer) => number): { bytes: string; bodyEnd: number } {
  const out = new LineBuffer(16)
  const bodyEnd = write(out)
  return { bytes: Buffer.from(out.view(0, out.pos)).toString('hex'), bodyEnd }
}

describe('lines as bytes', () => {
  test(`equal the string encoder's lines, byte for byte (seed ${SEED})`, () => {
    const g = generator(seeded(SEED))
    let lines = 0
    for (let round = 0; round < 300; round++) {
      const includeBefore = g.rand() < 0.5
      const now = new FeedLineEncoder({ includeBefore })
      const old = new ReferenceLineEncoder({ includeBefore })
      const tables = Array.from({ length: 3 }, g.table)
      for (let i = 0; i < 40; i++) {
        const c = g.change(tables[g.int(tables.length)])
        const got = encoded((out) => now.row(c, out))
        const want = encoded((out) => old.row(c, out))
        if (got.bytes !== want.bytes || got.bodyEnd !== want.bodyEnd) {
          expect({ round, i, ...got }).toEqual({ round, i, ...want })
        }
        lines++
      }
      const ddl = {
        database: g.text(6),
        statement: g.text(40),
        changes: [],
        before: [],
        gtid: g.rand() < 0.5 ? null : g.text(10),
        position: g.rand() < 0.5 ? null : g.text(10),
        timestampMs: g.rand() < 0.2 ? 0 : 1_700_000_000_000,
      }
      const version = BigInt(g.int(1e6))
      expect(encoded((out) => now.ddl(ddl, version, out))).toEqual(encoded((out) => old.ddl(ddl, version, out)))
      lines++
    }
    expect(lines).toBe(300 * 41)
  })

  test('strings, and text given as UTF-8, are JSON.stringify in UTF-8, also across a buffer that grows mid-string', () => {
    const g = generator(seeded(SEED + 1))
    for (let i = 0; i < 2000; i++) {
      const s = g.text(i % 100 === 0 ? 5000 : 40)
      const out = new LineBuffer(1)
      out.pos = 0
      writeString(out, s)
      expect(Buffer.from(out.view(0, out.pos)).toString('hex')).toBe(Buffer.from(JSON.stringify(s)).toString('hex'))
    }
    for (let i = 0; i < 2000; i++) {
      const utf8 = Buffer.from(g.text(i % 100 === 0 ? 5000 : 40), 'utf8')
      const out = new LineBuffer(1)
      writeUtf8String(out, utf8, 0, utf8.length)
      expect(Buffer.from(out.view(0, out.pos)).toString('hex')).toBe(Buffer.from(JSON.stringify(utf8.toString())).toString('hex'))
    }
    const lone = new LineBuffer(1)
    writeString(lone, '\ud800a\udc00\u0000\u007f')
    expect(Buffer.from(lone.view(0, lone.pos)).toString()).toBe('"\\ud800a\\udc00\\u0000\u007f"')
  })
})
