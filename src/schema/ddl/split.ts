// Splits a script (a mysqldump file, a migration) into statements at top-level delimiters, with
// the same lexer the parser uses, so a `;` in a string, a name or a comment does not split.
// Understands the client's DELIMITER command (mysqldump wraps triggers and routines in
// `DELIMITER ;;` ... `DELIMITER ;`).

import { Lexer } from './lexer.ts'
import { settingsFrom, type DdlParseOptions } from './options.ts'

/**
 * The statements of `script` as written (comments kept, surrounding whitespace and the
 * delimiter removed); stretches with no tokens (blank, or comments only) and DELIMITER commands
 * are left out. A lexical error (an unterminated string or comment) throws DdlParseError.
 */
export function splitStatements(script: string, options: DdlParseOptions = {}): string[] {
  const settings = settingsFrom(options)
  const statements: string[] = []
  let delimiter = ';'
  let from = 0
  let hasTokens = false
  let lexer = new Lexer(script, settings)
  for (;;) {
    const t = lexer.next()
    if (t.kind === 'end') {
      if (hasTokens) statements.push(script.slice(from, t.start).trim())
      return statements
    }
    if (!hasTokens && t.kind === 'word' && t.upper === 'DELIMITER') {
      // A client command, not SQL: the new delimiter is the rest of its line's first word.
      const newline = script.indexOf('\n', t.end)
      const lineEnd = newline < 0 ? script.length : newline
      delimiter = script.slice(t.end, lineEnd).trim().split(/\s+/)[0] || delimiter
      from = lineEnd
      lexer = new Lexer(script, settings, from)
      continue
    }
    // The client finds a delimiter by its characters, so it may end a word (`SELECT 2$$`).
    const at = t.kind === 'word' || t.kind === 'number' ? t.text.indexOf(delimiter) : script.startsWith(delimiter, t.start) ? 0 : -1
    if (at >= 0) {
      const end = t.start + at
      if (hasTokens || at > 0) statements.push(script.slice(from, end).trim())
      from = end + delimiter.length
      hasTokens = false
      lexer = new Lexer(script, settings, from)
      continue
    }
    hasTokens = true
  }
}
