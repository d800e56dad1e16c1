// The hand-written corpus (corpus/statements.sql): every statement parses to the partial AST its
// `expect` note gives, or fails with the DdlParseError its `error` note names.

import { describe, expect, test } from 'bun:test'
import { DdlParseError, parseDdl, type DdlParseOptions } from '../../../src/schema/ddl/index.ts'
import { expectation, plain, readAnnotatedSql } from './annotated-sql.ts'

const statements = readAnnotatedSql(new URL('./corpus/statements.sql', import.meta.url).pathname)

describe('hand-written corpus', () => {
  test('has the statements it should', () => {
    expect(statements.length).toBeGreaterThan(150)
    for (const s of statements) expect(s.notes.expect !== undefined || s.notes.error !== undefined).toBe(true)
  })

  for (const statement of statements) {
    const options: DdlParseOptions = {
      ...(statement.notes.flavor ? { flavor: statement.notes.flavor as 'mysql' | 'mariadb' } : {}),
      ...(statement.notes.options ? (JSON.parse(statement.notes.options) as DdlParseOptions) : {}),
    }
    const title = `${statement.where}: ${statement.sql.replace(/\s+/g, ' ').slice(0, 70)}`
    if (statement.notes.error !== undefined) {
      test(title, () => {
        let error: unknown
        try {
          parseDdl(statement.sql, options)
        } catch (err) {
          error = err
        }
        expect(error).toBeInstanceOf(DdlParseError)
        const parseError = error as DdlParseError
        expect(parseError.reason.startsWith(statement.notes.error)).toBe(true)
        if (statement.notes['error-token'] !== undefined) expect(parseError.token).toBe(statement.notes['error-token'])
        expect(statement.sql.slice(parseError.offset, parseError.offset + parseError.token.length)).toBe(parseError.token)
      })
    } else {
      test(title, () => {
        expect(plain(parseDdl(statement.sql, options))).toMatchObject(expectation(statement) as object)
      })
    }
  }
})
