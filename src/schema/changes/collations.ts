// The server's collations and character sets (from information_schema), to turn the names a
// statement writes into the collation ids and byte widths a TABLE_MAP carries.

import type { ServerFlavor } from '../ddl/index.ts'
import { SchemaChangeError } from './errors.ts'

export interface Collation {
  id: number
  /** Full name, lower-case: utf8mb4_0900_ai_ci, utf8mb4_uca1400_ai_ci. */
  name: string
  charset: string
  isDefault: boolean
  /** Bytes per character at most (CHARACTER_SETS.MAXLEN). */
  maxLength: number
}

/** One row of `collationsQuery(flavor)`; drivers hand numbers as numbers, strings or bigints. */
export interface CollationRow {
  COLLATION_NAME: string
  CHARACTER_SET_NAME: string
  ID: number | string | bigint
  IS_DEFAULT: string | null
  MAXLEN: number | string | bigint
}

/**
 * What to ask the server. MariaDB 10.10+ lists its UCA 14.0 collations in COLLATIONS without a
 * character set or id (`uca1400_ai_ci`); COLLATION_CHARACTER_SET_APPLICABILITY names each
 * pairing (`utf8mb4_uca1400_ai_ci`, id 2304), so MariaDB is read from there.
 */
export function collationsQuery(flavor: ServerFlavor): string {
  if (flavor === 'mariadb') {
    return (
      'SELECT a.FULL_COLLATION_NAME AS COLLATION_NAME, a.CHARACTER_SET_NAME, a.ID, a.IS_DEFAULT, s.MAXLEN' +
      ' FROM information_schema.COLLATION_CHARACTER_SET_APPLICABILITY a' +
      ' JOIN information_schema.CHARACTER_SETS s ON s.CHARACTER_SET_NAME = a.CHARACTER_SET_NAME'
    )
  }
  return (
    'SELECT c.COLLATION_NAME, c.CHARACTER_SET_NAME, c.ID, c.IS_DEFAULT, s.MAXLEN' +
    ' FROM information_schema.COLLATIONS c' +
    ' JOIN information_schema.CHARACTER_SETS s ON s.CHARACTER_SET_NAME = c.CHARACTER_SET_NAME'
  )
}

/**
 * The server's catalog, from `collationsQuery(flavor)`. MariaDB before 10.10 has no
 * FULL_COLLATION_NAME (ER_BAD_FIELD_ERROR), and no collation without an id: COLLATIONS is whole there.
 */
export async function readCollationCatalog(
  query: (sql: string) => Promise<CollationRow[]>,
  flavor: ServerFlavor,
): Promise<CollationCatalog> {
  try {
    return CollationCatalog.fromRows(await query(collationsQuery(flavor)))
  } catch (err) {
    if (flavor !== 'mariadb' || (err as { errno?: number }).errno !== 1054) throw err
    return CollationCatalog.fromRows(await query(collationsQuery('mysql')))
  }
}

/** `utf8` means utf8mb3 on MySQL 9.7 and on MariaDB with its default old_mode (UTF8_IS_UTF8MB3). */
const ALIASES: Record<string, string> = { utf8: 'utf8mb3' }

const built = new WeakMap<readonly CollationRow[], CollationCatalog>()

export class CollationCatalog {
  private readonly byNameMap = new Map<string, Collation>()
  private readonly byIdMap = new Map<number, Collation>()
  private readonly defaults = new Map<string, Collation>()

  private constructor(collations: Collation[]) {
    for (const c of collations) {
      this.byNameMap.set(c.name, c)
      this.byIdMap.set(c.id, c)
      if (c.isDefault) this.defaults.set(c.charset, c)
    }
  }

  /** A catalog as given, or built once from the rows of `collationsQuery` (and kept for those rows). */
  static of(source: CollationCatalog | readonly CollationRow[]): CollationCatalog {
    if (source instanceof CollationCatalog) return source
    let catalog = built.get(source)
    if (catalog === undefined) built.set(source, (catalog = CollationCatalog.fromRows(source)))
    return catalog
  }

  /** From the rows of `collationsQuery`; a malformed row is a SchemaChangeError naming it. */
  static fromRows(rows: readonly CollationRow[]): CollationCatalog {
    const collations = rows.map((row, i) => {
      const id = Number(row.ID)
      const maxLength = Number(row.MAXLEN)
      const name = typeof row.COLLATION_NAME === 'string' ? row.COLLATION_NAME.toLowerCase() : ''
      const charset = typeof row.CHARACTER_SET_NAME === 'string' ? row.CHARACTER_SET_NAME.toLowerCase() : ''
      if (
        name === '' ||
        charset === '' ||
        !Number.isInteger(id) ||
        id < 0 ||
        !Number.isInteger(maxLength) ||
        maxLength < 1 ||
        maxLength > 4
      ) {
        throw new SchemaChangeError(
          'bad_catalog',
          `collation row ${i} is not a collation: ${JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`,
        )
      }
      return { id, name, charset, isDefault: String(row.IS_DEFAULT ?? '').toLowerCase() === 'yes', maxLength }
    })
    if (collations.length === 0) throw new SchemaChangeError('bad_catalog', 'the collation catalog is empty')
    return new CollationCatalog(collations)
  }

  byId(id: number): Collation | undefined {
    return this.byIdMap.get(id)
  }

  /**
   * A collation by name as a statement writes it: `utf8_bin` is utf8mb3_bin; a MariaDB name
   * without a character set (`uca1400_ai_ci`) belongs to `charset`, the one in effect.
   */
  byName(name: string, charset?: string): Collation | undefined {
    const lower = name.toLowerCase()
    const direct = this.byNameMap.get(lower)
    if (direct !== undefined) return direct
    for (const [alias, real] of Object.entries(ALIASES)) {
      if (lower.startsWith(`${alias}_`)) {
        const found = this.byNameMap.get(real + lower.slice(alias.length))
        if (found !== undefined) return found
      }
    }
    return charset === undefined ? undefined : this.byNameMap.get(`${this.charsetName(charset)}_${lower}`)
  }

  /** The default collation of a character set (`utf8` resolved), or undefined when unknown. */
  defaultOf(charset: string): Collation | undefined {
    return this.defaults.get(this.charsetName(charset))
  }

  /** The `<charset>_bin` collation: what the BINARY attribute of a character type selects. */
  binaryOf(charset: string): Collation | undefined {
    const name = this.charsetName(charset)
    return name === 'binary' ? this.byNameMap.get('binary') : this.byNameMap.get(`${name}_bin`)
  }

  /** The canonical character set name (`utf8` → `utf8mb3`), lower-case. */
  charsetName(charset: string): string {
    const lower = charset.toLowerCase()
    return ALIASES[lower] ?? lower
  }
}
