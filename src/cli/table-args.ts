// Table names given on the command line (resync, verify): db.table, a part in backquotes when it
// holds a dot.

import { parseTableName } from '../schema/model.ts'
import { UsageError } from './errors.ts'

export function tableArg(text: string): [database: string, table: string] {
  const pair = parseTableName(text)
  if (!pair) throw new UsageError(`"${text}" is not a table name: write db.table, with a part in backquotes when it holds a dot (\`my.db\`.orders)`)
  return pair
}
