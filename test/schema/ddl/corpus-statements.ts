// Every statement of the corpus, with the parser options it is read with: the hand-written
// corpus, the SHOW CREATE TABLE sources and outputs, the binlog QUERY texts and the dumps.

import { readFileSync } from 'node:fs'
import { splitStatements, type DdlParseOptions, type ServerFlavor } from '../../../src/schema/ddl/index.ts'
import { readAnnotatedSql } from './annotated-sql.ts'

export interface CorpusStatement {
  sql: string
  options: DdlParseOptions
}

const corpus = new URL('./corpus/', import.meta.url).pathname
const json = (name: string): unknown => JSON.parse(readFileSync(corpus + name, 'utf8'))

export function allCorpusStatements(): CorpusStatement[] {
  const out: CorpusStatement[] = []
  for (const s of readAnnotatedSql(corpus + 'statements.sql')) {
    out.push({
      sql: s.sql,
      options: {
        ...(s.notes.flavor ? { flavor: s.notes.flavor as ServerFlavor } : {}),
        ...(s.notes.options ? (JSON.parse(s.notes.options) as DdlParseOptions) : {}),
      },
    })
  }
  const sources = new Map(readAnnotatedSql(corpus + 'show-create-sources.sql').map((s) => [s.notes.name, s]))
  for (const e of (json('show-create.json') as { entries: { name: string; server: ServerFlavor; source: string; shown: string }[] })
    .entries) {
    const notes = sources.get(e.name)?.notes ?? {}
    const options = { flavor: e.server, ...(notes.options ? (JSON.parse(notes.options) as DdlParseOptions) : {}) }
    out.push({ sql: e.source, options }, { sql: e.shown, options })
  }
  for (const e of (json('binlog-queries.json') as { entries: { server: ServerFlavor; queries: { query: string }[] }[] }).entries) {
    for (const q of e.queries) out.push({ sql: q.query, options: { flavor: e.server } })
  }
  for (const flavor of ['mysql', 'mariadb'] as const) {
    for (const sql of splitStatements(readFileSync(corpus + `mysqldump-${flavor}.sql`, 'utf8'), { flavor })) {
      out.push({ sql, options: { flavor } })
    }
  }
  return out
}
