// The DDL parser's public face: one statement's text in, a typed AST or a DdlParseError out.

import type { DdlStatement, TableRef } from './ast.ts'
import { settingsFrom, type DdlParseOptions } from './options.ts'
import { parseStatement } from './statement.ts'
import { TokenStream } from './token-stream.ts'

export type * from './ast.ts'
export { DdlParseError, type DdlPlace } from './errors.ts'
export { serverVersionNumber, sqlModeOptions, type DdlParseOptions, type ServerFlavor } from './options.ts'
export { splitStatements } from './split.ts'

/**
 * Parses one statement as the server that ran it read it (a QUERY event's text, with the
 * flavor, version and sql_mode flags of that session). Table and database DDL get a full AST;
 * anything else is `{ kind: 'other' }`. A malformed or truncated statement throws DdlParseError.
 */
export function parseDdl(sql: string, options: DdlParseOptions = {}): DdlStatement {
  return parseStatement(new TokenStream(sql, settingsFrom(options)))
}

/** The table's database: the one written in the statement, or the session's current one. */
export function databaseOf(table: TableRef, currentDatabase: string): string {
  return table.database ?? currentDatabase
}
