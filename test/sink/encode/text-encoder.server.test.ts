// The copy's text-to-RowBinary encoders against the Cell path they stand in for
// (parseSnapshotCell, then columnEncoder): for every value of every type family on the real
// servers, and for edge values of each fast path, the same bytes, the same error, the same clamps.

import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type mysql from 'mysql2/promise'
import { CharsetRegistry } from '../../../src/binlog/index.ts'
import { blankShape, type ColumnDef, columnDef, ColumnType } from '../../../src/model/index.ts'
import { describeSourceTable } from '../../../src/schema/source/index.ts'
import { type TargetColumn, mapColumn } from '../../../src/schema/types/index.ts'
import {
  ClampCounter,
  RowBinaryWriter,
  columnEncoder,
  encodeTextRow,
  isUtf8,
  textValueEncoder,
} from '../../../src/sink/clickhouse/encode/index.ts'
import { parseSnapshotCell, snapshotSelectList } from '../../../src/source/index.ts'
import { selectRaw } from '../../binlog/support/server-text.ts'
import { familiesFor } from '../../binlog/support/type-families.ts'
import { SERVERS, flavorOf, freshDatabase } from '../../support/servers.ts'
import { seeded } from '../../support/random.ts'
import { columnNames } from './support/families.ts'

type Outcome = { bytes: string; clamps: number } | { error: string }

/** Encodes `raw` (the value as the server sends it, null for NULL) both ways, each at an offset inside a bigger buffer. */
function both(t: TargetColumn, raw: Buffer | null, charsets?: CharsetRegistry): { fast: Outcome; cells: Outcome } {
  const run = (f: (w: RowBinaryWriter, clamps: ClampCounter) => void): Outcome => {
    const w = new RowBinaryWriter(4)
    w.u8(0xaa)
    const clamps = new ClampCounter()
    try {
      f(w, clamps)
    } catch (err) {
      return { error: `${(err as Error).name}: ${(err as Error).message}` }
    }
    return { bytes: w.bytes().toString('hex'), clamps: clamps.total }
  }
  const padded = raw === null ? Buffer.from('zz') : Buffer.concat([Buffer.from('zz'), raw, Buffer.from('zz')])
  return {
    fast: run((w, clamps) => textValueEncoder(t, clamps, charsets)(w, padded, raw === null ? -1 : 2, raw === null ? -1 : 2 + raw.length)),
    cells: run((w, clamps) => columnEncoder(t, clamps)(w, parseSnapshotCell(raw, t.source, charsets))),
  }
}

const BASE: ColumnDef = columnDef(0, 'c', blankShape(ColumnType.NULL))
const target = (c: Partial<ColumnDef>, override?: string): TargetColumn => mapColumn({ ...BASE, ...c }, { jsonType: 'String', override })

function expectSame(t: TargetColumn, values: (string | Buffer | null)[], charsets?: CharsetRegistry): void {
  for (const v of values) {
    const raw = v === null ? null : typeof v === 'string' ? Buffer.from(v, 'latin1') : v
    const { fast, cells } = both(t, raw, charsets)
    expect({ type: t.type, value: raw?.toString('hex') ?? null, out: fast }).toEqual({
      type: t.type,
      value: raw?.toString('hex') ?? null,
      out: cells,
    })
  }
}

