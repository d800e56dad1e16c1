// Reads the corpus's annotated .sql files: statements separated by `;`, each preceded by
// `-- key: value` lines (name, flavor, servers, session, options, expect, error). `expect`
// lines concatenate into one JSON value: a partial AST the parse must match.

import { readFileSync } from 'node:fs'
import { splitStatements } from '../../../src/schema/ddl/index.ts'

export interface AnnotatedStatement {
  /** The statement without its annotation lines. */
  sql: string
  /** File name and 1-based index, for messages. */
  where: string
  notes: Record<string, string>
}

export function readAnnotatedSql(path: string): AnnotatedStatement[] {
  const file = path.split('/').pop() ?? path
  return splitStatements(readFileSync(path, 'utf8')).map((chunk, i) => {
    const notes: Record<string, string> = {}
    const kept: string[] = []
    for (const line of chunk.split('\n')) {
      const m = /^-- ([a-z][a-z-]*): ?(.*)$/.exec(line)
      if (m === null) {
        kept.push(line)
        continue
      }
      const [, key, value] = m
      notes[key] = key in notes ? `${notes[key]}\n${value}` : value
    }
    return { sql: kept.join('\n').trim(), where: `${file}#${i + 1}${notes.name ? ` (${notes.name})` : ''}`, notes }
  })
}

/** The `expect` note as JSON, or undefined. */
export function expectation(statement: AnnotatedStatement): unknown {
  const text = statement.notes.expect
  if (text === undefined) return undefined
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new Error(`${statement.where}: expect is not JSON: ${String(err)}`)
  }
}

/** JSON-friendly form of an AST: bigints as strings, so it can be matched against JSON expectations. */
export function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
}
