// The type mapping on the ColumnDefs real TABLE_MAP events carry (fixtures/column-defs.json,
// both servers): every family column's ClickHouse type and encoder kind, overrides accepted and
// refused, and the documentation table covering every mapped type.

import { describe, expect, test } from 'bun:test'
import type { ColumnDef } from '../../../src/model/index.ts'
import {
  type MapOptions,
  TYPE_MAPPING_DOC,
  TypeMappingError,
  mapColumn,
  parseClickHouseType,
  printClickHouseType,
} from '../../../src/schema/types/index.ts'
import fixture from './fixtures/column-defs.json'

type Tables = Record<string, ColumnDef[]>
const SERVERS = { mysql: fixture.mysql as unknown as Tables, mariadb: fixture.mariadb as unknown as Tables }
const STRING: MapOptions = { jsonType: 'String' }

const column = (tables: Tables, table: string, name: string): ColumnDef => {
  const c = tables[table].find((x) => x.name === name)
  if (!c) throw new Error(`no ${table}.${name} in the fixture`)
  return c
}

// Every column of every family: [ClickHouse type, encoder kind].
const EXPECTED: Record<string, Record<string, [string, string]>> = {
  f_integers: {
    id: ['Int32', 'int32'],
    ti: ['Nullable(Int8)', 'int8'],
    tu: ['Nullable(UInt8)', 'uint8'],
    si: ['Nullable(Int16)', 'int16'],
    su: ['Nullable(UInt16)', 'uint16'],
    mi: ['Nullable(Int32)', 'int32'],
    mu: ['Nullable(UInt32)', 'uint32'],
    i: ['Nullable(Int32)', 'int32'],
    iu: ['Nullable(UInt32)', 'uint32'],
    bi: ['Nullable(Int64)', 'int64'],
    bu: ['Nullable(UInt64)', 'uint64'],
    b1: ['Nullable(Int8)', 'int8'],
  },
  f_decimals: {
    d65: ['Nullable(Decimal(65, 30))', 'decimal'],
    d10: ['Nullable(Decimal(10, 2))', 'decimal'],
    d5: ['Nullable(Decimal(5, 0))', 'decimal'],
    d18: ['Nullable(Decimal(18, 9))', 'decimal'],
    d9: ['Nullable(Decimal(9, 9))', 'decimal'],
    d20: ['Nullable(Decimal(20, 0))', 'decimal'],
    n30: ['Nullable(Decimal(30, 10))', 'decimal'],
    d1: ['Nullable(Decimal(1, 0))', 'decimal'],
  },
  f_floats: {
    f: ['Nullable(Float32)', 'float32'],
    d: ['Nullable(Float64)', 'float64'],
    fu: ['Nullable(Float32)', 'float32'],
    r: ['Nullable(Float64)', 'float64'],
  },
  f_bits: Object.fromEntries(['b1', 'b7', 'b8', 'b17', 'b33', 'b64'].map((n) => [n, ['Nullable(UInt64)', 'uint64']])),
  f_temporal: {
    d: ['Nullable(Date32)', 'date32'],
    dt0: ["Nullable(DateTime64(0, 'UTC'))", 'datetime64'],
    dt1: ["Nullable(DateTime64(1, 'UTC'))", 'datetime64'],
    dt3: ["Nullable(DateTime64(3, 'UTC'))", 'datetime64'],
    dt6: ["Nullable(DateTime64(6, 'UTC'))", 'datetime64'],
    ts0: ["Nullable(DateTime64(0, 'UTC'))", 'datetime64'],
    ts2: ["Nullable(DateTime64(2, 'UTC'))", 'datetime64'],
    ts5: ["Nullable(DateTime64(5, 'UTC'))", 'datetime64'],
    ts6: ["Nullable(DateTime64(6, 'UTC'))", 'datetime64'],
    ...Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((p) => [`t${p}`, [`Nullable(Time64(${p}))`, 'time64']])),
    y: ['Nullable(UInt16)', 'uint16'],
  },
  f_strings: Object.fromEntries(
    [
      'c',
      'vc',
      'c255',
      'mb3',
      'l1',
      'l1c',
      'u2',
      'u16',
      'u16le',
      'u32',
      'asc1',
      'cp',
      'sj',
      'gb',
      'cbin',
      'tt',
      'tx',
      'mt',
      'lt',
      'tl1',
    ].map((n) => [n, ['Nullable(String)', 'string']]),
  ),
  f_binaries: Object.fromEntries(['bn', 'bn1', 'vb', 'tb', 'bl', 'mb', 'lb', 'cb'].map((n) => [n, ['Nullable(String)', 'string']])),
  f_enums_sets: {
    e: ['LowCardinality(Nullable(String))', 'string'],
    s: ['Array(LowCardinality(String))', 'set'],
    s64: ['Array(LowCardinality(String))', 'set'],
    e300: ['LowCardinality(Nullable(String))', 'string'],
    el1: ['LowCardinality(Nullable(String))', 'string'],
  },
  f_json: { j: ['Nullable(String)', 'string'], j2: ['Nullable(String)', 'string'] },
  f_json_text: { j: ['Nullable(String)', 'string'], j2: ['Nullable(String)', 'string'] },
  f_geometry: Object.fromEntries(['g', 'p', 'pl', 'ls', 'gc'].map((n) => [n, ['Nullable(String)', 'wkt']])),
  f_geometry_srid: { p: ['Nullable(String)', 'wkt'], g: ['Nullable(String)', 'wkt'] },
  f_vectors: { v: ['Array(Float32)', 'vector'], v1: ['Array(Float32)', 'vector'] },
}

