// columnDefFromAst type by type, without a server: the values are those TABLE_MAP gave for the
// same columns on MySQL 9.7 and MariaDB 10.11 (table-map.server.test.ts checks them there).

import { describe, expect, test } from 'bun:test'
import { ColumnType, type ColumnDef } from '../../../src/model/index.ts'
import { columnDefFromAst, SchemaChangeError } from '../../../src/schema/changes/index.ts'
import { parseDdl, type DdlParseOptions, type ServerFlavor } from '../../../src/schema/ddl/index.ts'
import { CATALOGS, collationId } from './support/catalogs.ts'

/** The ColumnDef of the only column of `CREATE TABLE t (<column>) <table options>`. */
function def(flavor: ServerFlavor, column: string, tableCollation: string, options: DdlParseOptions = {}): ColumnDef {
  const statement = parseDdl(`CREATE TABLE t (${column})`, { flavor, ...options })
  if (statement.kind !== 'create_table') throw new Error('not a CREATE TABLE')
  return columnDefFromAst(
    statement.columns[0],
    0,
    { collations: CATALOGS[flavor], tableCollation: collationId(flavor, tableCollation) },
    flavor,
  )
}

const base = { index: 0, meta: 0, nullable: true, unsigned: false, length: 0, precision: 0, scale: 0, fsp: 0, bits: 0, visible: true }

describe('MySQL 9.7', () => {
  const my = (column: string, options?: DdlParseOptions) => def('mysql', column, 'utf8mb4_0900_ai_ci', options)

  test('character types: byte lengths, STRING metadata, collations', () => {
    expect(my('v VARCHAR(10)')).toEqual({ ...base, name: 'v', type: ColumnType.VARCHAR, meta: 40, length: 40, collation: 255 })
    // CHAR(255) in utf8mb4 is 1020 bytes: bits 8-9 of the length go, inverted, into the type byte.
    expect(my('c CHAR(255)')).toEqual({
      ...base,
      name: 'c',
      type: ColumnType.STRING,
      meta: (0xce << 8) | 0xfc,
      length: 1020,
      collation: 255,
    })
    expect(my('b BINARY(16) NOT NULL')).toEqual({
      ...base,
      name: 'b',
      type: ColumnType.STRING,
      meta: (0xfe << 8) | 16,
      length: 16,
      nullable: false,
      collation: 63,
    })
    expect(my('t TEXT(100)')).toMatchObject({ type: ColumnType.BLOB, meta: 2, length: 2, collation: 255 })
    expect(my('t TEXT(63)')).toMatchObject({ type: ColumnType.BLOB, length: 1 })
    expect(my('t TEXT(100) CHARACTER SET latin1')).toMatchObject({ type: ColumnType.BLOB, length: 1, collation: 8 })
    expect(my('l LONGBLOB')).toMatchObject({ type: ColumnType.BLOB, length: 4, collation: 63 })
    expect(my('v VARCHAR(5) BINARY')).toMatchObject({ collation: collationId('mysql', 'utf8mb4_bin') })
    expect(my('v VARCHAR(5) CHARACTER SET utf8mb4')).toMatchObject({ collation: 255 })
    expect(my('v NATIONAL VARCHAR(5)')).toMatchObject({ length: 15, collation: collationId('mysql', 'utf8mb3_general_ci') })
  })

  test('ENUM and SET: pack length, labels without trailing spaces', () => {
    expect(my("e ENUM('a ', 'b')")).toEqual({
      ...base,
      name: 'e',
      type: ColumnType.ENUM,
      meta: (247 << 8) | 1,
      length: 1,
      collation: 255,
      enumValues: ['a', 'b'],
    })
    const members = Array.from({ length: 33 }, (_, i) => `'${i}'`).join(',')
    expect(my(`s SET(${members})`)).toMatchObject({ type: ColumnType.SET, meta: (248 << 8) | 8, length: 8 })
  })

  test('numbers', () => {
    expect(my('b BOOL')).toEqual({ ...base, name: 'b', type: ColumnType.TINY })
    expect(my('s SERIAL')).toEqual({ ...base, name: 's', type: ColumnType.LONGLONG, unsigned: true, nullable: false })
    expect(my('d DECIMAL')).toEqual({ ...base, name: 'd', type: ColumnType.NEWDECIMAL, precision: 10, scale: 0, meta: 10 << 8 })
    expect(my('d NUMERIC(65,30) ZEROFILL')).toMatchObject({ precision: 65, scale: 30, meta: (65 << 8) | 30, unsigned: true })
    expect(my('f FLOAT(30)')).toMatchObject({ type: ColumnType.DOUBLE, meta: 8, length: 8 })
    expect(my('f FLOAT(7,3) UNSIGNED')).toMatchObject({ type: ColumnType.FLOAT, meta: 4, length: 4, unsigned: true })
    expect(my('r REAL')).toMatchObject({ type: ColumnType.DOUBLE })
    expect(my('r REAL', { realAsFloat: true })).toMatchObject({ type: ColumnType.FLOAT })
    expect(my('b BIT(9)')).toEqual({ ...base, name: 'b', type: ColumnType.BIT, bits: 9, meta: (1 << 8) | 1 })
    // TABLE_MAP flags every YEAR unsigned.
    expect(my('y YEAR(4) UNSIGNED')).toEqual({ ...base, name: 'y', type: ColumnType.YEAR, unsigned: true })
  })

  test('temporal types carry their fractional digits', () => {
    expect(my('t TIME')).toMatchObject({ type: ColumnType.TIME2, fsp: 0, meta: 0 })
    expect(my('d DATETIME(6)')).toMatchObject({ type: ColumnType.DATETIME2, fsp: 6, meta: 6 })
    expect(my('ts TIMESTAMP(3)')).toMatchObject({ type: ColumnType.TIMESTAMP2, fsp: 3, nullable: true })
    expect(my('ts TIMESTAMP', { explicitDefaultsForTimestamp: false })).toMatchObject({ type: ColumnType.TIMESTAMP2, nullable: false })
    expect(my('d DATE')).toMatchObject({ type: ColumnType.DATE })
  })

  test('JSON, spatial, VECTOR, invisible', () => {
    expect(my('j JSON')).toEqual({ ...base, name: 'j', type: ColumnType.JSON, meta: 4, length: 4 })
    expect(my('p POINT NOT NULL SRID 4326')).toEqual({
      ...base,
      name: 'p',
      type: ColumnType.GEOMETRY,
      meta: 4,
      length: 4,
      nullable: false,
      geometryType: 1,
    })
    expect(my('g GEOMCOLLECTION')).toMatchObject({ geometryType: 7 })
    expect(my('v VECTOR(3)')).toEqual({ ...base, name: 'v', type: ColumnType.VECTOR, meta: 4, length: 4, vectorDimensions: 3 })
    expect(my('h INT INVISIBLE')).toMatchObject({ visible: false })
  })
})

