// The OLTP-like workload: one table of twelve mixed-type columns, written in transactions of about
// 1,000 row changes: a multi-row INSERT of new rows, an UPDATE and a DELETE of rows the previous
// transaction inserted. Every value is a function of the row id, so both servers get the same data.

import type { Flavor } from '../../src/binlog/index.ts'
import { TABLE } from './servers.ts'

export const INSERTS_PER_TX = 800
export const UPDATES_PER_TX = 150
export const DELETES_PER_TX = 50
/** The numbers table the INSERT ... SELECT draws ids from: 0 .. NUMBERS - 1. */
export const NUMBERS = 1000

const STATUSES = ['new', 'paid', 'shipped', 'delivered', 'cancelled']
const enumList = STATUSES.map((s) => `'${s}'`).join(', ')

export function createTableSql(flavor: Flavor): string {
  return `CREATE TABLE ${TABLE} (
    id BIGINT NOT NULL PRIMARY KEY,
    account INT NOT NULL,
    seq BIGINT NOT NULL,
    amount BIGINT UNSIGNED NOT NULL,
    price DECIMAL(12,2) NOT NULL,
    name VARCHAR(64) CHARACTER SET utf8mb4 NOT NULL,
    created DATETIME(6) NOT NULL,
    updated TIMESTAMP NULL DEFAULT NULL,
    score DOUBLE NULL,
    flag TINYINT NOT NULL,
    status ENUM(${enumList}) NOT NULL,
    doc ${flavor === 'mysql' ? 'JSON' : 'TEXT CHARACTER SET utf8mb4'} NULL
  ) ENGINE=InnoDB`
}

export const CREATE_NUMBERS_SQL = 'CREATE TABLE numbers (n INT NOT NULL PRIMARY KEY) ENGINE=InnoDB'

export function fillNumbersSql(): string {
  return `INSERT INTO numbers VALUES ${Array.from({ length: NUMBERS }, (_, n) => `(${n})`).join(',')}`
}

/** Ids of transaction k's new rows: k * INSERTS_PER_TX + 1 .. (k + 1) * INSERTS_PER_TX. */
function firstId(k: number): number {
  return k * INSERTS_PER_TX + 1
}

/** The statements of transaction k (0-based); the first one only inserts. */
export function transactionSql(k: number): { sql: string; inserts: number; updates: number; deletes: number } {
  const i = 'i'
  const values = [
    i,
    `((${i} * 7919) % 2000001) - 1000000`,
    `IF(${i} % 2 = 0, ${i} * 4294967311, -${i} * 2147483659)`,
    `IF(${i} % 3 = 0, 18446744073709551615 - ${i}, ${i} * 1000003)`,
    `IF(${i} % 7 = 0, -1, 1) * ((${i} * 37) % 1000000000) / 100`,
    `CONCAT(ELT(1 + ${i} % 4, 'Ana', 'Bjørn', 'Zoë', '李小龍'), ' customer #', ${i})`,
    `TIMESTAMPADD(MICROSECOND, ${i} * 1234567, '2024-01-01 00:00:00.000000')`,
    `IF(${i} % 5 = 0, NULL, FROM_UNIXTIME(1700000000 + ${i}))`,
    `IF(${i} % 11 = 0, NULL, ${i} / 7e0)`,
    `(${i} % 256) - 128`,
    `ELT(1 + ${i} % 5, ${enumList})`,
    `IF(${i} % 10 = 0, NULL, JSON_OBJECT('id', ${i}, 'sku', CONCAT('SKU-', ${i} % 9973), 'qty', ${i} % 17, 'tags', JSON_ARRAY('a', 'b'), 'gift', ${i} % 2 = 0))`,
  ]
  const statements = [
    'START TRANSACTION',
    `INSERT INTO ${TABLE} SELECT ${values.join(', ')} FROM (SELECT ${firstId(k) - 1} + n + 1 AS i FROM numbers WHERE n < ${INSERTS_PER_TX}) s`,
  ]
  let updates = 0
  let deletes = 0
  if (k > 0) {
    const prev = firstId(k - 1)
    // Every updated row really changes (score grows), so each is one row change in the binlog.
    statements.push(
      `UPDATE ${TABLE} SET score = IFNULL(score, 0) + 1, price = price + 1, status = ELT(1 + (id + 1) % 5, ${enumList}),` +
        ` updated = FROM_UNIXTIME(1710000000 + id) WHERE id BETWEEN ${prev} AND ${prev + UPDATES_PER_TX - 1}`,
      `DELETE FROM ${TABLE} WHERE id BETWEEN ${prev + INSERTS_PER_TX - DELETES_PER_TX} AND ${prev + INSERTS_PER_TX - 1}`,
    )
    updates = UPDATES_PER_TX
    deletes = DELETES_PER_TX
  }
  statements.push('COMMIT')
  return { sql: statements.join(';\n'), inserts: INSERTS_PER_TX, updates, deletes }
}

/** Transactions needed for at least `rows` row changes. */
export function transactionsFor(rows: number): number {
  const perTx = INSERTS_PER_TX + UPDATES_PER_TX + DELETES_PER_TX
  // The first transaction only inserts.
  return Math.max(1, Math.ceil((rows + UPDATES_PER_TX + DELETES_PER_TX) / perTx))
}
