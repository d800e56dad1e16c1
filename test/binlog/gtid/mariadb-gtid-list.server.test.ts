// MariadbGtidList against MariaDB 10.11: the position variables print exactly as we print them,
// and a transaction of ours (in a domain of our own) moves the position as advance() says.

import { afterAll, beforeAll, expect, test } from 'bun:test'
import type mysql from 'mysql2/promise'
import { MariadbGtidList, parseGtidSet } from '../../../src/binlog/gtid/index.ts'
import { scalar, serverSession } from './support.ts'

// Only these tests write in this replication domain, so its position is ours to predict.
const DOMAIN = 4711

let conn: mysql.Connection

beforeAll(async () => {
  conn = await serverSession('mariadb')
  await conn.query('CREATE DATABASE IF NOT EXISTS t_gtid_list')
  await conn.query('CREATE TABLE IF NOT EXISTS t_gtid_list.t (id INT AUTO_INCREMENT PRIMARY KEY, v INT) ENGINE=InnoDB')
})

afterAll(async () => {
  await conn.end()
})

const variable = async (name: string) => String(await scalar(conn, `SELECT @@${name}`))

test('@@gtid_binlog_pos, @@gtid_current_pos and @@gtid_binlog_state print as we print them', async () => {
  for (const name of ['gtid_binlog_pos', 'gtid_current_pos', 'gtid_binlog_state']) {
    const text = await variable(name)
    expect(MariadbGtidList.parse(text).toString()).toBe(text)
    expect(parseGtidSet('mariadb', text).toString()).toBe(text)
  }
})

test('a transaction advances its domain by one', async () => {
  await conn.query(`SET SESSION gtid_domain_id = ${DOMAIN}`)
  const before = MariadbGtidList.parse(await variable('gtid_binlog_pos'))
  await conn.query('INSERT INTO t_gtid_list.t (v) VALUES (1)')
  const last = MariadbGtidList.parse(await variable('last_gtid')).gtids[0]
  const after = MariadbGtidList.parse(await variable('gtid_binlog_pos'))

  expect(last.domainId).toBe(DOMAIN)
  expect(last.seqNo).toBe((before.positionOf(DOMAIN)?.seqNo ?? 0n) + 1n)
  expect(after.positionOf(DOMAIN)).toEqual(last)
  expect(before.advance(last).positionOf(DOMAIN)).toEqual(last)

  const mine = (l: MariadbGtidList) => MariadbGtidList.of(l.gtids.filter((g) => g.domainId === DOMAIN))
  expect(mine(before).behind(mine(after))).toBe(1n)
  expect(mine(after).behind(mine(before))).toBe(0n)
  expect(before.behind(after)).toBeGreaterThanOrEqual(1n)
})
