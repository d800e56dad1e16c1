// Foreign keys described from information_schema, by an account with all privileges and by the
// replication account: MariaDB hides REFERENTIAL_CONSTRAINTS from an account with only SELECT,
// so there the actions come from SHOW CREATE TABLE; both accounts must see the same keys.

import { expect, test } from 'bun:test'
import mysql from 'mysql2/promise'
import { type ReferentialAction, tableKey, type TrackedForeignKey } from '../../src/model/index.ts'
import { describeAllForeignKeys, describeForeignKeys } from '../../src/schema/source/index.ts'
import { SERVERS, flavorOf, SOURCES, freshDatabase } from '../support/servers.ts'
import { REPL } from '../ops/support/world.ts'

test.each(SERVERS)('%s: the replication account sees every foreign key with its actions', async (server) => {
  const flavor = flavorOf(server)
  const { name, sql } = await freshDatabase(server, 't_src_fk')
  const repl = await mysql.createConnection({
    host: SOURCES[server].host,
    port: SOURCES[server].port,
    user: REPL.user,
    password: REPL.password,
  })
  try {
    await sql.query('CREATE TABLE p (id INT PRIMARY KEY, a INT, b VARCHAR(5), UNIQUE KEY (a, b))')
    await sql.query(`CREATE TABLE c (
      id INT PRIMARY KEY, pid INT, x INT, y VARCHAR(5),
      CONSTRAINT \`we\`\`ird name\` FOREIGN KEY (pid) REFERENCES p (id) ON DELETE SET NULL ON UPDATE CASCADE,
      FOREIGN KEY (x, y) REFERENCES p (a, b) ON DELETE CASCADE,
      FOREIGN KEY (id) REFERENCES p (id))`)
    const asRoot = async (text: string, params: string[]) => (await sql.query(text, params))[0] as Record<string, unknown>[]
    const asRepl = async (text: string, params: string[]) => (await repl.query(text, params))[0] as Record<string, unknown>[]
    const unwritten: ReferentialAction = flavor === 'mariadb' ? 'RESTRICT' : 'NO ACTION'
    const expected: TrackedForeignKey[] = [
      {
        name: 'c_ibfk_1',
        columns: ['x', 'y'],
        parent: { database: name, table: 'p', columns: ['a', 'b'] },
        onDelete: 'CASCADE',
        onUpdate: unwritten,
      },
      {
        name: 'c_ibfk_2',
        columns: ['id'],
        parent: { database: name, table: 'p', columns: ['id'] },
        onDelete: unwritten,
        onUpdate: unwritten,
      },
      {
        name: 'we`ird name',
        columns: ['pid'],
        parent: { database: name, table: 'p', columns: ['id'] },
        onDelete: 'SET NULL',
        onUpdate: 'CASCADE',
      },
    ]
    expect(await describeForeignKeys(asRoot, name, 'c')).toEqual(expected)
    expect(await describeForeignKeys(asRepl, name, 'c')).toEqual(expected)
    expect((await describeAllForeignKeys(asRepl, [name])).get(tableKey(name, 'c'))).toEqual(expected)
    expect(await describeForeignKeys(asRepl, name, 'p')).toEqual([])
    // Why SHOW CREATE TABLE is needed: MariaDB shows the replication account no constraint rows.
    const [visible] = await repl.query('SELECT COUNT(*) AS n FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?', [
      name,
    ])
    expect(Number((visible as { n: number }[])[0].n)).toBe(flavor === 'mariadb' ? 0 : 3)
  } finally {
    await repl.end()
    await sql.query(`DROP DATABASE \`${name}\``)
    await sql.end()
  }
})
