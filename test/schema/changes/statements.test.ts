// Statement kinds other than ALTER TABLE: drops, truncation, renames, databases, CREATE TABLE
// variants, and statements that are not table DDL — whose text never shows in a reason.

import { type SchemaChange, tableKey } from '../../../src/model/index.ts'
import { describe, expect, test } from 'bun:test'
import { schemaChanges, SchemaChangeError } from '../../../src/schema/changes/index.ts'
import { parseDdl } from '../../../src/schema/ddl/index.ts'
import { CATALOGS, collationId } from './support/catalogs.ts'
import { Follower, summary } from './support/follow.ts'

describe('tables', () => {
  test('DROP TABLE of several tables: one drop each, IF EXISTS kept', () => {
    const f = new Follower('mysql')
    f.run('CREATE TABLE a (x INT)')
    expect(f.run('DROP TABLE IF EXISTS a, other.b')).toEqual([
      { kind: 'drop_table', database: 'shop', table: 'a', ifExists: true },
      { kind: 'drop_table', database: 'other', table: 'b', ifExists: true },
    ])
    expect(f.tables.size).toBe(0)
  })

  test('TRUNCATE, temporary tables, CREATE TABLE ... SELECT', () => {
    const f = new Follower('mariadb')
    expect(f.run('TRUNCATE TABLE other.t')).toEqual([{ kind: 'truncate_table', database: 'other', table: 't' }])
    expect(f.run('CREATE TEMPORARY TABLE tmp (a INT)').map(summary)).toEqual([
      'no_effect: CREATE TEMPORARY TABLE: temporary tables are not replicated in row format',
    ])
    expect(f.run('DROP TEMPORARY TABLE IF EXISTS tmp').map((c) => c.kind)).toEqual(['no_effect'])
    expect(f.run('CREATE TABLE copy AS SELECT 1 AS one')).toEqual([
      {
        kind: 'untranslatable',
        reason:
          'CREATE TABLE ... SELECT: the columns come from the query; take the table from its TABLE_MAP (its rows follow as row events)',
        database: 'shop',
        table: 'copy',
        resync: false,
      },
    ])
  })

  test('CREATE TABLE ... LIKE copies the tracked table, or cannot', () => {
    const f = new Follower('mysql')
    f.run('CREATE TABLE src (id INT PRIMARY KEY, v VARCHAR(3)) CHARACTER SET latin1')
    const [like] = f.run('CREATE TABLE IF NOT EXISTS other.dst LIKE src')
    expect(like).toEqual({ kind: 'create_table', table: { ...f.table('src'), database: 'other', table: 'dst' }, ifNotExists: true })
    expect(f.run('CREATE TABLE x LIKE unknown_table').map((c) => c.kind)).toEqual(['untranslatable'])
  })

  test('MariaDB CREATE OR REPLACE drops first; IF NOT EXISTS keeps the table there', () => {
    const f = new Follower('mariadb')
    f.run('CREATE TABLE t (a INT)')
    expect(f.run('CREATE OR REPLACE TABLE t (b INT)').map(summary)).toEqual(['drop_table shop.t', 'create_table shop.t'])
    expect(f.columns('t')).toEqual(['b'])
    // The server changes nothing (and still logs the statement): no change, the tracked table stays.
    expect(f.run('CREATE TABLE IF NOT EXISTS t (c INT)').map(summary)).toEqual([
      'no_effect: CREATE TABLE IF NOT EXISTS of a table that exists',
    ])
    expect(f.columns('t')).toEqual(['b'])
    expect(f.run('CREATE TABLE IF NOT EXISTS t LIKE t').map(summary)).toEqual([
      'no_effect: CREATE TABLE IF NOT EXISTS of a table that exists',
    ])
    expect(f.columns('t')).toEqual(['b'])
  })

  test('RENAME TABLE of a table that is not tracked says so by leaving `after` out', () => {
    const f = new Follower('mysql')
    expect(f.run('RENAME TABLE a TO b')).toEqual([
      { kind: 'rename_table', from: { database: 'shop', table: 'a' }, to: { database: 'shop', table: 'b' } },
    ])
  })

  test('MariaDB system versioning adds row_start / row_end and puts row_end into the keys', () => {
    const f = new Follower('mariadb')
    f.run('CREATE TABLE v (id INT PRIMARY KEY, n INT WITHOUT SYSTEM VERSIONING) WITH SYSTEM VERSIONING')
    const t = f.table('v')
    expect(t.columns.map((c) => [c.name, c.type, c.fsp, c.nullable])).toEqual([
      ['id', 3, 0, false],
      ['n', 3, 0, true],
      ['row_start', 17, 6, false],
      ['row_end', 17, 6, false],
    ])
    expect(t.primaryKey).toEqual([0, 3])
    expect(f.run('ALTER TABLE v DROP SYSTEM VERSIONING').map(summary)).toEqual([
      'drop_column row_start',
      'drop_column row_end',
      'set_primary_key (id)',
    ])
  })

  test('MariaDB long UNIQUE keys get their hidden hash column last', () => {
    const f = new Follower('mariadb')
    f.run('CREATE TABLE h (a INT, t TEXT, UNIQUE KEY (t))')
    f.run('ALTER TABLE h ADD b INT')
    expect(f.columns('h')).toEqual(['a', 't', 'b', 'DB_ROW_HASH_1'])
    expect(f.table('h').columns[3]).toMatchObject({ type: 8, unsigned: true, nullable: true })
    f.run('ALTER TABLE h DROP INDEX t')
    expect(f.columns('h')).toEqual(['a', 't', 'b'])
  })
})

