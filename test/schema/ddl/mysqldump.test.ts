// Real dumps (corpus/mysqldump-{mysql,mariadb}.sql, made by capture.ts with mysqldump 9.7 and
// mariadb-dump 10.11 with routines and triggers) split into statements and parse: the CREATE
// TABLEs mean the same tables as the servers' SHOW CREATE TABLE captures, and the executable
// comments, DELIMITER blocks and client SET statements around them are classified.

import { describe, expect, test } from 'bun:test'
import { readFileSync } from 'node:fs'
import { parseDdl, splitStatements, type DdlStatement, type ServerFlavor } from '../../../src/schema/ddl/index.ts'
import { meaning, type TableMeaning } from './table-meaning.ts'

const corpus = new URL('./corpus/', import.meta.url).pathname
const shownCaptures = (
  JSON.parse(readFileSync(corpus + 'show-create.json', 'utf8')) as { entries: { server: ServerFlavor; shown: string }[] }
).entries

for (const flavor of ['mysql', 'mariadb'] as const) {
  describe(`${flavor} dump`, () => {
    const statements = splitStatements(readFileSync(corpus + `mysqldump-${flavor}.sql`, 'utf8'), { flavor })
    const parsed = statements.map((sql) => ({ sql, ast: parseDdl(sql, { flavor }) }))
    const kinds = (kind: DdlStatement['kind']) => parsed.filter((p) => p.ast.kind === kind)

    test('every statement parses, tables and databases fully, the rest as other', () => {
      expect(statements.length).toBeGreaterThan(300)
      expect(kinds('create_database').map((p) => p.ast)).toMatchObject([
        { name: 't_ddl_dump', ifNotExists: true, charset: 'utf8mb4' },
        { name: 't_ddl_show', ifNotExists: true, charset: 'utf8mb4' },
      ])
      const others = new Set(kinds('other').map((p) => (p.ast as { head: string }).head))
      for (const head of ['SET', 'USE', 'LOCK TABLES', 'UNLOCK TABLES', 'INSERT INTO']) expect(others.has(head)).toBe(true)
    })

    test('the trigger and routines stay whole statements inside DELIMITER ;;', () => {
      // mysqldump prints the trigger's name quoted, mariadb-dump as it was written.
      const trigger = statements.filter((s) => /TRIGGER (`customer_bi`|t_ddl_dump\.customer_bi)/.test(s))
      expect(trigger.length).toBe(1)
      expect(trigger[0]).toContain("SET NEW.name = 'anon;ymous'; END IF; END")
      expect(parseDdl(trigger[0], { flavor })).toEqual({ kind: 'other', head: 'CREATE DEFINER' })
      expect(statements.some((s) => /PROCEDURE `touch`[\s\S]*SELECT 1; END$/.test(s))).toBe(true)
    })

    test('ALTER TABLE ... DISABLE KEYS in executable comments is a no-effect ALTER', () => {
      const alters = kinds('alter_table').map((p) => p.ast)
      expect(alters).toContainEqual({
        kind: 'alter_table',
        table: { database: null, name: 'customer' },
        ifExists: false,
        online: false,
        ignore: false,
        actions: [{ kind: 'no_effect', clause: 'disable_keys', text: 'DISABLE KEYS' }],
      })
      expect(alters.every((a) => a.kind === 'alter_table' && a.actions.every((x) => x.kind === 'no_effect'))).toBe(true)
    })

    test('each dumped table of t_ddl_show means what SHOW CREATE TABLE said', () => {
      const shown = new Map<string, TableMeaning>()
      for (const capture of shownCaptures.filter((c) => c.server === flavor)) {
        // The dump is taken with backslash escapes on, whatever the session printed under.
        const ast = parseDdl(capture.shown, { flavor, ansiQuotes: capture.shown.startsWith('CREATE TABLE "') })
        if (ast.kind === 'create_table') shown.set(ast.table.name, meaning(ast, flavor))
      }
      let database = ''
      let compared = 0
      for (const { sql, ast } of parsed) {
        const use = /^USE `([^`]*)`$/.exec(sql)
        if (use !== null) database = use[1]
        if (database !== 't_ddl_show' || ast.kind !== 'create_table') continue
        expect(shown.has(ast.table.name)).toBe(true)
        expect(meaning(ast, flavor)).toEqual(shown.get(ast.table.name) as TableMeaning)
        compared++
      }
      expect(compared).toBe(shown.size)
    })
  })
}
