// The JSON text of feed lines, byte for byte: each value kind, each change kind, row images the
// binlog gave only in part, keyless tables, DDL.

import { describe, expect, test } from 'bun:test'
import {
  blankShape,
  type ColumnDef,
  columnDef,
  ColumnType,
  type ColumnTypeCode,
  type RowChange,
  type SourceTable,
} from '../../src/model/index.ts'
import { FeedLineEncoder, bigintJson, cellJson, jsonValueWriter, lineOf, numberJson } from '../../src/sink/ndjson/index.ts'

function col(name: string, type: ColumnTypeCode, extra: Partial<ColumnDef> = {}): ColumnDef {
  return { ...columnDef(0, name, blankShape(type), true), ...extra }
}

describe('values', () => {
  test('numbers keep their exact value and the sign of zero', () => {
    expect(numberJson(0)).toBe('0')
    expect(numberJson(-0)).toBe('-0')
    expect(numberJson(3.141590118408203)).toBe('3.141590118408203')
    expect(numberJson(1.7976931348623157e308)).toBe('1.7976931348623157e+308')
    expect(numberJson(5e-324)).toBe('5e-324')
    expect(numberJson(Number.NaN)).toBe('"NaN"')
    expect(JSON.parse(numberJson(-0))).toBe(-0)
  })

  test('64-bit integers are numbers while a double holds them exactly, strings beyond', () => {
    expect(bigintJson(9007199254740991n)).toBe('9007199254740991')
    expect(bigintJson(-9007199254740991n)).toBe('-9007199254740991')
    expect(bigintJson(9007199254740992n)).toBe('"9007199254740992"')
    expect(bigintJson(-9223372036854775808n)).toBe('"-9223372036854775808"')
    expect(bigintJson(18446744073709551615n)).toBe('"18446744073709551615"')
  })

  test('bytes as base64, SET and VECTOR as arrays, text escaped', () => {
    expect(cellJson(new Uint8Array([0, 255, 1]))).toBe('"AP8B"')
    expect(cellJson(new Uint8Array(Buffer.from('xxabcxx').subarray(2, 5)))).toBe('"YWJj"')
    expect(cellJson(new Uint8Array(0))).toBe('""')
    expect(cellJson(['a', "it's", 'ü'])).toBe('["a","it\'s","ü"]')
    expect(cellJson([])).toBe('[]')
    expect(cellJson([1.5, -2, 0.10000000149011612])).toBe('[1.5,-2,0.10000000149011612]')
    expect(cellJson('tab\there "q" \\ 😀\u0000')).toBe('"tab\\there \\"q\\" \\\\ 😀\\u0000"')
    expect(cellJson('-99999999999999999999.9999999999')).toBe('"-99999999999999999999.9999999999"')
    expect(cellJson(null)).toBe('null')
  })

  test('DATETIME as ISO local time, TIMESTAMP as ISO UTC, DATE and TIME as printed', () => {
    expect(jsonValueWriter(col('d', ColumnType.DATETIME2))('2024-02-29 12:34:56.789012')).toBe('"2024-02-29T12:34:56.789012"')
    expect(jsonValueWriter(col('d', ColumnType.DATETIME2))('0000-00-00 00:00:00')).toBe('"0000-00-00T00:00:00"')
    expect(jsonValueWriter(col('t', ColumnType.TIMESTAMP2))('2038-01-19 03:14:07.99')).toBe('"2038-01-19T03:14:07.99Z"')
    expect(jsonValueWriter(col('t', ColumnType.TIMESTAMP2))(null)).toBe('null')
    expect(jsonValueWriter(col('d', ColumnType.DATE))('1000-01-01')).toBe('"1000-01-01"')
    expect(jsonValueWriter(col('t', ColumnType.TIME2))('-838:59:59.999999')).toBe('"-838:59:59.999999"')
  })

  test("MariaDB's UUID, INET6 and INET4 in their text form", () => {
    const uuid = Buffer.from('123e4567e89b12d3a456426655440000', 'hex')
    expect(jsonValueWriter(col('u', ColumnType.STRING, { fixedBinaryType: 'uuid' }))(uuid)).toBe('"123e4567-e89b-12d3-a456-426655440000"')
    expect(
      jsonValueWriter(col('a', ColumnType.STRING, { fixedBinaryType: 'inet6' }))(Buffer.from('20010db8000000000000000000000001', 'hex')),
    ).toBe('"2001:db8::1"')
    expect(jsonValueWriter(col('a', ColumnType.STRING, { fixedBinaryType: 'inet4' }))(Buffer.from([10, 0, 0, 1]))).toBe('"10.0.0.1"')
    expect(jsonValueWriter(col('a', ColumnType.STRING, { fixedBinaryType: 'inet4' }))(null)).toBe('null')
    expect(jsonValueWriter(col('b', ColumnType.STRING, { collation: 63 }))(uuid)).toBe(`"${uuid.toString('base64')}"`)
  })
})

