// Against the running servers (test/servers/up), not the stored captures: every source table of
// corpus/show-create-sources.sql is created again and its SHOW CREATE TABLE, read back now,
// must mean what the parse of the source says.

import { describe, expect, test } from 'bun:test'
import mysql from 'mysql2/promise'
import { parseDdl, type DdlParseOptions, type ServerFlavor } from '../../../src/schema/ddl/index.ts'
import { SOURCES } from '../../support/servers.ts'
import { readAnnotatedSql } from './annotated-sql.ts'
import { meaning, reconcile } from './table-meaning.ts'

const servers: { flavor: ServerFlavor; port: number }[] = [
  { flavor: 'mysql', port: SOURCES.mysql.port },
  { flavor: 'mariadb', port: SOURCES.mariadb10.port },
]

const sources = readAnnotatedSql(new URL('./corpus/show-create-sources.sql', import.meta.url).pathname)

for (const { flavor, port } of servers) {
  describe(`${flavor} on ${port}, live`, () => {
    test('SHOW CREATE TABLE of every source table means what the source says', async () => {
      const admin = await mysql.createConnection({
        host: '127.0.0.1',
        port,
        user: 'chsync',
        password: 'chsync-test-pw',
        charset: 'UTF8MB4_UNICODE_CI',
      })
      await admin.query('DROP DATABASE IF EXISTS t_ddl_live')
      await admin.query('CREATE DATABASE t_ddl_live CHARACTER SET utf8mb4')
      await admin.end()
      let compared = 0
      try {
        for (const source of sources) {
          if (!(source.notes.servers ?? '').split(/\s+/).includes(flavor)) continue
          const options: DdlParseOptions = { flavor, ...(source.notes.options ? JSON.parse(source.notes.options) : {}) }
          const written = parseDdl(source.sql, options)
          const c = await mysql.createConnection({
            host: '127.0.0.1',
            port,
            user: 'chsync',
            password: 'chsync-test-pw',
            database: 't_ddl_live',
            charset: 'UTF8MB4_UNICODE_CI',
          })
          try {
            for (const statement of source.notes.session?.split('\n') ?? []) await c.query(statement)
            // Sources that name t_ddl_show explicitly are created here instead.
            await c.query(source.sql.replaceAll('t_ddl_show', 't_ddl_live'))
            if (written.kind !== 'create_table' && written.kind !== 'create_table_like')
              throw new Error(`${source.where} is not a CREATE TABLE`)
            const [rows] = await c.query(`SHOW CREATE TABLE \`${written.table.name.replaceAll('`', '``')}\``)
            const shownSql = String((rows as Record<string, unknown>[])[0]['Create Table'])
            const shownOptions = source.notes['shown-options'] ? JSON.parse(source.notes['shown-options']) : {}
            const shown = parseDdl(shownSql, { ...options, ...shownOptions })
            expect(shown.kind).toBe('create_table')
            if (written.kind === 'create_table' && written.select === null && shown.kind === 'create_table') {
              const [a, b] = [meaning(shown, flavor), meaning(written, flavor)]
              reconcile(a, b)
              expect({ table: source.where, meaning: a }).toEqual({ table: source.where, meaning: b })
              compared++
            }
          } finally {
            await c.end()
          }
        }
      } finally {
        const cleanup = await mysql.createConnection({ host: '127.0.0.1', port, user: 'chsync', password: 'chsync-test-pw' })
        await cleanup.query('DROP DATABASE IF EXISTS t_ddl_live')
        await cleanup.end()
      }
      expect(compared).toBeGreaterThan(50)
    }, 60_000)
  })
}