describe.each(SERVERS)('%s: every type family', (server) => {
  const flavor = flavorOf(server)
  let db: string
  let sql: mysql.Connection
  let charsets: CharsetRegistry
  beforeAll(async () => {
    const fresh = await freshDatabase(server, 't_text_enc')
    db = fresh.name
    sql = fresh.sql
    await sql.query("SET SESSION sql_mode = ''")
    for (const f of familiesFor(flavor)) {
      await sql.query(`CREATE TABLE f_${f.name} (id INT PRIMARY KEY, ${f.columns.join(', ')})`)
      await sql.query(
        `INSERT INTO f_${f.name} (id, ${columnNames(f).join(', ')}) VALUES ${f.rows.map((r, i) => `(${i + 1}, ${r.slice(1)}`).join(', ')}`,
      )
    }
    const [rows] = await sql.query('SELECT ID AS id, CHARACTER_SET_NAME AS cs FROM information_schema.COLLATIONS WHERE ID IS NOT NULL')
    charsets = new CharsetRegistry((rows as { id: number; cs: string }[]).map((r) => [Number(r.id), r.cs]))
  })
  afterAll(() => sql?.end())

  for (const withRegistry of [true, false]) {
    test(`the same bytes as the Cell path (${withRegistry ? "the server's collations" : 'built-in charset list'})`, async () => {
      const query = async (text: string, params: string[]) => (await sql.query(text, params))[0] as Record<string, unknown>[]
      const cs = withRegistry ? charsets : undefined
      let compared = 0
      for (const f of familiesFor(flavor)) {
        const { columns } = await describeSourceTable(query, db, `f_${f.name}`)
        const raw = await selectRaw(server, `SELECT ${snapshotSelectList(columns, cs)} FROM \`${db}\`.\`f_${f.name}\` ORDER BY id`)
        for (const jsonType of ['String', 'JSON'] as const) {
          const targets = columns.map((c) => mapColumn(c, { jsonType }))
          for (const row of raw)
            row.forEach((v, i) => {
              compared++
              const { fast, cells } = both(targets[i], v, cs)
              expect({ table: f.name, column: columns[i].name, value: v?.toString('hex') ?? null, out: fast }).toEqual({
                table: f.name,
                column: columns[i].name,
                value: v?.toString('hex') ?? null,
                out: cells,
              })
            })
        }
      }
      expect(compared).toBeGreaterThan(600)
    })
  }
})

describe('edge values of the fast paths', () => {
  const ints = [
    '0',
    '-0',
    '1',
    '-1',
    '127',
    '-128',
    '255',
    '256',
    '-129',
    '65535',
    '2147483647',
    '-2147483648',
    '4294967295',
    '9999999999',
    '12345678901',
    '',
    '-',
    '1a',
    ' 1',
    '+1',
    '１',
  ]
  test.each([
    ['TINYINT', { type: ColumnType.TINY }],
    ['TINYINT UNSIGNED', { type: ColumnType.TINY, unsigned: true }],
    ['SMALLINT', { type: ColumnType.SHORT }],
    ['MEDIUMINT UNSIGNED', { type: ColumnType.INT24, unsigned: true }],
    ['INT', { type: ColumnType.LONG }],
    ['INT UNSIGNED NULL', { type: ColumnType.LONG, unsigned: true, nullable: true }],
    ['YEAR', { type: ColumnType.YEAR }],
  ] as [string, Partial<ColumnDef>][])('%s', (_, c) => expectSame(target(c), [...ints, null]))

  test('BIGINT, signed and unsigned, through the 15-digit boundary', () => {
    const big = [
      '0',
      '-1',
      '999999999999999',
      '-999999999999999',
      '1000000000000000',
      '9007199254740991',
      '9007199254740993',
      '-9223372036854775808',
      '9223372036854775807',
      '18446744073709551615',
      '123456789012345678901',
      '-',
      '',
      'x',
    ]
    expectSame(target({ type: ColumnType.LONGLONG }), [...big, null])
    expectSame(target({ type: ColumnType.LONGLONG, unsigned: true, nullable: true }), [...big, null])
    expectSame(target({ type: ColumnType.LONGLONG }, 'Int128'), big)
  })

  test('DOUBLE and FLOAT: shortest texts of many doubles, exponents, 17 digits, junk', () => {
    const values: string[] = [
      '0',
      '-0',
      '0.1',
      '-0.1',
      '1e308',
      '1.7976931348623157e308',
      '5e-324',
      '2.2250738585072014e-308',
      '-1e-300',
      '9007199254740993',
      '123456789012345678',
      '0.30000000000000004',
      '1.',
      '.5',
      '',
      '-',
      'nan',
      'inf',
      '1e',
      '1..2',
      '0.0000000000000000000001',
      '0.00000000000000000000001',
    ]
    const next = seeded(0x12345678)
    for (let i = 0; i < 3000; i++) {
      const mant = next() * 10 ** Math.floor(next() * 12)
      values.push(String(mant), String(-mant / 7), (next() * 1e6).toFixed(Math.floor(next() * 10)), String(Math.fround(next() * 1000)))
    }
    expectSame(target({ type: ColumnType.DOUBLE, nullable: true }), [...values, null])
    expectSame(target({ type: ColumnType.FLOAT }), values)
  })

  test('DECIMAL: scales, widths, more digits than allowed, junk', () => {
    const values = [
      '0',
      '-0',
      '0.00',
      '1.5',
      '-1.50',
      '99999999.99',
      '-99999999.99',
      '123456789.99',
      '1.234',
      '00012.30',
      '1e5',
      '',
      '-',
      '.5',
      '5.',
      '1..2',
      '0.01',
      '-0.01',
    ]
    for (const [p, s] of [
      [10, 2],
      [5, 0],
      [18, 9],
      [9, 9],
      [20, 0],
      [38, 10],
      [65, 30],
    ])
      expectSame(target({ type: ColumnType.NEWDECIMAL, precision: p, scale: s, nullable: true }), [
        ...values,
        '99999999999999999999',
        '-' + '9'.repeat(38),
        null,
      ])
  })

  test('DATETIME and TIMESTAMP: every precision, range ends, zero and invalid dates, junk', () => {
    const values = [
      '1970-01-01 00:00:00',
      '1900-01-01 00:00:00',
      '1899-12-31 23:59:59',
      '2299-12-31 23:59:59',
      '2300-01-01 00:00:00',
      '9999-12-31 23:59:59.999999',
      '0000-00-00 00:00:00',
      '2020-02-00 10:00:00',
      '2021-02-29 00:00:00',
      '2024-02-29 12:34:56.789012',
      '1900-02-29 00:00:00',
      '2000-02-29 00:00:00',
      '2024-01-01 24:00:00',
      '2024-01-01 23:60:00',
      '2024-01-01 12:00:00.',
      '2024-01-01 12:00:00.1234567',
      '2024-01-01T12:00:00',
      '2024-1-01 12:00:00',
      '',
      'x',
      '2262-04-11 23:47:16.854775',
      '2255-06-05 23:47:34.740991',
      '2255-06-05 23:47:34.740992',
      '1000-01-01 00:00:00.000000',
    ]
    for (const fsp of [0, 1, 3, 6]) {
      expectSame(target({ type: ColumnType.DATETIME2, fsp, nullable: true }), [...values, null])
      expectSame(target({ type: ColumnType.TIMESTAMP2, fsp }), values)
    }
    expectSame(target({ type: ColumnType.DATETIME2, fsp: 3 }, "DateTime64(9, 'UTC')"), values)
    expectSame(target({ type: ColumnType.DATETIME2, fsp: 6 }, 'String'), values)
  })

  test('DATE: range ends, zero and invalid dates, junk', () => {
    expectSame(target({ type: ColumnType.DATE, nullable: true }), [
      '1970-01-01',
      '1900-01-01',
      '1899-12-31',
      '2299-12-31',
      '2300-01-01',
      '0000-00-00',
      '2020-00-00',
      '2021-02-29',
      '2024-02-29',
      '2024-13-01',
      '2024-1-1',
      '',
      null,
    ])
  })

  // Text columns of a charset the registry decodes (45: utf8mb4_general_ci), ENUM and JSON: UTF-8 in, UTF-8 out.
  const utf8Values: Buffer[] = ['', 'plain', 'ü日本😀', 'x'.repeat(47), 'y'.repeat(48), 'é'.repeat(300)].map((s) => Buffer.from(s, 'utf8'))
  const brokenUtf8 = [
    '80',
    'c0af',
    'c2',
    'e282',
    'eda080',
    'edbfbf',
    'f4908080',
    'f5808080',
    'e0808f',
    'f08f8080',
    'ff',
    'c3a9ff',
    '61e2',
    'efbfbd',
  ].map((h) => Buffer.from(h, 'hex'))
  test.each([
    ['VARCHAR utf8mb4', { type: ColumnType.VARCHAR, collation: 45, nullable: true }],
    ['CHAR utf8mb4', { type: ColumnType.STRING, collation: 45 }],
    ['TEXT utf8mb4', { type: ColumnType.BLOB, collation: 45, meta: 2 }],
    ['ENUM', { type: ColumnType.ENUM, enumValues: ['a'] }],
    ['JSON as String', { type: ColumnType.JSON, meta: 4 }],
  ] as [string, Partial<ColumnDef>][])('%s: valid UTF-8 is copied, anything else decoded as before', (_, c) => {
    expectSame(target(c), [...utf8Values, ...brokenUtf8, ...(c.nullable ? [null] : [])])
  })

  test('bytes: VARBINARY, BLOB, CHAR in an undecodable charset; BINARY(n) padding stays with the Cell path', () => {
    const values = [Buffer.alloc(0), Buffer.from('00ff80', 'hex'), ...brokenUtf8, Buffer.alloc(70000, 0xfe)]
    expectSame(target({ type: ColumnType.VARCHAR, collation: 63, nullable: true }), [...values, null])
    expectSame(target({ type: ColumnType.BLOB, collation: 63, meta: 2 }), values)
    expectSame(target({ type: ColumnType.STRING, collation: 63, length: 4 }), [Buffer.from('01', 'hex'), Buffer.from('01020304', 'hex')])
    expectSame(target({ type: ColumnType.VARCHAR, collation: 92 }), values) // geostd8: no decoder
  })

  test('NULL in a NOT NULL column is the same error', () => {
    for (const c of [
      { type: ColumnType.LONG },
      { type: ColumnType.DOUBLE },
      { type: ColumnType.VARCHAR, collation: 45 },
      { type: ColumnType.DATETIME2, fsp: 6 },
    ] as Partial<ColumnDef>[])
      expect(both(target(c), null).fast).toEqual(both(target(c), null).cells)
    expect(both(target({ type: ColumnType.LONG }), null).fast).toEqual({
      error: 'EncodeError: column c: NULL in a column that is NOT NULL at the source',
    })
  })

  // The reference is what the Cell path does: Buffer's UTF-8 decoding (which, unlike TextDecoder, keeps a BOM).
  test('isUtf8 agrees with decoding and encoding again, on every 1-, 2- and 3-byte string over a few lead bytes', () => {
    const leads = [
      0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff,
    ]
    let checked = 0
    for (const a of leads)
      for (let b = 0; b < 256; b++)
        for (const c of [0x00, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0]) {
          for (const bytes of [Buffer.from([a]), Buffer.from([a, b]), Buffer.from([a, b, c]), Buffer.from([a, b, c, 0x80])]) {
            const roundTrip = Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)
            expect({ hex: bytes.toString('hex'), valid: isUtf8(bytes, 0, bytes.length) }).toEqual({
              hex: bytes.toString('hex'),
              valid: roundTrip,
            })
            checked++
          }
        }
    expect(checked).toBe(leads.length * 256 * 8 * 4)
  })

  test('a row: values at their offsets, then _version and _is_deleted; a failing value leaves the writer as it was', () => {
    const cols = [
      target({ type: ColumnType.LONG }),
      target({ type: ColumnType.VARCHAR, collation: 45, nullable: true }),
      target({ type: ColumnType.DATE }),
    ]
    const enc = cols.map((c) => textValueEncoder(c))
    const buf = Buffer.from('..42..hé..2024-02-29', 'utf8')
    const w = new RowBinaryWriter(8)
    encodeTextRow(w, enc, buf, Int32Array.from([2, 4, -1, -1, 11, 21]), 7n)
    expect(w.bytes().toString('hex')).toBe(
      '2a000000' + '01' + Buffer.from(Uint32Array.of(19782).buffer).toString('hex') + '0700000000000000' + '00',
    )
    const before = w.bytes().toString('hex')
    expect(() => encodeTextRow(w, enc, buf, Int32Array.from([2, 4, 6, 9, -1, -1]), 8n)).toThrow('NULL in a column that is NOT NULL')
    expect(w.bytes().toString('hex')).toBe(before)
  })
})