const orders: SourceTable = {
  database: 'shop',
  table: 'orders',
  columns: [
    col('id', ColumnType.LONG),
    col('total', ColumnType.NEWDECIMAL, { precision: 12, scale: 2 }),
    col('big', ColumnType.LONGLONG, { unsigned: true }),
    col('at', ColumnType.TIMESTAMP2, { fsp: 3 }),
  ],
  primaryKey: [0],
}
const keyless: SourceTable = {
  database: 'shop',
  table: 'log',
  columns: [col('a', ColumnType.LONG), col('b', ColumnType.VARCHAR)],
  primaryKey: [],
}

function change(c: Partial<RowChange>): RowChange {
  return {
    kind: 'insert',
    table: orders,
    before: null,
    after: null,
    version: 42n,
    gtid: 'uuid:7',
    position: 'binlog.000003:1234',
    timestampMs: Date.UTC(2024, 4, 1, 10),
    ...c,
  }
}

const HEAD = '"schema":"shop","table":"orders"'
const COLS = '"columnnames":["id","total","big","at"],"columntypes":["INT","DECIMAL(12,2)","BIGINT UNSIGNED","TIMESTAMP(3)"]'
const TAIL = '"gtid":"uuid:7","position":"binlog.000003:1234","version":42,"ts":"2024-05-01T10:00:00.000Z"}\n'

describe('lines', () => {
  const enc = new FeedLineEncoder({ includeBefore: false })
  const row = (e: FeedLineEncoder, c: RowChange) => lineOf((out) => e.row(c, out)).text

  test('insert and snapshot_insert', () => {
    const after = [7, '10.50', 18446744073709551615n, '2024-01-01 00:00:00.123']
    expect(row(enc, change({ after }))).toBe(
      `{"kind":"insert",${HEAD},${COLS},"columnvalues":[7,"10.50","18446744073709551615","2024-01-01T00:00:00.123Z"],${TAIL}`,
    )
    const snap = row(enc, change({ kind: 'snapshot', after, gtid: null, position: null, version: 3n }))
    expect(snap).toBe(
      `{"kind":"snapshot_insert",${HEAD},${COLS},"columnvalues":[7,"10.50","18446744073709551615","2024-01-01T00:00:00.123Z"],"gtid":null,"position":null,"version":3,"ts":"2024-05-01T10:00:00.000Z"}\n`,
    )
  })

  test('update with the old key, and the before image when asked', () => {
    const before = [7, '10.50', 1n, null]
    const after = [8, '10.50', 1n, null]
    const values = '"columnvalues":[8,"10.50",1,null],"oldkeys":{"keynames":["id"],"keyvalues":[7]}'
    expect(row(enc, change({ kind: 'update', before, after }))).toBe(`{"kind":"update",${HEAD},${COLS},${values},${TAIL}`)
    const withBefore = row(new FeedLineEncoder({ includeBefore: true }), change({ kind: 'update', before, after }))
    expect(withBefore).toBe(
      `{"kind":"update",${HEAD},${COLS},${values},"before":{"columnnames":["id","total","big","at"],"columnvalues":[7,"10.50",1,null]},${TAIL}`,
    )
  })

  test('delete: the old key only; a keyless table keys by every column', () => {
    expect(row(enc, change({ kind: 'delete', before: [7, '1.00', 2n, null] }))).toBe(
      `{"kind":"delete",${HEAD},"oldkeys":{"keynames":["id"],"keyvalues":[7]},${TAIL}`,
    )
    expect(row(enc, change({ kind: 'delete', table: keyless, before: [1, 'x'] }))).toBe(
      `{"kind":"delete","schema":"shop","table":"log","oldkeys":{"keynames":["a","b"],"keyvalues":[1,"x"]},${TAIL}`,
    )
  })

  test('columns missing from a partial row image are left out', () => {
    const line = row(
      enc,
      change({ kind: 'update', before: [7, undefined, undefined, undefined], after: [7, '2.00', undefined, undefined] }),
    )
    expect(line).toBe(
      `{"kind":"update",${HEAD},"columnnames":["id","total"],"columntypes":["INT","DECIMAL(12,2)"],"columnvalues":[7,"2.00"],"oldkeys":{"keynames":["id"],"keyvalues":[7]},${TAIL}`,
    )
  })

  test('ddl; unknown time is null; ts is the last field, after the body', () => {
    const ddl = lineOf((out) =>
      enc.ddl(
        {
          database: 'shop',
          statement: 'ALTER TABLE orders ADD c INT',
          changes: [],
          before: [],
          gtid: null,
          position: null,
          timestampMs: 0,
        },
        9n,
        out,
      ),
    )
    expect(ddl.text).toBe(
      '{"kind":"ddl","schema":"shop","statement":"ALTER TABLE orders ADD c INT","gtid":null,"position":null,"version":9,"ts":null}\n',
    )
    expect(ddl.body).toBe(
      '{"kind":"ddl","schema":"shop","statement":"ALTER TABLE orders ADD c INT","gtid":null,"position":null,"version":9',
    )
  })
})