describe('MariaDB 10.11', () => {
  const maria = (column: string) => def('mariadb', column, 'utf8mb4_general_ci')

  test('JSON is LONGTEXT utf8mb4_bin; UUID, INET6, INET4 are BINARY(16), BINARY(16), BINARY(4)', () => {
    expect(maria('j JSON')).toEqual({ ...base, name: 'j', type: ColumnType.BLOB, meta: 4, length: 4, collation: 46 })
    expect(maria('u UUID')).toEqual({
      ...base,
      name: 'u',
      type: ColumnType.STRING,
      meta: (0xfe << 8) | 16,
      length: 16,
      collation: 63,
      fixedBinaryType: 'uuid',
    })
    expect(maria('i INET6')).toEqual({
      ...base,
      name: 'i',
      type: ColumnType.STRING,
      meta: (0xfe << 8) | 16,
      length: 16,
      collation: 63,
      fixedBinaryType: 'inet6',
    })
    expect(maria('i INET4')).toEqual({
      ...base,
      name: 'i',
      type: ColumnType.STRING,
      meta: (0xfe << 8) | 4,
      length: 4,
      collation: 63,
      fixedBinaryType: 'inet4',
    })
  })

  test('COMPRESSED columns: BLOB or VARCHAR with one byte more, compressed', () => {
    expect(maria('v VARCHAR(20) COMPRESSED')).toEqual({
      ...base,
      name: 'v',
      type: ColumnType.VARCHAR,
      meta: 81,
      length: 81,
      collation: 45,
      compressed: true,
    })
    expect(maria('t TEXT COMPRESSED')).toEqual({
      ...base,
      name: 't',
      type: ColumnType.BLOB,
      meta: 2,
      length: 2,
      collation: 45,
      compressed: true,
    })
    expect(maria('b LONGBLOB COMPRESSED')).toEqual({
      ...base,
      name: 'b',
      type: ColumnType.BLOB,
      meta: 4,
      length: 4,
      collation: 63,
      compressed: true,
    })
    expect(() => maria('i INT COMPRESSED')).toThrow('int cannot be COMPRESSED')
  })

  test('collations named without a character set, and invisible columns that TABLE_MAP does not mark', () => {
    expect(maria('a VARCHAR(2) COLLATE uca1400_ai_ci')).toMatchObject({
      collation: collationId('mariadb', 'utf8mb4_uca1400_ai_ci'),
      length: 8,
    })
    expect(maria('a VARCHAR(2) CHARACTER SET utf8 COLLATE utf8_bin')).toMatchObject({
      collation: collationId('mariadb', 'utf8mb3_bin'),
      length: 6,
    })
    expect(maria('h INT INVISIBLE')).toMatchObject({ visible: true })
  })

  test('an unknown character set is a typed error', () => {
    expect(() => maria('a CHAR(1) CHARACTER SET nope')).toThrow(SchemaChangeError)
    expect(() => maria('a CHAR(1) CHARACTER SET latin1 COLLATE utf8mb4_bin')).toThrow(
      'utf8mb4_bin is not a collation of character set latin1',
    )
  })
})
