// Which collation a character column gets, as both servers resolve it from what its definition
// and the table say.

import type { DataType, ServerFlavor } from '../ddl/index.ts'
import type { Collation, CollationCatalog } from './collations.ts'
import { SchemaChangeError } from './errors.ts'

export interface ColumnCharsetDefaults {
  collations: CollationCatalog
  /** The table's default collation id: what a character column without CHARACTER SET or COLLATE gets. */
  tableCollation: number
  /** MySQL's default_collation_for_utf8mb4: what CHARACTER SET utf8mb4 alone selects. */
  utf8mb4Collation?: number
}

/**
 * The collation of a character column, as both servers resolve it: COLLATE wins; CHARACTER SET
 * alone means that set's default collation (even when the table has another collation of the
 * same set); the BINARY attribute means `<set>_bin`; nothing means the table's default.
 */
export function characterCollation(type: DataType, defaults: ColumnCharsetDefaults, flavor: ServerFlavor): Collation {
  const { collations } = defaults
  const table = requireCollation(collations.byId(defaults.tableCollation), `collation id ${defaults.tableCollation}`)
  const charset = type.charset ?? table.charset
  if (type.collation !== null) {
    const found = requireCollation(collations.byName(type.collation, charset), `collation ${type.collation}`)
    if (type.charset !== null && found.charset !== collations.charsetName(type.charset)) {
      throw new SchemaChangeError('unknown_charset', `collation ${found.name} is not a collation of character set ${type.charset}`)
    }
    return found
  }
  if (type.binaryCollation) return requireCollation(collations.binaryOf(charset), `the _bin collation of ${charset}`)
  if (type.charset === null) return table
  return charsetDefault(charset, defaults, flavor)
}

/** A character set's default collation; on MySQL utf8mb4's is the session's default_collation_for_utf8mb4. */
export function charsetDefault(
  charset: string,
  defaults: Pick<ColumnCharsetDefaults, 'collations' | 'utf8mb4Collation'>,
  flavor: ServerFlavor,
): Collation {
  const { collations } = defaults
  if (flavor === 'mysql' && collations.charsetName(charset) === 'utf8mb4' && defaults.utf8mb4Collation !== undefined) {
    const session = collations.byId(defaults.utf8mb4Collation)
    if (session !== undefined) return session
  }
  return requireCollation(collations.defaultOf(charset), `character set ${charset}`)
}

export function requireCollation(collation: Collation | undefined, what: string): Collation {
  if (collation === undefined) throw new SchemaChangeError('unknown_charset', `${what} is not in the server's collation catalog`)
  return collation
}
