// The heart of DDL translation, checked on the real servers: every CREATE TABLE of the DDL
// corpus (test/schema/ddl/corpus/show-create-sources.sql) and of corpus/tables.sql, and every
// ALTER of corpus/tables.sql, runs on MySQL 9.7 and MariaDB 10.11; one row is then written into
// each table it changed, and the TABLE_MAP the binlog client decodes for that row must equal the
// table derived from the statement alone — every ColumnDef field and the primary key.

import { afterAll, describe, expect, test } from 'bun:test'
import type { DdlParseOptions } from '../../../src/schema/ddl/index.ts'
import { readAnnotatedSql, type AnnotatedStatement } from '../ddl/annotated-sql.ts'
import { SERVERS, type TestServer, flavorOf } from '../../support/servers.ts'
import { ServerLab, type LabStatement } from './support/lab.ts'

const ddlCorpus = new URL('../ddl/corpus/', import.meta.url).pathname
const corpus = new URL('./corpus/', import.meta.url).pathname

/** `servers` names flavors; `not-on` test servers that refuse the statement (the reason follows in parentheses). */
function runsOn(notes: Record<string, string>, server: TestServer): boolean {
  const notOn = (notes['not-on'] ?? '').replace(/\(.*\)/, '').split(/\s+/)
  return (notes.servers ?? 'mysql mariadb').split(/\s+/).includes(flavorOf(server)) && !notOn.includes(server)
}

function labStatement(s: AnnotatedStatement, database: string): LabStatement {
  return {
    // The DDL corpus names its own database in two statements.
    sql: s.sql.replaceAll('t_ddl_show', database),
    where: s.where,
    session: s.notes.session ? s.notes.session.split('\n') : [],
    options: s.notes.options ? (JSON.parse(s.notes.options) as DdlParseOptions) : {},
    noProbe: s.notes['no-probe'] ? s.notes['no-probe'].split(/\s+/) : [],
  }
}

/** show-create-sources.sql entries the binlog client cannot decode a row of, or that write elsewhere. */
const NO_PROBE: Record<string, string> = {
  merge_union: 'a MERGE table: its rows are logged for the MyISAM table under it',
}

const labs: ServerLab[] = []
afterAll(async () => {
  for (const lab of labs) await lab.close()
})

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test('derived tables equal the TABLE_MAP of a row written after each statement', async () => {
    const lab = await ServerLab.open(server, 't_chg_tablemap')
    labs.push(lab)
    // The probes leave a row in each table: ALTERs that retype columns run outside strict mode.
    const ours = readAnnotatedSql(corpus + 'tables.sql').map((s) => ({
      ...s,
      notes: { session: "SET SESSION sql_mode = ''", ...s.notes } as Record<string, string>,
    }))
    const statements = [...readAnnotatedSql(ddlCorpus + 'show-create-sources.sql'), ...ours].filter((s) => runsOn(s.notes, server))
    const wrongKinds: string[] = []
    for (const s of statements) {
      const statement = labStatement(s, lab.database)
      const name = s.notes.name ?? ''
      if (name in NO_PROBE) statement.noProbe = [name]
      const changes = await lab.run(statement)
      const kinds = changes.map((c) => c.kind).join(' ')
      if (s.notes.changes !== undefined && kinds !== s.notes.changes) wrongKinds.push(`${s.where}: ${kinds}`)
    }
    expect(wrongKinds).toEqual([])
    const { checked, problems } = await lab.verify()
    expect(problems).toEqual([])
    expect(checked).toBeGreaterThan(flavor === 'mysql' ? 110 : 118)
  }, 120_000)
})
