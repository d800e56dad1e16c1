// Foreign-key actions against the real servers: parent and child tables on MariaDB 10.11 (which
// does not log what its foreign keys do to child rows) and MySQL 9.7 (which does), followed into
// ClickHouse by the stand-in applier; after every statement each ClickHouse table must equal its
// source table, value by value. Every action, one and three levels deep, key updates (a text key,
// a child whose primary key holds the foreign key, three levels of composite keys), keyless and
// self-referencing children, foreign_key_checks=0, a child inserted and cascaded in one
// transaction, REPLACE; then the whole binlog applied a second time must change nothing.

import { afterAll, describe, expect, test } from 'bun:test'
import { ClickHouseLogLevel, createClient } from '@clickhouse/client'
import type mysql from 'mysql2/promise'
import type { Flavor } from '../../../src/binlog/index.ts'
import { compareTable, isEqual } from '../../replication/support/compare.ts'
import { CLICKHOUSE_URL, SERVERS, flavorOf, freshDatabase, type TestServer } from '../../support/servers.ts'
import { CascadeReplica } from './support/replica.ts'

const ch = createClient({ url: CLICKHOUSE_URL, log: { level: ClickHouseLogLevel.OFF } })
const open: { replica: CascadeReplica; sql: mysql.Connection }[] = []
afterAll(async () => {
  for (const o of open) {
    o.replica.close()
    await o.sql.end()
  }
  await ch.close()
})

const SCHEMA = [
  'CREATE TABLE p (id INT PRIMARY KEY, code VARCHAR(10) NOT NULL, name VARCHAR(20), UNIQUE KEY (code))',
  'CREATE TABLE c_cascade (id INT PRIMARY KEY, pid INT, v VARCHAR(10), FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE ON UPDATE CASCADE)',
  'CREATE TABLE c_null (id INT PRIMARY KEY, pid INT, d DECIMAL(8,2), FOREIGN KEY (pid) REFERENCES p (id) ON DELETE SET NULL ON UPDATE SET NULL)',
  'CREATE TABLE c_restrict (id INT PRIMARY KEY, pid INT, FOREIGN KEY (pid) REFERENCES p (id) ON DELETE RESTRICT ON UPDATE NO ACTION)',
  'CREATE TABLE c_code (id INT PRIMARY KEY, code VARCHAR(10), t DATETIME(3), FOREIGN KEY (code) REFERENCES p (code) ON UPDATE CASCADE ON DELETE SET NULL)',
  'CREATE TABLE c_keyless (pid INT, note VARCHAR(10), FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE ON UPDATE CASCADE)',
  'CREATE TABLE c_pk (pid INT, n INT, PRIMARY KEY (pid, n), FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE ON UPDATE CASCADE)',
  'CREATE TABLE l1 (id INT PRIMARY KEY, pid INT, FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE ON UPDATE CASCADE)',
  'CREATE TABLE l2 (id INT PRIMARY KEY, l1 INT, FOREIGN KEY (l1) REFERENCES l1 (id) ON DELETE CASCADE)',
  'CREATE TABLE l3 (id INT PRIMARY KEY, l2 INT, FOREIGN KEY (l2) REFERENCES l2 (id) ON DELETE SET NULL)',
  'CREATE TABLE k1 (a INT PRIMARY KEY)',
  'CREATE TABLE k2 (a INT, b INT, PRIMARY KEY (a, b), FOREIGN KEY (a) REFERENCES k1 (a) ON UPDATE CASCADE ON DELETE CASCADE)',
  'CREATE TABLE k3 (a INT, b INT, c INT, PRIMARY KEY (a, b, c), FOREIGN KEY (a, b) REFERENCES k2 (a, b) ON UPDATE CASCADE ON DELETE CASCADE)',
  'CREATE TABLE emp (id INT PRIMARY KEY, boss INT, name VARCHAR(10), FOREIGN KEY (boss) REFERENCES emp (id) ON DELETE CASCADE)',
  'CREATE TABLE emp2 (id INT PRIMARY KEY, boss INT, FOREIGN KEY (boss) REFERENCES emp2 (id) ON DELETE SET NULL)',
]

