// Dispatch on a statement's leading keywords: table and database DDL get a full parse,
// everything else is classified as `other` from its first words without reading further.

import type { DdlStatement, IndexKind, OtherStatement } from './ast.ts'
import { parseAlterTable } from './alter-table.ts'
import { parseCreateTable } from './create-table.ts'
import { parseAlterDatabase, parseCreateDatabase, parseDropDatabase } from './database-statements.ts'
import { parseCreateIndex, parseDropIndex } from './index-statements.ts'
import { DdlParseError } from './errors.ts'
import { parseDropTable, parseRenameTable, parseTruncate } from './table-statements.ts'
import type { TokenStream } from './token-stream.ts'

export function parseStatement(ts: TokenStream): DdlStatement {
  const first = ts.peek()
  if (first.kind === 'end') ts.fail('empty statement')
  if (first.kind !== 'word') return { kind: 'other', head: first.text }
  switch (first.upper) {
    case 'CREATE':
      ts.next()
      return create(ts)
    case 'ALTER':
      ts.next()
      return alter(ts)
    case 'DROP':
      ts.next()
      return drop(ts)
    case 'RENAME':
      ts.next()
      if (!ts.acceptAnyWord(['TABLE', 'TABLES'])) return other(ts, 'RENAME')
      return parseRenameTable(ts)
    case 'TRUNCATE':
      ts.next()
      return parseTruncate(ts)
    default:
      ts.next()
      return other(ts, first.upper)
  }
}

const INDEX_KINDS: Record<string, IndexKind> = { UNIQUE: 'unique', FULLTEXT: 'fulltext', SPATIAL: 'spatial', VECTOR: 'vector' }

/** After CREATE. */
function create(ts: TokenStream): DdlStatement {
  const orReplace = ts.acceptWords('OR', 'REPLACE')
  const temporary = ts.acceptWord('TEMPORARY')
  if (ts.acceptWord('TABLE')) return parseCreateTable(ts, { orReplace, temporary })
  if (temporary) return other(ts, 'CREATE TEMPORARY')
  if (ts.acceptAnyWord(['DATABASE', 'SCHEMA'])) return parseCreateDatabase(ts, orReplace)
  let offset = ts.isAnyWord(['ONLINE', 'OFFLINE']) ? 1 : 0
  const kind = ts.peek(offset).kind === 'word' ? INDEX_KINDS[ts.peek(offset).upper] : undefined
  if (kind !== undefined) offset++
  if (ts.isWord('INDEX', offset)) {
    for (let i = 0; i <= offset; i++) ts.next()
    return parseCreateIndex(ts, kind ?? 'index', orReplace)
  }
  return other(ts, 'CREATE')
}

/** After ALTER. */
function alter(ts: TokenStream): DdlStatement {
  const online = ts.acceptWord('ONLINE')
  if (!online) ts.acceptWord('OFFLINE')
  const ignore = ts.acceptWord('IGNORE')
  if (ts.acceptWord('TABLE')) return parseAlterTable(ts, { online, ignore })
  if (!online && !ignore && ts.acceptAnyWord(['DATABASE', 'SCHEMA'])) return parseAlterDatabase(ts)
  return other(ts, 'ALTER')
}

/** After DROP. */
function drop(ts: TokenStream): DdlStatement {
  const temporary = ts.acceptWord('TEMPORARY')
  if (ts.acceptAnyWord(['TABLE', 'TABLES'])) return parseDropTable(ts, temporary)
  if (temporary) return other(ts, 'DROP TEMPORARY')
  if (ts.acceptAnyWord(['DATABASE', 'SCHEMA'])) return parseDropDatabase(ts)
  const offset = ts.isAnyWord(['ONLINE', 'OFFLINE']) ? 1 : 0
  if (ts.isWord('INDEX', offset)) {
    for (let i = 0; i <= offset; i++) ts.next()
    return parseDropIndex(ts)
  }
  return other(ts, 'DROP')
}

/** The keywords read so far plus the next word, if any: 'CREATE VIEW', 'GRANT ALL', 'XA START'. Reads no further. */
function other(ts: TokenStream, head: string): OtherStatement {
  let next: ReturnType<TokenStream['peek']>
  try {
    next = ts.peek()
  } catch (err) {
    // Whatever follows is not ours to judge: `SELECT 'x` is still a SELECT.
    if (err instanceof DdlParseError) return { kind: 'other', head }
    throw err
  }
  return { kind: 'other', head: next.kind === 'word' ? `${head} ${next.upper}` : head }
}
