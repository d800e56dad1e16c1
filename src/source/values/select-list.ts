// The select list of a snapshot SELECT whose text-protocol values parse into the binlog's cells.
// Run it with SET time_zone = '+00:00' (TIMESTAMP in UTC) on a utf8mb4 connection.

import type { CharsetRegistry } from '../../binlog/index.ts'
import { type ColumnDef, ColumnType } from '../../model/index.ts'
import { decodesAsText, isCharacterColumn } from './charset-choice.ts'

export function quoteIdentifier(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`'
}

/**
 * One expression per column, in column order:
 * - FLOAT as CAST(c AS DOUBLE): the text of a FLOAT is rounded to 6 digits on MariaDB, while the
 *   DOUBLE of it is the exact float32 value;
 * - text in a charset chsync cannot decode as CAST(c AS BINARY): its bytes, as the binlog gives them;
 * - MariaDB's UUID, INET6, INET4 as CAST(c AS BINARY): their bytes in the binlog's order, not their text;
 * - everything else as it is.
 */
export function snapshotSelectList(columns: readonly ColumnDef[], charsets?: CharsetRegistry): string {
  return columns.map((c) => selectExpression(c, charsets)).join(', ')
}

export function selectExpression(col: ColumnDef, charsets?: CharsetRegistry): string {
  const q = quoteIdentifier(col.name)
  if (col.type === ColumnType.FLOAT) return `CAST(${q} AS DOUBLE)`
  if (col.fixedBinaryType || (isCharacterColumn(col) && col.collation !== 63 && !decodesAsText(col, charsets)))
    return `CAST(${q} AS BINARY)`
  return q
}
