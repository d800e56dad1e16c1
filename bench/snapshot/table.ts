// The table the copy benchmark reads: eight mixed columns (BIGINT key, INT, VARCHAR(64) utf8mb4,
// DECIMAL(12,2), DATETIME(6), DOUBLE, TINYINT, a nullable VARCHAR), every value a function of the
// row id. Written once with INSERT ... SELECT from a numbers table, outside the binlog
// (sql_log_bin = 0: nothing streams it), and reused while its marker says it is complete.

import type { Flavor } from '../../src/binlog/index.ts'
import { type Session, sourceSession } from '../support/servers.ts'

export const DATABASE = 'bench_snapshot'
export const TABLE = 'items'
const MARKER = 'bench_marker'
/** Changes when the table's definition or values change, so an old table is not reused. */
const GENERATION = 1
const STEP = 100_000

const CREATE = `CREATE TABLE ${TABLE} (
  id BIGINT NOT NULL PRIMARY KEY,
  account INT NOT NULL,
  name VARCHAR(64) CHARACTER SET utf8mb4 NOT NULL,
  price DECIMAL(12,2) NOT NULL,
  created DATETIME(6) NOT NULL,
  score DOUBLE NOT NULL,
  flag TINYINT NOT NULL,
  note VARCHAR(64) CHARACTER SET utf8mb4 NULL
) ENGINE=InnoDB`

/** Rows id = from + n + 1 for n < count, from the numbers table 0 .. STEP - 1. */
function insertSql(from: number, count: number): string {
  const i = 'i'
  return `INSERT INTO ${TABLE} SELECT ${i},
    ((${i} * 7919) % 2000001) - 1000000,
    CONCAT(ELT(1 + ${i} % 4, 'Ana', 'Bjørn', 'Zoë', '李小龍'), ' customer #', ${i}),
    IF(${i} % 7 = 0, -1, 1) * ((${i} * 37) % 1000000000) / 100,
    TIMESTAMPADD(MICROSECOND, ${i} * 1234567, '2020-01-01 00:00:00.000000'),
    ${i} / 7e0,
    (${i} % 256) - 128,
    IF(${i} % 3 = 0, NULL, CONCAT('note ', ${i} % 1000))
  FROM (SELECT ${from} + n + 1 AS ${i} FROM numbers WHERE n < ${count}) s`
}

export interface TableFacts {
  rows: number
  /** Names this write of the table (generation, rows, when): files derived from it carry it. */
  stamp: string
  /** InnoDB's data length, a rough size of the table on the source. */
  dataBytes: number
}

/** Makes sure the table holds exactly `rows` rows of this generation; writes it when not. */
export async function ensureTable(flavor: Flavor, rows: number, regenerate: boolean, log: (line: string) => void): Promise<TableFacts> {
  const sql = await sourceSession(flavor)
  try {
    // Bench data stays out of the binlog: no replica (and no other chsync) has to read it.
    await sql.query('SET SESSION sql_log_bin = 0')
    await sql.query(`CREATE DATABASE IF NOT EXISTS ${DATABASE} CHARACTER SET utf8mb4`)
    await sql.query(`USE ${DATABASE}`)
    await sql.query(
      `CREATE TABLE IF NOT EXISTS ${MARKER} (generation INT NOT NULL, row_count BIGINT NOT NULL, written_at DATETIME NOT NULL)`,
    )
    const [found] = await sql.query(`SELECT generation, row_count FROM ${MARKER}`)
    const m = (found as { generation: number; row_count: string }[])[0]
    if (!regenerate && m && m.generation === GENERATION && Number(m.row_count) === rows) {
      log(`${flavor}: reusing ${DATABASE}.${TABLE} (${rows.toLocaleString('en-US')} rows)`)
    } else {
      await write(sql, rows, log, flavor)
      await sql.query(`DELETE FROM ${MARKER}`)
      await sql.query(`INSERT INTO ${MARKER} VALUES (?, ?, UTC_TIMESTAMP())`, [GENERATION, rows])
    }
    await sql.query(`ANALYZE TABLE ${TABLE}`)
    const [info] = await sql.query(`SELECT DATA_LENGTH AS d FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?`, [
      DATABASE,
      TABLE,
    ])
    const [mark] = await sql.query(`SELECT UNIX_TIMESTAMP(written_at) AS t FROM ${MARKER}`)
    const stamp = `g${GENERATION}-${rows}-${(mark as { t: string | number }[])[0].t}`
    return { rows, stamp, dataBytes: Number((info as { d: string | number }[])[0].d) }
  } finally {
    await sql.end()
  }
}

async function write(sql: Session, rows: number, log: (line: string) => void, flavor: Flavor): Promise<void> {
  const began = performance.now()
  await sql.query(`DROP TABLE IF EXISTS ${TABLE}, numbers`)
  await sql.query('CREATE TABLE numbers (n INT NOT NULL PRIMARY KEY) ENGINE=InnoDB')
  await sql.query(`INSERT INTO numbers SELECT a.d + 10 * b.d + 100 * c.d + 1000 * d.d + 10000 * e.d FROM
    ${digits('a')}, ${digits('b')}, ${digits('c')}, ${digits('d')}, ${digits('e')}`)
  await sql.query(CREATE)
  for (let from = 0; from < rows; from += STEP) await sql.query(insertSql(from, Math.min(STEP, rows - from)))
  log(
    `${flavor}: wrote ${rows.toLocaleString('en-US')} rows into ${DATABASE}.${TABLE} in ${((performance.now() - began) / 1000).toFixed(1)} s`,
  )
}

function digits(alias: string): string {
  return `(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
    UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) ${alias}`
}
