// queryTextRows against mysql2's own reading of the same SELECT on real servers: every value of
// every type family byte for byte (NULLs included), values longer than 250 and 65535 bytes (the
// 0xfc and 0xfd length forms), server errors with their errno, a column count that does not match,
// pausing for a slow handler, and a handler failure that leaves the connection usable.

import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import mysql from 'mysql2'
import { isConnectionLost } from '../../src/binlog/index.ts'
import { describeSourceTable } from '../../src/schema/source/index.ts'
import { ServerQueryError, type TextRow, queryTextRows } from '../../src/snapshot/text-result.ts'
import { snapshotSelectList } from '../../src/source/index.ts'
import { selectRaw } from '../binlog/support/server-text.ts'
import { familiesFor } from '../binlog/support/type-families.ts'
import { columnNames } from '../sink/encode/support/families.ts'
import { SERVERS, flavorOf, SOURCES, freshDatabase, type TestServer } from '../support/servers.ts'

function connect(server: TestServer): mysql.Connection {
  const o = SOURCES[server]
  const conn = mysql.createConnection({ host: o.host, port: o.port, user: o.user, password: o.password, charset: 'utf8mb4_general_ci' })
  conn.on('error', () => {})
  return conn
}

/** Every row of `sql` as copies of its values (the row object is only valid during the call). */
async function readAll(conn: mysql.Connection, sql: string, width: number): Promise<(Buffer | null)[][]> {
  const out: (Buffer | null)[][] = []
  const n = await queryTextRows(conn, sql, width, (row: TextRow) => {
    out.push(
      Array.from({ length: width }, (_, i) => {
        const v = row.value(i)
        return v === null ? null : Buffer.from(v)
      }),
    )
  })
  expect(n).toBe(out.length)
  return out
}

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  let db: string
  let conn: mysql.Connection
  beforeAll(async () => {
    const { name, sql } = await freshDatabase(server, 't_text_rows')
    db = name
    try {
      await sql.query("SET SESSION sql_mode = ''")
      for (const f of familiesFor(flavor)) {
        await sql.query(`CREATE TABLE f_${f.name} (id INT PRIMARY KEY, ${f.columns.join(', ')})`)
        await sql.query(
          `INSERT INTO f_${f.name} (id, ${columnNames(f).join(', ')}) VALUES ${f.rows.map((r, i) => `(${i + 1}, ${r.slice(1)}`).join(', ')}`,
        )
      }
      await sql.query('CREATE TABLE long_values (id INT PRIMARY KEY, a TEXT, b MEDIUMBLOB)')
      await sql.query(
        "INSERT INTO long_values VALUES (1, REPEAT('x', 250), REPEAT('y', 251)), (2, REPEAT('é', 40000), REPEAT('z', 65536)), (3, '', NULL), (4, NULL, REPEAT('w', 300000))",
      )
      await sql.query('CREATE TABLE many (id INT PRIMARY KEY)')
      await sql.query(`INSERT INTO many VALUES ${Array.from({ length: 3000 }, (_, i) => `(${i + 1})`).join(', ')}`)
    } finally {
      await sql.end()
    }
    conn = connect(server)
    await conn.promise().query("SET time_zone = '+00:00'")
  })
  afterAll(() => conn?.destroy())

  test('every value of every type family equals what mysql2 reads', async () => {
    const query = async (text: string, params: string[]) => (await conn.promise().query(text, params))[0] as Record<string, unknown>[]
    let values = 0
    for (const f of [...familiesFor(flavor).map((f) => `f_${f.name}`), 'long_values']) {
      const { columns } = await describeSourceTable(query, db, f)
      const sql = `SELECT ${snapshotSelectList(columns)} FROM \`${db}\`.\`${f}\` ORDER BY id`
      const want = await selectRaw(server, sql)
      const got = await readAll(conn, sql, columns.length)
      expect({ table: f, rows: got.length }).toEqual({ table: f, rows: want.length })
      got.forEach((row, r) =>
        row.forEach((v, c) => {
          values++
          expect({ table: f, row: r, column: columns[c].name, value: v?.toString('hex') ?? null }).toEqual({
            table: f,
            row: r,
            column: columns[c].name,
            value: want[r][c]?.toString('hex') ?? null,
          })
        }),
      )
    }
    expect(values).toBeGreaterThan(300)
  })

  test('a server error comes with its errno; the connection goes on', async () => {
    const err = await queryTextRows(conn, `SELECT nope FROM \`${db}\`.many`, 1, () => {}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ServerQueryError)
    expect((err as ServerQueryError).errno).toBe(1054)
    expect((err as ServerQueryError).sqlState).toBe('42S22')
    expect(await readAll(conn, 'SELECT 1, NULL', 2)).toEqual([[Buffer.from('1'), null]])
  })

  test('a result with another number of columns is refused', async () => {
    const c = connect(server)
    const err = await queryTextRows(c, 'SELECT 1, 2', 3, () => {}).catch((e: unknown) => e)
    expect((err as Error).message).toBe('the result has 2 columns, expected 3')
    c.destroy()
  })

  test('a handler that waits pauses the reading; every row arrives once, in order', async () => {
    const seen: number[] = []
    let waits = 0
    const n = await queryTextRows(conn, `SELECT id FROM \`${db}\`.many ORDER BY id`, 1, (row) => {
      seen.push(Number(row.value(0)!.toString()))
      if (seen.length % 500 === 0) {
        waits++
        return Bun.sleep(5)
      }
    })
    expect(n).toBe(3000)
    expect(waits).toBe(6)
    expect(seen).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1))
  })

  test('a handler failure ends the query with it; the rest is dropped and the connection goes on', async () => {
    let calls = 0
    const boom = new Error('boom')
    const err = await queryTextRows(conn, `SELECT id FROM \`${db}\`.many ORDER BY id`, 1, () => {
      if (++calls === 10) throw boom
    }).catch((e: unknown) => e)
    expect(err).toBe(boom)
    const rejected = await queryTextRows(conn, `SELECT id FROM \`${db}\`.many ORDER BY id`, 1, () => Promise.reject(boom)).catch(
      (e: unknown) => e,
    )
    expect(rejected).toBe(boom)
    expect(await readAll(conn, `SELECT COUNT(*) FROM \`${db}\`.many`, 1)).toEqual([[Buffer.from('3000')]])
    expect(calls).toBe(10)
  })

  test('a connection the server ends mid-query rejects as lost', async () => {
    const c = connect(server)
    await c.promise().query('SELECT 1')
    const pending = queryTextRows(c, 'SELECT SLEEP(5)', 1, () => {})
    await Bun.sleep(100)
    await conn.promise().query(`KILL ${c.threadId}`)
    const err = await pending.catch((e: unknown) => e)
    expect(isConnectionLost(err)).toBe(true)
    c.destroy()
  })
})
