// describeSourceTable through an account that may read only some columns of a table: the server
// shows it only those columns in information_schema, so the description would silently lack the
// others. It must refuse instead, with the server's reason (run then leaves the table out, verify
// does not compare it). On both servers, with a dedicated account.

import { expect, test } from 'bun:test'
import mysql from 'mysql2/promise'
import { describeSourceTable } from '../../src/schema/source/index.ts'
import { SERVERS, SOURCES, freshDatabase, sqlSession } from '../support/servers.ts'

test.each(SERVERS)('%s: a table the account reads only some columns of is refused, one it reads whole is described', async (server) => {
  const { name: db, sql } = await freshDatabase(server, 't_src_cols')
  const admin = await sqlSession(server)
  const user = `t_src_cols_${server}`
  const password = 'src-cols-pw-Zq9'
  await admin.query(`DROP USER IF EXISTS '${user}'@'127.0.0.1'`)
  let session: mysql.Connection | null = null
  try {
    await sql.query('CREATE TABLE part (id INT PRIMARY KEY, v INT, secret VARCHAR(10))')
    await sql.query('CREATE TABLE whole (id INT PRIMARY KEY, v INT)')
    await admin.query(`CREATE USER '${user}'@'127.0.0.1' IDENTIFIED BY '${password}'`)
    await admin.query(`GRANT SELECT (id, v) ON \`${db}\`.part TO '${user}'@'127.0.0.1'`)
    await admin.query(`GRANT SELECT ON \`${db}\`.whole TO '${user}'@'127.0.0.1'`)
    session = await mysql.createConnection({ host: SOURCES[server].host, port: SOURCES[server].port, user, password })
    const conn = session
    const query = async (text: string, params: string[]) => (await conn.query(text, params))[0] as Record<string, unknown>[]
    // What the account is shown: two of the three columns.
    expect(
      (
        await query('SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY 1', [
          db,
          'part',
        ])
      ).map((r) => r.c),
    ).toEqual(['id', 'v'])
    const refused = await describeSourceTable(query, db, 'part').then(
      () => null,
      (err: Error) => err.message,
    )
    expect(refused).toStartWith(`${db}.part: cannot read every column: SELECT command denied to user '${user}'@`)
    const whole = await describeSourceTable(query, db, 'whole')
    expect({ columns: whole.columns.map((c) => c.name), key: whole.primaryKey }).toEqual({ columns: ['id', 'v'], key: [0] })
  } finally {
    await session?.end()
    await admin.query(`DROP USER IF EXISTS '${user}'@'127.0.0.1'`)
    await admin.end()
    await sql.query(`DROP DATABASE \`${db}\``)
    await sql.end()
  }
})
