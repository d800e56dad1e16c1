// SHOW CREATE TABLE output captured from MySQL 9.7 and MariaDB 10.11 (corpus/show-create.json,
// made by capture.ts from corpus/show-create-sources.sql) parses back and means the same table
// as the statement that created it (types, nullability, defaults, keys): that checks the parser's
// implied rules against the servers' own. `expect` notes are matched against the parse of the
// source, `shown-expect[-flavor]` notes against the parse of the output.

import { describe, expect, test } from 'bun:test'
import { readFileSync } from 'node:fs'
import { parseDdl, type DdlParseOptions, type ServerFlavor } from '../../../src/schema/ddl/index.ts'
import { expectation, plain, readAnnotatedSql } from './annotated-sql.ts'
import { meaning, reconcile } from './table-meaning.ts'

const corpus = new URL('./corpus/', import.meta.url).pathname

interface Capture {
  name: string
  server: ServerFlavor
  version: string
  session: string[]
  source: string
  command: string
  shown: string
}

const captures = (JSON.parse(readFileSync(corpus + 'show-create.json', 'utf8')) as { entries: Capture[] }).entries
const sources = new Map(readAnnotatedSql(corpus + 'show-create-sources.sql').map((s) => [s.notes.name, s]))

function optionsFor(capture: Capture): DdlParseOptions {
  const notes = sources.get(capture.name)?.notes ?? {}
  return { flavor: capture.server, ...(notes.options ? (JSON.parse(notes.options) as DdlParseOptions) : {}) }
}

describe('captured SHOW CREATE TABLE output', () => {
  test('covers every source on the servers it names, both servers', () => {
    expect(captures.filter((c) => c.server === 'mysql').length).toBeGreaterThan(50)
    expect(captures.filter((c) => c.server === 'mariadb').length).toBeGreaterThan(50)
    for (const capture of captures) expect(sources.has(capture.name)).toBe(true)
  })

  for (const capture of captures) {
    const source = sources.get(capture.name)
    test(`${capture.server} ${capture.name}`, () => {
      if (source === undefined) throw new Error(`no source named ${capture.name}`)
      const options = optionsFor(capture)
      const fromSource = parseDdl(capture.source, options)
      // Both servers escape backslashes in SHOW CREATE TABLE even under NO_BACKSLASH_ESCAPES.
      const shownOptions = source.notes['shown-options'] ? JSON.parse(source.notes['shown-options']) : {}
      const fromShown = parseDdl(capture.shown, { ...options, ...shownOptions })
      expect(fromShown.kind).toBe('create_table')
      const expected = expectation(source)
      if (expected !== undefined) expect(plain(fromSource)).toMatchObject(expected as object)
      const shownExpected = source.notes[`shown-expect-${capture.server}`] ?? source.notes['shown-expect']
      if (shownExpected !== undefined) expect(plain(fromShown)).toMatchObject(JSON.parse(shownExpected) as object)
      if (fromSource.kind === 'create_table' && fromSource.select === null && fromShown.kind === 'create_table') {
        const [shown, written] = [meaning(fromShown, capture.server), meaning(fromSource, capture.server)]
        reconcile(shown, written)
        expect(shown).toEqual(written)
      }
    })
  }
})
