// Table names given on the command line (resync, verify): db.table, a part in backquotes when it
// holds a dot.

import { parseTableName, tableName } from '../model/index.ts'
import { UsageError } from './errors.ts'

/**
 * `text` as (database, table). A bare table name is refused with the replicated tables of that
 * name as suggestions (from `known`), else with "db.<name>" as the form to write.
 */
export function tableArg(
  text: string,
  known: () => readonly { database: string; table: string }[] = () => [],
): [database: string, table: string] {
  const pair = parseTableName(text)
  if (pair) return pair
  const bare = parseTableName(`x.${text}`)
  if (bare) {
    const matches = known()
      .filter((t) => t.table === bare[1])
      .map((t) => tableName(t.database, t.table))
    const hint = matches.length
      ? `did you mean ${matches.slice(0, 5).join(' or ')}?`
      : `write it with its database: ${tableName('db', bare[1])}`
    throw new UsageError(`"${text}" is not a table name: ${hint}`)
  }
  throw new UsageError(`"${text}" is not a table name: write db.table, with a part in backquotes when it holds a dot (\`my.db\`.orders)`)
}
