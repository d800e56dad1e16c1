// CREATE / DROP / ALTER DATABASE (or SCHEMA).

import type { AlterDatabaseStatement, CreateDatabaseStatement, DropDatabaseStatement } from './ast.ts'
import { parseDatabaseOptions } from './table-options.ts'
import type { TokenStream } from './token-stream.ts'

/** After CREATE [OR REPLACE] DATABASE | SCHEMA. */
export function parseCreateDatabase(ts: TokenStream, orReplace: boolean): CreateDatabaseStatement {
  const ifNotExists = ts.acceptWords('IF', 'NOT', 'EXISTS')
  const name = ts.name('database name')
  const options = parseDatabaseOptions(ts)
  ts.expectEnd()
  return { kind: 'create_database', name, ifNotExists, orReplace, ...options }
}

/** After DROP DATABASE | SCHEMA. */
export function parseDropDatabase(ts: TokenStream): DropDatabaseStatement {
  const ifExists = ts.acceptWords('IF', 'EXISTS')
  const name = ts.name('database name')
  ts.expectEnd()
  return { kind: 'drop_database', name, ifExists }
}

/** After ALTER DATABASE | SCHEMA: [name] options; without a name, the session's database. */
export function parseAlterDatabase(ts: TokenStream): AlterDatabaseStatement {
  // A name is there unless an option starts right away (`ENCRYPTION = 'Y'`, `COMMENT 'x'`).
  const named = ts.isName() && !ts.isPunct('=', 1) && !ts.isString(1)
  const name = named ? ts.name('database name') : null
  if (ts.acceptWords('UPGRADE', 'DATA', 'DIRECTORY', 'NAME')) {
    ts.expectEnd()
    return { kind: 'alter_database', name, charset: null, collation: null, comment: null }
  }
  const options = parseDatabaseOptions(ts)
  ts.expectEnd()
  return { kind: 'alter_database', name, ...options }
}
