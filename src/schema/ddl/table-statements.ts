// DROP [TEMPORARY] TABLE, TRUNCATE [TABLE] and RENAME TABLE.

import type { DropTableStatement, RenameTableStatement, TableRef, TruncateTableStatement } from './ast.ts'
import { skipLockWait } from './online-clauses.ts'
import type { TokenStream } from './token-stream.ts'

/** After DROP [TEMPORARY] TABLE | TABLES. */
export function parseDropTable(ts: TokenStream, temporary: boolean): DropTableStatement {
  const ifExists = ts.acceptWords('IF', 'EXISTS')
  const tables: TableRef[] = []
  do tables.push(ts.tableRef())
  while (ts.acceptPunct(','))
  skipLockWait(ts)
  ts.acceptAnyWord(['RESTRICT', 'CASCADE'])
  ts.expectEnd()
  return { kind: 'drop_table', tables, ifExists, temporary, untranslatable: temporary ? 'temporary_table' : null }
}

/** After TRUNCATE. */
export function parseTruncate(ts: TokenStream): TruncateTableStatement {
  ts.acceptWord('TABLE')
  const table = ts.tableRef()
  skipLockWait(ts)
  ts.expectEnd()
  return { kind: 'truncate_table', table }
}

/** After RENAME TABLE | TABLES: a TO b [, c TO d ...], applied in order. */
export function parseRenameTable(ts: TokenStream): RenameTableStatement {
  const ifExists = ts.acceptWords('IF', 'EXISTS')
  const renames: RenameTableStatement['renames'] = []
  do {
    const from = ts.tableRef()
    skipLockWait(ts)
    ts.expectWord('TO')
    renames.push({ from, to: ts.tableRef() })
  } while (ts.acceptPunct(','))
  ts.expectEnd()
  return { kind: 'rename_table', renames, ifExists }
}