describe.each(Object.entries(SERVERS))('%s TABLE_MAP columns', (flavor, tables) => {
  test('map to the documented ClickHouse types', () => {
    const got: Record<string, Record<string, [string, string]>> = {}
    const want: Record<string, Record<string, [string, string]>> = {}
    for (const [table, cols] of Object.entries(tables)) {
      got[table] = {}
      for (const c of cols) {
        const t = mapColumn(c, STRING)
        expect(t.name).toBe(c.name)
        expect(t.source).toBe(c)
        got[table][c.name] = [t.type, t.kind]
      }
      want[table] = { id: ['Int32', 'int32'], ...EXPECTED[table] }
    }
    expect(got).toEqual(want)
    expect(Object.keys(got).length).toBe(flavor === 'mysql' ? 12 : 10)
  })

  test('decimals carry their scale and width', () => {
    const d = (n: string) => mapColumn(column(tables, 'f_decimals', n), STRING)
    expect([d('d65'), d('d10'), d('d18'), d('d20'), d('d1')].map((t) => [t.precision, t.scale, t.bytes])).toEqual([
      [65, 30, 32],
      [10, 2, 8],
      [18, 9, 8],
      [20, 0, 16],
      [1, 0, 4],
    ])
  })

  test('json_type = JSON', () => {
    if (flavor === 'mysql')
      expect(mapColumn(column(tables, 'f_json', 'j'), { jsonType: 'JSON' })).toMatchObject({ type: 'Nullable(JSON)', kind: 'json' })
    // MariaDB's JSON is LONGTEXT in the binlog: it stays a String unless overridden.
    else
      expect(mapColumn(column(tables, 'f_json_text', 'j'), { jsonType: 'JSON' })).toMatchObject({
        type: 'Nullable(String)',
        kind: 'string',
      })
  })

  test('overrides the encoder can produce are accepted, in ClickHouse spelling', () => {
    const o = (table: string, name: string, override: string) => {
      const t = mapColumn(column(tables, table, name), { jsonType: 'String', override })
      return [t.type, t.kind]
    }
    expect(o('f_integers', 'b1', 'Bool')).toEqual(['Nullable(Bool)', 'bool'])
    expect(o('f_bits', 'b1', 'bool')).toEqual(['Nullable(Bool)', 'bool'])
    expect(o('f_integers', 'id', 'Int64')).toEqual(['Int64', 'int64'])
    expect(o('f_integers', 'id', 'Nullable(String)')).toEqual(['Nullable(String)', 'text'])
    expect(o('f_integers', 'iu', 'int64')).toEqual(['Nullable(Int64)', 'int64'])
    expect(o('f_integers', 'bu', 'UInt128')).toEqual(['Nullable(UInt128)', 'uint128'])
    expect(o('f_integers', 'mi', 'Float64')).toEqual(['Nullable(Float64)', 'float64'])
    expect(o('f_bits', 'b33', 'Int64')).toEqual(['Nullable(Int64)', 'int64'])
    expect(o('f_temporal', 'y', 'Int16')).toEqual(['Nullable(Int16)', 'int16'])
    expect(o('f_decimals', 'd10', 'Decimal(38,4)')).toEqual(['Nullable(Decimal(38, 4))', 'decimal'])
    expect(o('f_temporal', 'dt3', "DateTime64( 6 , 'Europe/Berlin' )")).toEqual(["Nullable(DateTime64(6, 'Europe/Berlin'))", 'datetime64'])
    expect(o('f_temporal', 't3', 'Time64(9)')).toEqual(['Nullable(Time64(9))', 'time64'])
    expect(o('f_temporal', 'd', 'String')).toEqual(['Nullable(String)', 'text'])
    expect(o('f_strings', 'c', 'LowCardinality(String)')).toEqual(['LowCardinality(Nullable(String))', 'string'])
    expect(o('f_binaries', 'vb', 'String')).toEqual(['Nullable(String)', 'string'])
    expect(o('f_enums_sets', 's', 'Array(String)')).toEqual(['Array(String)', 'set'])
    expect(o('f_enums_sets', 's', 'String')).toEqual(['Nullable(String)', 'text'])
    expect(o('f_geometry', 'g', 'String')).toEqual(['Nullable(String)', 'wkt'])
    expect(o('f_strings', 'tx', 'JSON')).toEqual(['Nullable(JSON)', 'json'])
  })

  test('overrides it cannot produce are refused, naming the column', () => {
    const refused = (table: string, name: string, override: string): string => {
      try {
        mapColumn(column(tables, table, name), { jsonType: 'String', override })
      } catch (err) {
        expect(err).toBeInstanceOf(TypeMappingError)
        expect((err as TypeMappingError).column).toBe(name)
        return (err as Error).message
      }
      throw new Error(`${table}.${name} accepted ${override}`)
    }
    expect(refused('f_integers', 'bu', 'Int64')).toBe(
      'column bu: cannot write BIGINT UNSIGNED as "Int64": values 0..18446744073709551615 do not fit Int64',
    )
    expect(refused('f_bits', 'b64', 'Int64')).toContain('do not fit Int64')
    expect(refused('f_integers', 'ti', 'UInt8')).toContain('values -128..127 do not fit UInt8')
    expect(refused('f_integers', 'i', 'Bool')).toContain('Bool is offered for TINYINT and BIT(1)')
    expect(refused('f_bits', 'b7', 'Bool')).toContain('Bool is offered')
    expect(refused('f_integers', 'bi', 'Float64')).toContain('not every value is exact in Float64')
    expect(refused('f_floats', 'd', 'Float32')).toContain('not every value is exact')
    expect(refused('f_decimals', 'd10', 'Decimal(10, 1)')).toContain('cannot hold every DECIMAL(10,2) value')
    expect(refused('f_decimals', 'd10', 'Decimal(77, 2)')).toContain('is not a ClickHouse decimal')
    expect(refused('f_decimals', 'd10', 'Int64')).toContain('only integer, YEAR and BIT columns')
    expect(refused('f_temporal', 'dt3', 'DateTime64(0)')).toContain('precision 0 is not within 3..9')
    expect(refused('f_temporal', 'dt3', 'Date32')).toContain('only DATE columns')
    expect(refused('f_temporal', 't6', 'Time64(10)')).toContain('not within 6..9')
    expect(refused('f_temporal', 'd', 'DateTime64(3)')).toContain('only DATETIME and TIMESTAMP')
    expect(refused('f_enums_sets', 's', 'Nullable(Array(String))')).toContain('no Nullable(Array)')
    expect(refused('f_enums_sets', 'e', 'Array(String)')).toContain('Array(String) is offered for SET')
    expect(refused('f_integers', 'i', 'LowCardinality(Int32)')).toContain('LowCardinality is offered for String only')
    expect(refused('f_integers', 'i', 'JSON')).toContain('only JSON and text columns')
    expect(refused('f_integers', 'i', 'UUID')).toContain('UUID is not a type chsync can write')
    expect(refused('f_integers', 'i', 'Int64(')).toContain('override is not a ClickHouse type')
    expect(refused('f_integers', 'i', 'Int64 x')).toContain('unexpected text')
    expect(refused('f_integers', 'i', 'String(3)')).toContain('String takes no arguments')
  })

  test('every mapped type is in the documentation table', () => {
    const doc = TYPE_MAPPING_DOC.map((r) => r.clickhouse).join(' | ')
    for (const cols of Object.values(tables))
      for (const c of cols) {
        const base = mapColumn(c, STRING).type.replace(/^(LowCardinality\()?Nullable\((.*)\)\)?$/, '$1$2')
        const name = base.replace(/\(\d+(, \d+)?(, 'UTC')?\)$/, '')
        expect({ column: c.name, type: name, documented: doc.includes(name) }).toEqual({ column: c.name, type: name, documented: true })
      }
  })
})

test('ClickHouse type text parses and prints canonically', () => {
  const node = parseClickHouseType("  Nullable( DateTime64(3,'Asia/Tokyo') ) ")
  expect(typeof node).toBe('object')
  expect(printClickHouseType(node as Exclude<typeof node, string>)).toBe("Nullable(DateTime64(3, 'Asia/Tokyo'))")
  expect(parseClickHouseType("DateTime64(3, 'unterminated")).toContain('unterminated quoted string')
  expect(parseClickHouseType('')).toContain('expected a type name')
})
