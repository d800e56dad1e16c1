// Robustness: any prefix of a corpus statement, and any statement with a character replaced,
// parses to an AST or fails with a DdlParseError; never another exception, never a hang.

import { describe, expect, test } from 'bun:test'
import { DdlParseError, parseDdl } from '../../../src/schema/ddl/index.ts'
import { allCorpusStatements } from './corpus-statements.ts'
import { seeded } from '../../support/random.ts'

const statements = allCorpusStatements()

/** 'ast', or 'error' for a DdlParseError; anything else is rethrown with the input attached. */
function outcome(sql: string, options: Parameters<typeof parseDdl>[1]): 'ast' | 'error' {
  try {
    const ast = parseDdl(sql, options)
    if (typeof ast.kind !== 'string') throw new Error('no kind')
    return 'ast'
  } catch (err) {
    if (err instanceof DdlParseError) {
      if (err.offset < 0 || err.offset > sql.length) throw new Error(`error offset ${err.offset} outside ${JSON.stringify(sql)}`)
      return 'error'
    }
    throw new Error(`${String(err)} on ${JSON.stringify(sql)}`, { cause: err })
  }
}

describe('truncated and damaged statements', () => {
  test('the corpus is large', () => {
    expect(statements.length).toBeGreaterThan(1000)
  })

  test('random truncations give an AST or a DdlParseError', () => {
    const next = seeded(20240601)
    const counts = { ast: 0, error: 0 }
    for (const { sql, options } of statements) {
      const cuts = new Set<number>([0, 1, sql.length - 1])
      for (let i = 0; i < 25; i++) cuts.add(Math.floor(next() * sql.length))
      for (const cut of cuts) counts[outcome(sql.slice(0, cut), options)]++
    }
    // Both outcomes occur: truncations are mostly errors, but some prefixes are statements.
    expect(counts.error).toBeGreaterThan(counts.ast)
    expect(counts.ast).toBeGreaterThan(1000)
  })

  test('every prefix of the hand-written DDL gives an AST or a DdlParseError', () => {
    for (const { sql, options } of statements.slice(0, 200)) {
      for (let cut = 0; cut <= sql.length; cut++) outcome(sql.slice(0, cut), options)
    }
  })

  test('a replaced character gives an AST or a DdlParseError', () => {
    const next = seeded(7)
    const noise = ['(', ')', ',', "'", '"', '`', '/*', '*/', '--', '#', ';', '\\', 'x', '0', ' ', '\n', '/*!', '/*M!50000', '.', '=']
    for (const { sql, options } of statements) {
      for (let i = 0; i < 10; i++) {
        const at = Math.floor(next() * sql.length)
        const replacement = noise[Math.floor(next() * noise.length)]
        outcome(sql.slice(0, at) + replacement + sql.slice(at + 1), options)
      }
    }
  })
})
