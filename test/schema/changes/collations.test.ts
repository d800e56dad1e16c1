// The collation catalog: names as statements write them, defaults, and malformed rows.

import { describe, expect, test } from 'bun:test'
import { CollationCatalog, SchemaChangeError } from '../../../src/schema/changes/index.ts'
import { CATALOGS, collationRows } from './support/catalogs.ts'

describe('names', () => {
  test('utf8 is utf8mb3 on both servers', () => {
    for (const c of [CATALOGS.mysql, CATALOGS.mariadb]) {
      expect(c.byName('utf8_bin')).toMatchObject({ id: 83, name: 'utf8mb3_bin', charset: 'utf8mb3', maxLength: 3 })
      expect(c.defaultOf('UTF8')).toMatchObject({ id: 33, name: 'utf8mb3_general_ci', isDefault: true })
      expect(c.charsetName('utf8')).toBe('utf8mb3')
    }
  })

  test('defaults and _bin collations differ between the servers for utf8mb4', () => {
    expect(CATALOGS.mysql.defaultOf('utf8mb4')).toMatchObject({ id: 255, name: 'utf8mb4_0900_ai_ci' })
    expect(CATALOGS.mariadb.defaultOf('utf8mb4')).toMatchObject({ id: 45, name: 'utf8mb4_general_ci' })
    expect(CATALOGS.mysql.binaryOf('latin1')).toMatchObject({ id: 47, name: 'latin1_bin' })
    expect(CATALOGS.mysql.binaryOf('binary')).toMatchObject({ id: 63 })
  })

  test('MariaDB UCA 14.0 collations: by full name, or short with the character set in effect', () => {
    expect(CATALOGS.mariadb.byName('utf8mb4_uca1400_ai_ci')).toMatchObject({ id: 2304, charset: 'utf8mb4' })
    expect(CATALOGS.mariadb.byName('uca1400_ai_ci', 'utf8mb4')).toMatchObject({ id: 2304 })
    expect(CATALOGS.mariadb.byName('uca1400_ai_ci', 'utf8')).toMatchObject({ id: 2048, charset: 'utf8mb3' })
    expect(CATALOGS.mariadb.byName('uca1400_ai_ci')).toBeUndefined()
    expect(CATALOGS.mysql.byName('UTF8MB4_BIN')).toMatchObject({ id: 46 })
  })

  test('a catalog is built once per row list', () => {
    const rows = collationRows('mysql')
    expect(CollationCatalog.of(rows)).toBe(CollationCatalog.of(rows))
    expect(CollationCatalog.of(CATALOGS.mysql)).toBe(CATALOGS.mysql)
  })
})

describe('malformed rows', () => {
  const good = { COLLATION_NAME: 'latin1_bin', CHARACTER_SET_NAME: 'latin1', ID: 47, IS_DEFAULT: '', MAXLEN: 1 }
  for (const [what, row] of [
    ['an id that is not a number', { ...good, ID: 'x' }],
    ['a negative id', { ...good, ID: -1 }],
    ['no character set', { ...good, CHARACTER_SET_NAME: null as unknown as string }],
    ['a width of 5 bytes', { ...good, MAXLEN: 5 }],
  ] as const) {
    test(what, () => {
      expect(() => CollationCatalog.fromRows([good, row])).toThrow(SchemaChangeError)
      try {
        CollationCatalog.fromRows([good, row])
      } catch (err) {
        expect((err as SchemaChangeError).code).toBe('bad_catalog')
        expect((err as Error).message).toStartWith('collation row 1 is not a collation')
      }
    })
  }

  test('bigint ids and string widths, as drivers return them, are fine', () => {
    const c = CollationCatalog.fromRows([{ ...good, ID: 47n, MAXLEN: '1', IS_DEFAULT: 'Yes' }])
    expect(c.byId(47)).toEqual({ id: 47, name: 'latin1_bin', charset: 'latin1', isDefault: true, maxLength: 1 })
  })
})
