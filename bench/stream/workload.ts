// The streaming workload: one table of eight mixed columns (as bench/snapshot's) written in
// transactions that insert, update and delete. Every value is a function of the row id; updates
// always change the row (so each is one row change in the binlog); `created` of rows written by
// the paced writer is NOW(6), the time they were written, for the end-to-end lag.

/** CHSYNC_BENCH_STREAM_DATABASE names it otherwise, so that two runs on one machine (or one and another's) do not drop each other's table. */
export const DATABASE = process.env.CHSYNC_BENCH_STREAM_DATABASE || 'bench_stream'
export const TABLE = 'events'

export const CREATE_TABLE = `CREATE TABLE ${TABLE} (
  id BIGINT NOT NULL PRIMARY KEY,
  account INT NOT NULL,
  name VARCHAR(64) CHARACTER SET utf8mb4 NOT NULL,
  price DECIMAL(12,2) NOT NULL,
  created DATETIME(6) NOT NULL,
  score DOUBLE NOT NULL,
  flag TINYINT NOT NULL,
  note VARCHAR(64) CHARACTER SET utf8mb4 NULL
) ENGINE=InnoDB`

/** The big-row case's table: one row of --big-row-mb in a LONGBLOB at a time. */
export const BIG_ROW_TABLE = 'big_rows'
export const CREATE_BIG_ROW_TABLE = `CREATE TABLE ${BIG_ROW_TABLE} (id INT NOT NULL PRIMARY KEY, payload LONGBLOB NOT NULL)`

/** The numbers table INSERT ... SELECT draws ids from: 0 .. NUMBERS - 1. */
export const NUMBERS = 1_000_000

export function numbersSql(): string[] {
  const digits = (a: string) =>
    `(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) ${a}`
  return [
    'CREATE TABLE numbers (n INT NOT NULL PRIMARY KEY) ENGINE=InnoDB',
    `INSERT INTO numbers SELECT a.d + 10 * b.d + 100 * c.d + 1000 * d.d + 10000 * e.d + 100000 * f.d FROM ${['a', 'b', 'c', 'd', 'e', 'f'].map(digits).join(', ')}`,
  ]
}

/** The select list of new rows with ids `from + n + 1`; `created` given as an SQL expression. */
function rowsSelect(from: number, count: number, created: string): string {
  const i = 'i'
  return `SELECT ${i},
    ((${i} * 7919) % 2000001) - 1000000,
    CONCAT(ELT(1 + ${i} % 4, 'Ana', 'Bjørn', 'Zoë', '李小龍'), ' customer #', ${i}),
    IF(${i} % 7 = 0, -1, 1) * ((${i} * 37) % 1000000000) / 100,
    ${created},
    ${i} / 7e0,
    (${i} % 256) - 128,
    IF(${i} % 3 = 0, NULL, CONCAT('note ', ${i} % 1000))
  FROM (SELECT ${from} + n + 1 AS ${i} FROM numbers WHERE n < ${count}) s`
}

export interface TxShape {
  inserts: number
  updates: number
  deletes: number
}

/**
 * One transaction: `inserts` new rows after `nextId`, then an update of `updates` and a delete of
 * `deletes` rows among the `inserts` rows of the previous transaction (ids before `nextId`).
 * `live`: `created` is NOW(6) for inserted and updated rows.
 */
export function transactionSql(nextId: number, prevInserts: number, shape: TxShape, live: boolean): string {
  const created = live ? 'NOW(6)' : `TIMESTAMPADD(MICROSECOND, i * 1234567, '2020-01-01 00:00:00.000000')`
  const parts = ['START TRANSACTION', `INSERT INTO ${TABLE} ${rowsSelect(nextId, shape.inserts, created)}`]
  const prev = nextId - prevInserts + 1
  if (shape.updates > 0 && prevInserts >= shape.updates + shape.deletes) {
    parts.push(
      `UPDATE ${TABLE} SET score = score + 1, price = price + 1, flag = (flag + 1) % 128${live ? ', created = NOW(6)' : ''} WHERE id BETWEEN ${prev} AND ${prev + shape.updates - 1}`,
    )
  }
  if (shape.deletes > 0 && prevInserts >= shape.updates + shape.deletes) {
    parts.push(`DELETE FROM ${TABLE} WHERE id BETWEEN ${nextId - shape.deletes + 1} AND ${nextId}`)
  }
  parts.push('COMMIT')
  return parts.join(';\n')
}

/** Row changes a transaction really makes (the first one has no earlier rows to update or delete). */
export function changesOf(prevInserts: number, shape: TxShape): number {
  return shape.inserts + (prevInserts >= shape.updates + shape.deletes ? shape.updates + shape.deletes : 0)
}

/** Backlog transaction sizes cycle through these (row changes: ~80% inserts, 15% updates, 5% deletes). */
export const BACKLOG_SHAPES: TxShape[] = [
  { inserts: 80, updates: 15, deletes: 5 },
  { inserts: 200, updates: 38, deletes: 12 },
  { inserts: 400, updates: 75, deletes: 25 },
  { inserts: 800, updates: 150, deletes: 50 },
]
