// The collation catalogs captured from the test servers (fixtures/collations.json, made by
// capture-collations.ts), for tests that run without a server.

import { readFileSync } from 'node:fs'
import type { Flavor } from '../../../../src/binlog/index.ts'
import { CollationCatalog, type CollationRow } from '../../../../src/schema/changes/index.ts'

type Row = [string, string, number, string, number]
const fixture = JSON.parse(readFileSync(new URL('../fixtures/collations.json', import.meta.url).pathname, 'utf8')) as Record<
  Flavor,
  { rows: Row[] }
>

export function collationRows(flavor: Flavor): CollationRow[] {
  return fixture[flavor].rows.map(([COLLATION_NAME, CHARACTER_SET_NAME, ID, IS_DEFAULT, MAXLEN]) => ({
    COLLATION_NAME,
    CHARACTER_SET_NAME,
    ID,
    IS_DEFAULT,
    MAXLEN,
  }))
}

export const CATALOGS: Record<Flavor, CollationCatalog> = {
  mysql: CollationCatalog.fromRows(collationRows('mysql')),
  mariadb: CollationCatalog.fromRows(collationRows('mariadb')),
}

/** A collation id by name, for expectations. */
export function collationId(flavor: Flavor, name: string): number {
  const found = CATALOGS[flavor].byName(name)
  if (found === undefined) throw new Error(`no collation ${name} on ${flavor}`)
  return found.id
}
