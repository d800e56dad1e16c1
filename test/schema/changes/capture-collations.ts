// Captures the collation catalogs of the test servers (MySQL 9.7 on 33307, MariaDB 10.11 on
// 33306) for the tests that run without a server. Run from the repository root:
//   bun test/schema/changes/capture-collations.ts
// Writes test/schema/changes/fixtures/collations.json.

import { writeFileSync } from 'node:fs'
import { collationsQuery, type CollationRow } from '../../../src/schema/changes/index.ts'
import { serverOf, sqlSession } from '../../support/servers.ts'

const out: Record<string, unknown> = {}
// One capture per flavor, from its first test server (the fixture is keyed by flavor).
for (const flavor of ['mysql', 'mariadb'] as const) {
  const sql = await sqlSession(serverOf(flavor))
  const [[{ v }]] = (await sql.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]]
  const command = `${collationsQuery(flavor)} ORDER BY ID`
  const [rows] = (await sql.query(command)) as unknown as [CollationRow[]]
  out[flavor] = {
    version: v,
    command,
    rows: rows.map((r) => [r.COLLATION_NAME, r.CHARACTER_SET_NAME, Number(r.ID), r.IS_DEFAULT ?? '', Number(r.MAXLEN)]),
  }
  await sql.end()
}
const path = new URL('./fixtures/collations.json', import.meta.url).pathname
writeFileSync(
  path,
  JSON.stringify({
    captured: new Date().toISOString(),
    columns: ['COLLATION_NAME', 'CHARACTER_SET_NAME', 'ID', 'IS_DEFAULT', 'MAXLEN'],
    ...out,
  }) + '\n',
)
console.log(`wrote ${path}`)
