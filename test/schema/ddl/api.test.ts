// The public face: parse errors with their place, cheap classification of other statements,
// sql_mode flags (checked against the numbers real QUERY events carry), version numbers,
// statement splitting, and speed.

import { describe, expect, test } from 'bun:test'
import { readFileSync } from 'node:fs'
import {
  databaseOf,
  DdlParseError,
  parseDdl,
  serverVersionNumber,
  splitStatements,
  sqlModeOptions,
  type ServerFlavor,
} from '../../../src/schema/ddl/index.ts'
import { allCorpusStatements } from './corpus-statements.ts'

function parseError(sql: string): DdlParseError {
  try {
    parseDdl(sql)
  } catch (err) {
    if (err instanceof DdlParseError) return err
    throw err
  }
  throw new Error(`no error for ${sql}`)
}

describe('DdlParseError', () => {
  test('names the reason, the token, the offset, line and column', () => {
    const err = parseError('CREATE TABLE t (\n  a INT,\n  b WIDGET\n)')
    expect(err.reason).toBe('expected a data type')
    expect(err.token).toBe('WIDGET')
    expect(err.offset).toBe(30)
    expect(err.place).toEqual({ offset: 30, line: 3, column: 5, token: 'WIDGET' })
    expect(err.message).toBe('expected a data type near "WIDGET" (line 3, column 5, offset 30)')
    expect(err.name).toBe('DdlParseError')
    expect(err.code).toBe('ddl_parse')
  })

  test('at the end of a truncated statement', () => {
    const err = parseError('ALTER TABLE t ADD COLUMN c')
    expect(err.reason).toBe('expected a data type')
    expect(err.token).toBe('')
    expect(err.offset).toBe(26)
    expect(err.message).toBe('expected a data type at the end of the statement (line 1, column 27, offset 26)')
  })

  test('an empty statement', () => {
    expect(parseError('  -- nothing\n').reason).toBe('empty statement')
  })

  test('a long token is clipped in the message', () => {
    expect(parseError(`DROP TABLE t ${'x'.repeat(60)}`).message).toContain(`near "${'x'.repeat(37)}..."`)
  })
})

describe('other statements', () => {
  test('are classified from their first words without reading on', () => {
    // The rest would be a lexical error; classification never gets there.
    expect(parseDdl("SELECT 'unterminated")).toEqual({ kind: 'other', head: 'SELECT' })
    expect(parseDdl('GRANT ALL ON `x')).toEqual({ kind: 'other', head: 'GRANT ALL' })
    expect(parseDdl("CREATE DEFINER=`a`@`b` TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET @a = '")).toEqual({
      kind: 'other',
      head: 'CREATE DEFINER',
    })
  })

  test('a big INSERT is classified in constant time', () => {
    const insert = `INSERT INTO t VALUES ${Array.from({ length: 200_000 }, (_, i) => `(${i}, 'v${i}')`).join(',')}`
    expect(parseDdl(insert)).toEqual({ kind: 'other', head: 'INSERT INTO' })
    let fastest = Infinity
    for (let i = 0; i < 20; i++) {
      const start = performance.now()
      parseDdl(insert)
      fastest = Math.min(fastest, performance.now() - start)
    }
    expect(fastest).toBeLessThan(1)
  })
})

describe('sqlModeOptions', () => {
  const { entries } = JSON.parse(readFileSync(new URL('./corpus/sql-modes.json', import.meta.url), 'utf8')) as {
    entries: { server: ServerFlavor; set: string; sessionMode: string; binlogSqlMode: string }[]
  }

  test('reads the flags from the sql_mode number real QUERY events carry', () => {
    expect(entries.length).toBe(12)
    for (const entry of entries) {
      const names = entry.sessionMode.split(',')
      expect(sqlModeOptions(BigInt(entry.binlogSqlMode))).toEqual({
        ansiQuotes: names.includes('ANSI_QUOTES'),
        noBackslashEscapes: names.includes('NO_BACKSLASH_ESCAPES'),
        realAsFloat: names.includes('REAL_AS_FLOAT'),
      })
    }
  })

  test('ANSI mode includes ANSI_QUOTES and REAL_AS_FLOAT on both servers', () => {
    for (const entry of entries.filter((e) => e.set === 'ANSI')) {
      expect(sqlModeOptions(BigInt(entry.binlogSqlMode))).toEqual({ ansiQuotes: true, noBackslashEscapes: false, realAsFloat: true })
    }
  })
})

describe('helpers', () => {
  test('serverVersionNumber', () => {
    expect(serverVersionNumber('9.7.4-2')).toBe(90704)
    expect(serverVersionNumber('10.11.19-MariaDB-0+deb12u1-log')).toBe(101119)
    expect(serverVersionNumber('8.0.36')).toBe(80036)
    expect(serverVersionNumber('unknown')).toBeNull()
  })

  test('databaseOf', () => {
    expect(databaseOf({ database: null, name: 't' }, 'shop')).toBe('shop')
    expect(databaseOf({ database: 'crm', name: 't' }, 'shop')).toBe('crm')
  })

  test('AUTO_INCREMENT beyond 2^53 stays exact', () => {
    const ast = parseDdl('ALTER TABLE t AUTO_INCREMENT = 18446744073709551615')
    expect(ast).toMatchObject({ actions: [{ kind: 'table_options', options: { autoIncrement: 18446744073709551615n } }] })
  })
})

describe('splitStatements', () => {
  test('splits at top-level semicolons only', () => {
    expect(splitStatements("a ';' `;` /* ; */ -- ;\n b; c # ;\n; ; d")).toEqual(["a ';' `;` /* ; */ -- ;\n b", 'c # ;', 'd'])
  })

  test('follows DELIMITER commands', () => {
    const script =
      'DELIMITER ;;\nCREATE TRIGGER x BEGIN SET a = 1; SET b = 2; END;;\nDELIMITER $$\nSELECT 1; SELECT 2$$\nDELIMITER ;\nSELECT 3;'
    expect(splitStatements(script)).toEqual(['CREATE TRIGGER x BEGIN SET a = 1; SET b = 2; END', 'SELECT 1; SELECT 2', 'SELECT 3'])
  })

  test('an unterminated string is a DdlParseError', () => {
    expect(() => splitStatements("SELECT 'x; SELECT 2")).toThrow(DdlParseError)
  })
})

describe('speed', () => {
  test('the whole corpus parses in well under a millisecond a statement', () => {
    const statements = allCorpusStatements().filter((s) => {
      try {
        return ['create_table', 'alter_table'].includes(parseDdl(s.sql, s.options).kind)
      } catch {
        return false
      }
    })
    expect(statements.length).toBeGreaterThan(300)
    const start = performance.now()
    for (let round = 0; round < 5; round++) for (const { sql, options } of statements) parseDdl(sql, options)
    const perStatement = (performance.now() - start) / (5 * statements.length)
    expect(perStatement).toBeLessThan(0.5)
  })
})
