// Which character set each collation id of the source belongs to, as the server itself lists it:
// the ids differ between servers and versions, and new releases add collations.

/** Runs one query on the source. */
export type SourceQuery = <T>(sql: string) => Promise<T[]>

/**
 * MariaDB 10.10+ lists its UCA 14.0 collations in COLLATIONS once, without a character set or id
 * (`uca1400_ai_ci`); COLLATION_CHARACTER_SET_APPLICABILITY has a row with the id for each
 * character set it applies to (`utf16_uca1400_ai_ci`, 2816). It includes every other collation
 * too. Older MariaDB has no ID column there (ER_BAD_FIELD_ERROR): then COLLATIONS, as on MySQL.
 */
const MARIADB_SQL = 'SELECT ID, CHARACTER_SET_NAME FROM information_schema.COLLATION_CHARACTER_SET_APPLICABILITY WHERE ID IS NOT NULL'
const COLLATIONS_SQL = 'SELECT ID, CHARACTER_SET_NAME FROM information_schema.COLLATIONS WHERE ID IS NOT NULL'
const ER_BAD_FIELD_ERROR = 1054

/** (collation id, character set name) of every collation the source has. */
export async function readCollationList(query: SourceQuery, flavor: 'mysql' | 'mariadb'): Promise<[number, string][]> {
  let rows: { ID: string | number; CHARACTER_SET_NAME: string }[]
  try {
    rows = await query(flavor === 'mariadb' ? MARIADB_SQL : COLLATIONS_SQL)
  } catch (err) {
    if (flavor !== 'mariadb' || (err as { errno?: number }).errno !== ER_BAD_FIELD_ERROR) throw err
    rows = await query(COLLATIONS_SQL)
  }
  return rows.map((r) => [Number(r.ID), String(r.CHARACTER_SET_NAME).toLowerCase()])
}
