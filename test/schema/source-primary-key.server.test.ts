// The primary key describeSourceTable reads (for the copy) must be the one TABLE_MAP reports (for
// the stream), or the target is keyed one way by the copy and the other by the stream and made
// again at every start (issue 10, case 9). Tables without a PRIMARY KEY but with UNIQUE keys in
// orders the servers sort differently from the order written, each with a row written and its
// TABLE_MAP read back from the binlog, on both servers, through the replication account.

import { afterAll, describe, expect, test } from 'bun:test'
import mysql from 'mysql2/promise'
import { BinlogClient, type Flavor, TransactionReader } from '../../src/binlog/index.ts'
import { describeSourceTable } from '../../src/schema/source/index.ts'
import { REPL } from '../ops/support/world.ts'
import { SERVERS, flavorOf, SOURCES, freshDatabase, replicaServerId } from '../support/servers.ts'

interface KeyCase {
  name: string
  /** Column list and keys of CREATE TABLE. */
  body: string
  /** The primary key TABLE_MAP reports, by column name. */
  key: string[]
  /** Where the servers differ. */
  only?: Flavor
}

const CASES: KeyCase[] = [
  { name: 'u', body: 'id INT NOT NULL UNIQUE, v INT', key: ['id'] },
  { name: 's', body: 'id SERIAL, v INT', key: ['id'] },
  { name: 'later_column', body: 'v INT, id INT NOT NULL, UNIQUE KEY (id)', key: ['id'] },
  // NOT NULL unique keys go before those with a NULL-able part, in the order written.
  {
    name: 'nullable_first',
    body: 'a INT NULL, b INT NOT NULL, c INT NOT NULL, UNIQUE KEY ka (a), UNIQUE KEY kc (c), UNIQUE KEY kb (b)',
    key: ['c'],
  },
  { name: 'written_order', body: 'a INT NOT NULL, b INT NOT NULL, UNIQUE KEY kb (b), UNIQUE KEY ka (a)', key: ['b'] },
  // A prefix part never makes the key; keys without one go first.
  { name: 'prefix_first', body: 'v VARCHAR(20) NOT NULL, n INT NOT NULL, UNIQUE KEY kv (v(5)), UNIQUE KEY kn (n)', key: ['n'] },
  { name: 'composite', body: 'z INT NULL, x INT NOT NULL, y INT NOT NULL, UNIQUE KEY kz (z), UNIQUE KEY kyx (y, x)', key: ['y', 'x'] },
  { name: 'partly_nullable', body: 'n INT NULL, m INT NOT NULL, p INT NOT NULL, UNIQUE KEY knm (n, m), UNIQUE KEY kp (p)', key: ['p'] },
  { name: 'plain_index_first', body: 'q INT NOT NULL, r INT NOT NULL, KEY kq (q), UNIQUE KEY kr (r)', key: ['r'] },
  { name: 'only_nullable', body: 'a INT NULL, b INT NULL, UNIQUE KEY (a), UNIQUE KEY (b)', key: [] },
  { name: 'no_unique', body: 'a INT NOT NULL, KEY (a)', key: [] },
  { name: 'primary_wins', body: 'a INT NOT NULL UNIQUE, b INT NOT NULL, PRIMARY KEY (b)', key: ['b'] },
  // MariaDB keeps a unique TEXT as a hash over a hidden column (last of the unique keys), never the key.
  { name: 'text_unique', body: 't TEXT NOT NULL, k INT NOT NULL, UNIQUE KEY kt (t), UNIQUE KEY kk (k)', key: ['k'], only: 'mariadb' },
  { name: 'text_unique_only', body: 't TEXT NOT NULL, UNIQUE KEY kt (t)', key: [], only: 'mariadb' },
  { name: 'text_prefix', body: 't TEXT NOT NULL, k INT NOT NULL, UNIQUE KEY kt (t(10)), UNIQUE KEY kk (k)', key: ['k'] },
  // USING HASH: MariaDB makes it a long unique key (never the key); MySQL's InnoDB keeps a B-tree.
  { name: 'using_hash', body: 'a INT NOT NULL, UNIQUE KEY ka (a) USING HASH', key: ['a'], only: 'mysql' },
  { name: 'using_hash', body: 'a INT NOT NULL, UNIQUE KEY ka (a) USING HASH', key: [], only: 'mariadb' },
  // A functional key part (an expression over a hidden column) never makes the key. (An INVISIBLE or
  // IGNORED unique key that would be the key is refused by the servers: "A primary key index cannot be invisible".)
  { name: 'functional', body: 'a INT NOT NULL, b INT NOT NULL, UNIQUE KEY ka ((a + 1)), UNIQUE KEY kb (b)', key: ['b'], only: 'mysql' },
]

const clients: BinlogClient[] = []
afterAll(() => clients.forEach((c) => c.close()))

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test('describeSourceTable reports the primary key TABLE_MAP reports, unique keys included', async () => {
    const { name: db, sql } = await freshDatabase(server, 't_src_pk')
    const repl = await mysql.createConnection({
      host: SOURCES[server].host,
      port: SOURCES[server].port,
      user: REPL.user,
      password: REPL.password,
    })
    const client = await BinlogClient.connect(SOURCES[server])
    clients.push(client)
    const cases = CASES.filter((c) => !c.only || c.only === flavor)
    try {
      // Outside strict mode a column without a default takes its type's implicit one.
      await sql.query("SET SESSION sql_mode = ''")
      const start = await client.currentPosition()
      for (const c of cases) {
        await sql.query(`CREATE TABLE ${c.name} (${c.body})`)
        // One row: every column takes its implicit default (0, '' or a fresh SERIAL).
        await sql.query(`INSERT INTO ${c.name} () VALUES ()`)
      }
      const mapped = new Map<string, string[]>()
      const stream = await client.events({ gtid: start.gtidSet!.toString() }, { serverId: replicaServerId(), nonBlocking: true })
      for await (const it of new TransactionReader(start).read(stream)) {
        if (it.kind !== 'rows' || it.event.table.database !== db) continue
        const t = it.event.table
        mapped.set(
          t.table,
          t.primaryKey.map((i) => t.columns[i].name),
        )
      }
      stream.close()

      const asRepl = async (text: string, params: string[]) => (await repl.query(text, params))[0] as Record<string, unknown>[]
      const described = new Map<string, string[]>()
      for (const c of cases) {
        const shape = await describeSourceTable(asRepl, db, c.name)
        described.set(
          c.name,
          shape.primaryKey.map((i) => shape.columns[i].name),
        )
        expect({ table: c.name, prefixes: shape.primaryKeyPrefixes }).toEqual({ table: c.name, prefixes: c.key.map(() => 0) })
      }
      const expected = Object.fromEntries(cases.map((c) => [c.name, c.key]))
      expect(Object.fromEntries(mapped)).toEqual(expected)
      expect(Object.fromEntries(described)).toEqual(expected)
    } finally {
      await repl.end()
      await sql.query(`DROP DATABASE \`${db}\``)
      await sql.end()
    }
  }, 60_000)
})
