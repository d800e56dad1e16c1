// Foreign keys followed through DDL, checked on the real servers: corpus/foreign-keys.sql runs on
// MySQL 9.7 and MariaDB 10.11; after each statement every tracked table's foreign keys must equal
// information_schema's (names, columns, parent, actions) and its secondary indexes STATISTICS'
// (the index a foreign key makes, and drops); the lab checks columns against TABLE_MAP as usual.

import { afterAll, describe, expect, test } from 'bun:test'
import type mysql from 'mysql2/promise'
import { tableKey, type TrackedForeignKey, type TrackedTable } from '../../../src/model/index.ts'
import { describeAllForeignKeys } from '../../../src/schema/source/index.ts'
import { readAnnotatedSql } from '../ddl/annotated-sql.ts'
import { SERVERS, flavorOf, sqlSession } from '../../support/servers.ts'
import { ServerLab } from './support/lab.ts'

const corpus = new URL('./corpus/foreign-keys.sql', import.meta.url).pathname

const labs: ServerLab[] = []
const sessions: mysql.Connection[] = []
afterAll(async () => {
  for (const lab of labs) await lab.close()
  for (const s of sessions) await s.end()
})

function byName<T extends { name: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

function brief(fk: TrackedForeignKey): string {
  return `${fk.name}(${fk.columns}) -> ${fk.parent.database}.${fk.parent.table}(${fk.parent.columns}) ${fk.onDelete}/${fk.onUpdate}`
}

/** Secondary indexes as "name(columns)", by name: what the derivation keeps and what STATISTICS has. */
function indexes(table: TrackedTable): string[] {
  return byName((table.keys ?? []).filter((k) => k.kind !== 'primary')).map((k) => `${k.name}(${k.parts.map((p) => p.column).join(',')})`)
}

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test('derived foreign keys and indexes equal information_schema after each statement', async () => {
    const lab = await ServerLab.open(server, 't_chg_fk')
    labs.push(lab)
    const other = `${lab.database}_b`
    await lab.serverOnly(`DROP DATABASE IF EXISTS \`${other}\``)
    await lab.serverOnly(`CREATE DATABASE \`${other}\``)
    const sql = await sqlSession(server)
    sessions.push(sql)
    const query = async (text: string, params: string[]) => (await sql.query(text, params))[0] as Record<string, unknown>[]

    const problems: string[] = []
    for (const s of readAnnotatedSql(corpus)) {
      if (!(s.notes.servers ?? 'mysql mariadb').split(/\s+/).includes(flavor)) continue
      // The lab's probe rows reference nothing: ALTERs that add a foreign key would refuse them.
      await lab.run({ sql: s.sql.replaceAll('OTHER', other), where: s.where, session: ['SET SESSION foreign_key_checks = 0'] })
      const truth = await describeAllForeignKeys(query, [lab.database, other])
      const [stats] = await sql.query(
        `SELECT TABLE_SCHEMA AS db, TABLE_NAME AS t, INDEX_NAME AS name, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS cols
         FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN (?, ?) AND INDEX_NAME <> 'PRIMARY' GROUP BY 1, 2, 3`,
        [lab.database, other],
      )
      const serverIndexes = new Map<string, string[]>()
      for (const r of stats as { db: string; t: string; name: string; cols: string }[]) {
        const key = tableKey(r.db, r.t)
        serverIndexes.set(key, [...(serverIndexes.get(key) ?? []), `${r.name}(${r.cols})`].sort())
      }
      for (const [key, table] of lab.tables) {
        if (table.database !== lab.database && table.database !== other) continue
        const derived = byName(table.foreignKeys ?? [])
        const server = byName(truth.get(key) ?? [])
        if (JSON.stringify(derived) !== JSON.stringify(server))
          problems.push(`${s.where} ${table.table}: derived ${derived.map(brief).join(' ')}; server ${server.map(brief).join(' ')}`)
        const derivedIndexes = indexes(table)
        const onServer = serverIndexes.get(key) ?? []
        if (JSON.stringify(derivedIndexes) !== JSON.stringify(onServer))
          problems.push(`${s.where} ${table.table}: indexes derived ${derivedIndexes.join(' ')}, server ${onServer.join(' ')}`)
      }
    }
    expect(problems).toEqual([])
    const { problems: tableMaps } = await lab.verify()
    expect(tableMaps).toEqual([])

    // A few values spelled out, so that agreement is not agreement on nothing.
    const expected: TrackedForeignKey = {
      name: 'k_ibfk_1',
      columns: ['pid'],
      parent: { database: other, table: 'p3', columns: ['pk'] },
      onDelete: 'CASCADE',
      onUpdate: flavor === 'mariadb' ? 'RESTRICT' : 'NO ACTION',
    }
    expect(lab.tables.get(tableKey(other, 'k'))?.foreignKeys).toEqual([expected])
    expect(
      byName(lab.tables.get(tableKey(other, 'cc'))?.foreignKeys ?? []).map(
        (fk) => `${fk.name}(${fk.columns}) -> ${fk.parent.table}(${fk.parent.columns}) ${fk.onDelete}`,
      ),
    ).toEqual(['cc_ibfk_2(xx,y) -> p3(a,b) SET NULL', 'cc_ibfk_3(parent) -> p3(pk) SET NULL'])
    expect(
      byName(lab.tables.get(tableKey(lab.database, 'staff2'))?.foreignKeys ?? []).map(
        (fk) => `${fk.name} -> ${fk.parent.table}(${fk.parent.columns})`,
      ),
    ).toEqual([
      'by_sid -> p3(pk)',
      'f2 -> p3(pk)',
      'staff2_ibfk_1 -> staff2(sid)',
      ...(flavor === 'mysql' ? ['staff2_ibfk_2 -> p3(pk)'] : []),
    ])
  }, 120_000)
})
