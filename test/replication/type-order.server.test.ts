// Issue 11 end to end: tables in which each leading type family comes before every numeric and
// character type (test/binlog/support/type-order.ts), a film table shaped like the best known
// MySQL sample database's (`release_year YEAR` before `rental_rate DECIMAL(4,2)` and `length
// SMALLINT UNSIGNED`) and the issue's own y1 table. Rows reach ClickHouse through the initial
// copy, through row events (extremes of every type: -1, minimums, maximums, negative decimals,
// multibyte text, NULL), and across a SIGTERM restart; each stage is compared value by value.

import { afterEach, describe, expect, test } from 'bun:test'
import type mysql from 'mysql2/promise'
import { type OrderTable, createStatement, insertStatement, orderTables } from '../binlog/support/type-order.ts'
import { SERVERS, flavorOf } from '../support/servers.ts'
import { ReplicationContext } from './support/context.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

const FILM = `CREATE TABLE film (
  film_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  title VARCHAR(128) NOT NULL,
  description TEXT,
  release_year YEAR,
  language_id TINYINT UNSIGNED NOT NULL,
  original_language_id TINYINT UNSIGNED,
  rental_duration TINYINT UNSIGNED NOT NULL DEFAULT 3,
  rental_rate DECIMAL(4,2) NOT NULL DEFAULT 4.99,
  length SMALLINT UNSIGNED,
  replacement_cost DECIMAL(5,2) NOT NULL DEFAULT 19.99,
  rating ENUM('G','PG','PG-13','R','NC-17') DEFAULT 'G',
  special_features SET('Trailers','Commentaries','Deleted Scenes','Behind the Scenes'),
  box_office_delta INT,
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (film_id),
  KEY idx_title (title)
)`

const RATINGS = ['G', 'PG', 'PG-13', 'R', 'NC-17']
const FEATURES = ['Trailers', 'Commentaries', 'Deleted Scenes', 'Behind the Scenes']

/** `count` films from `first` on, with a spread of realistic values and the odd extreme. */
function films(first: number, count: number): string {
  const rows: string[] = []
  for (let i = first; i < first + count; i++) {
    const features = FEATURES.filter((_, b) => (i >> b) & 1).join(',')
    const year = i % 50 === 0 ? 'NULL' : String(1901 + ((i * 7) % 255))
    const rate = i % 97 === 0 ? '-99.99' : i % 89 === 0 ? '99.99' : ['0.99', '2.99', '4.99'][i % 3]
    const length = i % 83 === 0 ? '65535' : i % 79 === 0 ? '0' : String(46 + (i % 140))
    const delta = i % 2 ? -(i * 104729) % 2147483648 : (i * 7919) % 2147483647
    rows.push(
      `(${i}, 'FILM ${i} ${i % 10 === 0 ? 'ÉTÉ 日本 😀' : 'TITLE'}', ${i % 13 === 0 ? 'NULL' : `'A story of ${i} ü'`}, ${year}, ${1 + (i % 6)}, ${i % 4 ? 'NULL' : '255'}, ${3 + (i % 5)}, ${rate}, ${length}, ${(9.99 + (i % 21)).toFixed(2)}, '${RATINGS[i % 5]}', '${features}', ${delta}, '2006-02-15 05:03:42')`,
    )
  }
  return `INSERT INTO film VALUES ${rows.join(', ')}`
}

async function createAll(sql: mysql.Connection, tables: OrderTable[]): Promise<void> {
  for (const t of tables) await sql.query(createStatement(t))
  await sql.query(FILM)
  await sql.query('CREATE TABLE y1 (id INT PRIMARY KEY, y YEAR, s INT, u SMALLINT UNSIGNED)')
}

/** Rows copied over others (every value through an update's before- and after-image), a key change, a delete. */
async function churn(sql: mysql.Connection, t: OrderTable, from: number, to: number, rekey: number, remove: number): Promise<void> {
  const cols = t.columns.map(([n]) => n).filter((n) => n !== 'id')
  await sql.query(
    `UPDATE ${t.name} a JOIN ${t.name} b ON b.id = ${from} SET ${cols.map((c) => `a.${c} = b.${c}`).join(', ')} WHERE a.id = ${to}`,
  )
  await sql.query(`UPDATE ${t.name} SET id = id + 1000 WHERE id = ${rekey}`)
  await sql.query(`DELETE FROM ${t.name} WHERE id = ${remove}`)
}

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test('leading type families, a film table and YEAR before numbers: copy, row events, restart', async () => {
    ctx = await ReplicationContext.open(server, 't_rep_type_order')
    const { sql } = ctx
    const tables = orderTables(flavor)
    await createAll(sql, tables)
    for (const t of tables) await sql.query(insertStatement(t, 1))
    await sql.query(films(1, 1000))
    await sql.query('INSERT INTO y1 VALUES (1, 2024, -5, 65535)')
    ctx.start()
    await ctx.waitEqual(60_000)

    // Row events: the issue's statement, new rows with every extreme, updates that move values between rows.
    await sql.query('INSERT INTO y1 VALUES (2, 2000, -7, 60000), (3, 1901, -2147483648, 0), (4, 2155, 2147483647, 1), (5, NULL, -1, NULL)')
    await sql.query('UPDATE y1 SET s = -s, u = 65535 - u WHERE id = 1')
    for (const t of tables) {
      await sql.query(insertStatement(t, 11))
      await sql.query('BEGIN')
      await churn(sql, t, 12, 1, 13, 14)
      await churn(sql, t, 11, 4, 3, 2)
      await sql.query('COMMIT')
    }
    await sql.query(films(1001, 500))
    await sql.query(
      'UPDATE film SET rental_rate = -rental_rate, length = 65535 - length, release_year = 2155, box_office_delta = -2147483648 WHERE film_id % 10 = 3',
    )
    await sql.query("UPDATE film SET film_id = film_id + 20000, title = CONCAT(title, ' ü') WHERE film_id BETWEEN 900 AND 920")
    await sql.query('DELETE FROM film WHERE film_id % 17 = 0')
    await ctx.waitEqual(60_000)

    // Changes while chsync is stopped, then after it resumes.
    expect(await ctx.stop('SIGTERM')).toBe(0)
    for (const t of tables) {
      await sql.query(insertStatement(t, 21))
      await churn(sql, t, 22, 11, 23, 24)
    }
    await sql.query('UPDATE y1 SET y = 1999, s = -99, u = 65534')
    await sql.query("UPDATE film SET rental_rate = 0.99, length = NULL, rating = 'NC-17' WHERE film_id % 10 = 7")
    ctx.start()
    await ctx.waitEqual(60_000)
    for (const t of tables) {
      await sql.query(insertStatement(t, 31))
      await churn(sql, t, 31, 21, 32, 33)
    }
    await sql.query(films(2001, 300))
    await sql.query('DELETE FROM y1 WHERE id = 3')
    await sql.query('INSERT INTO y1 VALUES (6, 2024, -6, 6)')
    await ctx.waitEqual(60_000)
    expect(await ctx.stop('SIGTERM')).toBe(0)
    // The issue's symptom: the target's columns were re-typed from a misread TABLE_MAP.
    expect(ctx.log).not.toContain('table shape changed')
  }, 240_000)
})
