// Which character columns the binlog decoder turns into text and which it leaves as bytes: the
// snapshot must do the same, so a column in a charset chsync cannot decode is selected as bytes.

import type { CharsetRegistry } from '../../binlog/index.ts'
import { type ColumnDef, isCharacterType } from '../../model/index.ts'

// Collation ids (equal on MySQL 8/9 and MariaDB 10.x/11.x) of the charsets without a WHATWG
// decoder: armscii8, geostd8, dec8, hp8, keybcs2, swe7, cp850, cp852, macce; 1027+ are MariaDB's
// NOPAD variants. Used when no registry of the server's own collations is at hand.
const UNDECODABLE = new Set([
  3, 4, 6, 10, 32, 37, 38, 40, 43, 64, 69, 72, 73, 80, 81, 82, 92, 93, 1027, 1028, 1030, 1034, 1056, 1061, 1062, 1064, 1067, 1088, 1093,
  1096, 1097, 1104, 1105, 1106, 1116, 1117,
])

const BINARY = 63

/** CHAR, VARCHAR, TEXT, BINARY, VARBINARY, BLOB: cells are text or bytes by collation. */
export function isCharacterColumn(col: ColumnDef): boolean {
  return isCharacterType(col.type)
}

/** True when the binlog decoder gives this character column's values as text. */
export function decodesAsText(col: ColumnDef, charsets?: CharsetRegistry): boolean {
  if (col.collation === undefined || col.collation === BINARY) return false
  return charsets ? charsets.get(col.collation).decode !== null : !UNDECODABLE.has(col.collation)
}
