// Lexical rules checked against what the servers did (captured by capture.ts): which words are
// reserved on both, and when an executable comment's content counts.

import { describe, expect, test } from 'bun:test'
import { readFileSync } from 'node:fs'
import { serverVersionNumber, type ServerFlavor } from '../../../src/schema/ddl/index.ts'
import { Lexer } from '../../../src/schema/ddl/lexer.ts'
import { settingsFrom } from '../../../src/schema/ddl/options.ts'
import { isReserved } from '../../../src/schema/ddl/reserved.ts'

const corpus = new URL('./corpus/', import.meta.url).pathname
const read = (name: string): unknown => JSON.parse(readFileSync(corpus + name, 'utf8'))

describe('reserved words', () => {
  const { accepted } = read('reserved-words.json') as { accepted: Record<string, Record<ServerFlavor, boolean>> }

  test('the parser refuses as a bare name exactly the words both servers refuse', () => {
    const mismatched = Object.entries(accepted).filter(([word, on]) => isReserved(word) !== (!on.mysql && !on.mariadb))
    expect(mismatched).toEqual([])
    expect(Object.values(accepted).filter((on) => !on.mysql && !on.mariadb).length).toBeGreaterThan(200)
  })

  test('words only one server reserves stay names (the other accepts them)', () => {
    for (const word of ['DATABASE', 'SCHEMA', 'GENERATED', 'STORED', 'VIRTUAL', 'ROW', 'OFFSET', 'RETURNING', 'PERIOD', 'SYSTEM']) {
      expect(isReserved(word)).toBe(false)
    }
  })
})

describe('executable comments', () => {
  const { versions, results } = read('executable-comments.json') as {
    versions: Record<ServerFlavor, string>
    results: Record<string, Record<ServerFlavor, string>>
  }

  /** What `SELECT 1 <comment> AS x` returns when the comment is read the way the lexer reads it. */
  function outcome(probe: string, flavor: ServerFlavor): string {
    const serverVersion = serverVersionNumber(versions[flavor])
    if (serverVersion === null) throw new Error(`no version in ${versions[flavor]}`)
    const lexer = new Lexer(`SELECT 1 ${probe} AS x`, settingsFrom({ flavor, serverVersion }))
    const values: string[] = []
    for (let t = lexer.next(); t.kind !== 'end'; t = lexer.next()) values.push(t.value)
    const content = values.slice(2, values.indexOf('AS')).join(' ')
    if (content === '') return '1'
    if (content === '+ 5') return '6'
    if (content === '+ 5 + 7') return '13'
    return 'error'
  }

  for (const [probe, byServer] of Object.entries(results)) {
    for (const flavor of ['mysql', 'mariadb'] as const) {
      test(`${flavor}: SELECT 1 ${probe} AS x gives ${byServer[flavor]}`, () => {
        expect(outcome(probe, flavor)).toBe(byServer[flavor])
      })
    }
  }
})