const STEPS: [name: string, sql: string, only?: Flavor][] = [
  [
    'rows',
    `INSERT INTO p VALUES (1,'a','one'),(2,'b','two'),(3,'c','three'),(4,'d','four'),(5,'e','five'),(6,'f','six'),(8,'h','eight');
    INSERT INTO c_cascade VALUES (1,1,'x'),(2,1,'y'),(3,2,'z'),(4,4,'w'),(5,5,'v'),(6,6,'u'),(7,NULL,'n');
    INSERT INTO c_null VALUES (1,1,1.50),(2,2,-2.25),(3,3,0),(4,5,9.99),(5,6,1);
    INSERT INTO c_restrict VALUES (1,8);
    INSERT INTO c_code VALUES (1,'a','2024-01-02 03:04:05.678'),(2,'c',NULL),(3,'c','1999-12-31 23:59:59.999'),(4,'e',NULL);
    INSERT INTO c_keyless VALUES (1,'k1'),(1,'k1b'),(2,'k2'),(4,'k4'),(NULL,'kn');
    INSERT INTO c_pk VALUES (1,1),(1,2),(2,1),(3,1);
    INSERT INTO l1 VALUES (1,1),(2,1),(3,2),(4,3);
    INSERT INTO l2 VALUES (1,1),(2,1),(3,2),(4,3),(5,4);
    INSERT INTO l3 VALUES (1,1),(2,2),(3,3),(4,4),(5,5),(6,NULL);
    INSERT INTO k1 VALUES (1),(2);
    INSERT INTO k2 VALUES (1,1),(1,2),(2,1);
    INSERT INTO k3 VALUES (1,1,1),(1,1,2),(1,2,1),(2,1,1);
    INSERT INTO emp VALUES (1,NULL,'ceo'),(2,1,'vp'),(3,1,'vp2'),(4,2,'mgr'),(5,4,'dev'),(6,NULL,'other'),(7,6,'o2');
    INSERT INTO emp2 VALUES (1,NULL),(2,1),(3,1),(4,2)`,
  ],
  ['delete: cascade, set null, keyless, a key holding the foreign key, three levels', 'DELETE FROM p WHERE id = 1'],
  ['update of the parent key: cascade and set null', 'UPDATE p SET id = 20 WHERE id = 2'],
  ['update of a text key', "UPDATE p SET code = 'zz' WHERE id = 3"],
  ['an update that leaves the keys alone', "UPDATE p SET name = CONCAT(name, '!')"],
  ['one rows event, two parents', 'DELETE FROM p WHERE id IN (4, 5)'],
  ['self-referencing: cascade down the hierarchy', 'DELETE FROM emp WHERE id = 1'],
  ['self-referencing: set null', 'DELETE FROM emp2 WHERE id = 1'],
  // MySQL 9.7's SQL-layer foreign keys refuse this one (k3's key to k2 is checked before it cascades).
  ['three levels of composite keys: update', 'UPDATE k1 SET a = 10 WHERE a = 1', 'mariadb'],
  ['three levels of composite keys: delete', 'DELETE FROM k1 WHERE a IN (1, 10)'],
  [
    'foreign_key_checks = 0: the source runs no action',
    'SET SESSION foreign_key_checks = 0; DELETE FROM p WHERE id = 6; SET SESSION foreign_key_checks = 1',
  ],
  [
    'a child inserted and cascaded in one transaction',
    "BEGIN; INSERT INTO p VALUES (7,'g','seven'); INSERT INTO c_cascade VALUES (70,7,'new'); INSERT INTO c_null VALUES (70,7,7); DELETE FROM p WHERE id = 7; COMMIT",
  ],
  ['REPLACE of a parent row', "REPLACE INTO p VALUES (20,'b','two again')"],
]

async function differences(server: TestServer, db: string, tables: string[]): Promise<string[]> {
  const out: string[] = []
  for (const t of tables) {
    const d = await compareTable(server, ch, db, t)
    if (!isEqual(d))
      out.push(
        `${t}: missing ${d.missing.join(' ')} extra ${d.extra.join(' ')} different ${d.different.join(' ')} (${d.sourceRows} at the source, ${d.targetRows} in ClickHouse)`,
      )
  }
  return out
}

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test('every referential action leaves ClickHouse equal to the source, statement after statement', async () => {
    const { name: db, sql } = await freshDatabase(server, 't_cascade')
    for (const s of SCHEMA) await sql.query(s)
    const replica = await CascadeReplica.open(server, db, sql, ch)
    open.push({ replica, sql })
    const tables = [...replica.tables.values()].map((t) => t.table).sort()

    const problems: string[] = []
    for (const [name, statement, only] of STEPS) {
      if (only !== undefined && only !== flavor) continue
      await sql.query(statement)
      await replica.catchUp()
      for (const d of await differences(server, db, tables)) problems.push(`after "${name}": ${d}`)
    }
    expect(problems).toEqual([])
    expect(replica.skips).toEqual([])
    if (flavor === 'mariadb') {
      // Every step but the inserts, the update that keeps the keys, and foreign_key_checks = 0.
      expect(replica.counts.emulated).toBeGreaterThanOrEqual(10)
      expect(replica.counts.childChanges).toBeGreaterThan(30)
    } else {
      // MySQL 9.7 logs the child rows itself (USE_SQL_FOREIGN_KEY_F): nothing to work out.
      expect(replica.counts.emulated).toBe(0)
    }

    // The binlog once more from the start, versions again from 1: the rows written again collapse.
    await replica.replay()
    expect(await differences(server, db, tables)).toEqual([])
  }, 120_000)

  test.if(flavor === 'mariadb')('with emulation off, the copy keeps the child rows the source changed', async () => {
    const { name: db, sql } = await freshDatabase(server, 't_cascade_off')
    for (const s of SCHEMA.slice(0, 2)) await sql.query(s)
    const replica = await CascadeReplica.open(server, db, sql, ch, { emulate: false })
    open.push({ replica, sql })
    await sql.query("INSERT INTO p VALUES (1,'a','one'); INSERT INTO c_cascade VALUES (1,1,'x')")
    await sql.query('DELETE FROM p WHERE id = 1')
    await replica.catchUp()
    expect(await differences(server, db, ['p'])).toEqual([])
    const d = await compareTable(server, ch, db, 'c_cascade')
    expect({ source: d.sourceRows, target: d.targetRows, extra: d.extra }).toEqual({ source: 0, target: 1, extra: ['[1]'] })
    expect(replica.counts.emulated).toBe(0)
  })
})