describe('databases', () => {
  test('CREATE DATABASE resolves its collation, DROP keeps IF EXISTS, ALTER changes the default', () => {
    const f = new Follower('mysql', 'shop', { serverCollation: collationId('mysql', 'utf8mb4_0900_ai_ci') })
    expect(f.run('CREATE DATABASE IF NOT EXISTS a CHARACTER SET latin1')).toEqual([
      { kind: 'create_database', database: 'a', ifNotExists: true, collation: collationId('mysql', 'latin1_swedish_ci') },
    ])
    expect(f.run('CREATE SCHEMA b')).toEqual([{ kind: 'create_database', database: 'b', ifNotExists: false, collation: 255 }])
    expect(f.run('ALTER DATABASE COLLATE utf8mb4_bin')).toEqual([{ kind: 'alter_database', database: 'shop', collation: 46 }])
    expect(f.run("ALTER DATABASE b COMMENT = 'x'").map((c) => c.kind)).toEqual(['no_effect'])
    expect(f.run('DROP DATABASE IF EXISTS a')).toEqual([{ kind: 'drop_database', database: 'a', ifExists: true }])
  })

  test('DROP DATABASE forgets its tables', () => {
    const f = new Follower('mariadb')
    f.run('CREATE TABLE t (a INT)')
    f.run('CREATE TABLE other.u (a INT)')
    f.run('DROP DATABASE shop')
    expect([...f.tables.keys()]).toEqual([tableKey('other', 'u')])
  })
})

describe('statements that are not table DDL', () => {
  const secret = 's3cr3t-Passw0rd'
  const statements = [
    `CREATE USER 'app'@'%' IDENTIFIED BY '${secret}'`,
    `ALTER USER 'app'@'%' IDENTIFIED BY '${secret}'`,
    `SET PASSWORD FOR 'app'@'%' = '${secret}'`,
    `GRANT SELECT ON shop.* TO 'app'@'%' IDENTIFIED BY '${secret}'`,
    `CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (USER 'u', PASSWORD '${secret}')`,
    `CREATE DEFINER=\`root\`@\`%\` VIEW v AS SELECT '${secret}' AS x`,
  ]
  for (const flavor of ['mysql', 'mariadb'] as const) {
    test(`${flavor}: no effect, and never their text in a reason`, () => {
      const f = new Follower(flavor)
      const changes: SchemaChange[] = statements.flatMap((sql) => f.run(sql))
      expect(changes.map((c) => c.kind)).toEqual(statements.map(() => 'no_effect'))
      expect(JSON.stringify(changes)).not.toContain(secret)
      expect(changes.map(summary)).toEqual([
        'no_effect: CREATE USER is not table DDL',
        'no_effect: ALTER USER is not table DDL',
        'no_effect: SET PASSWORD is not table DDL',
        'no_effect: GRANT SELECT is not table DDL',
        'no_effect: CREATE SERVER is not table DDL',
        'no_effect: CREATE DEFINER is not table DDL',
      ])
    })
  }

  test('rows written as a statement cannot be followed: resync', () => {
    const f = new Follower('mysql')
    expect(f.run(`INSERT INTO t VALUES ('${secret}')`)).toEqual([
      {
        kind: 'untranslatable',
        reason: 'INSERT INTO logged as a statement: its rows have no row events (binlog_format must be ROW); resync',
        resync: true,
      },
    ])
  })
})

describe('what the catalog does not know', () => {
  test('an unknown character set makes the statement untranslatable, naming it', () => {
    const f = new Follower('mysql')
    expect(f.run('CREATE TABLE t (a VARCHAR(3) CHARACTER SET klingon)')).toEqual([
      {
        kind: 'untranslatable',
        reason: "character set klingon is not in the server's collation catalog",
        resync: false,
        database: 'shop',
        table: 't',
      },
    ])
    f.run('CREATE TABLE u (a INT)')
    expect(f.run('ALTER TABLE u ADD b TEXT COLLATE nope_ci').map(summary)).toEqual([
      "untranslatable: collation nope_ci is not in the server's collation catalog; take the table from its next TABLE_MAP",
    ])
  })

  test('COMPRESSED on a type MariaDB does not compress is untranslatable', () => {
    const f = new Follower('mariadb')
    expect(f.run('CREATE TABLE z (a INT COMPRESSED)').map(summary)).toEqual(['untranslatable: column a: int cannot be COMPRESSED'])
  })

  test("a malformed collation catalog is the caller's error", () => {
    const statement = parseDdl('CREATE TABLE t (a INT)')
    const ctx = { currentDatabase: 'd', flavor: 'mysql' as const, tables: () => undefined }
    expect(() => schemaChanges(statement, { ...ctx, collations: [] })).toThrow(SchemaChangeError)
    try {
      schemaChanges(statement, {
        ...ctx,
        collations: [{ COLLATION_NAME: 'x', CHARACTER_SET_NAME: 'y', ID: 'NaN', IS_DEFAULT: 'Yes', MAXLEN: 1 }],
      })
      throw new Error('no error')
    } catch (err) {
      expect(err).toBeInstanceOf(SchemaChangeError)
      expect((err as SchemaChangeError).code).toBe('bad_catalog')
    }
    expect(schemaChanges(statement, { ...ctx, collations: CATALOGS.mysql })[0].kind).toBe('create_table')
  })
})
