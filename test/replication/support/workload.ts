// A seeded random write load on the source: inserts, updates (key changes included), deletes,
// over the type-family tables, a wide table and a keyless one, with large transactions and DDL.

import type mysql from 'mysql2/promise'
import type { Flavor } from '../../../src/binlog/index.ts'
import { type TypeFamily, familiesFor } from '../../binlog/support/type-families.ts'
import { seeded } from '../../support/random.ts'

const cols = (f: TypeFamily) => f.columns.map((c) => c.split(' ')[0])

export class Workload {
  private readonly rand: () => number
  private nextId = 1_000_000
  readonly families: TypeFamily[]
  changes = 0

  constructor(
    private sql: mysql.Connection,
    flavor: Flavor,
    seed: number,
  ) {
    this.rand = seeded(seed)
    // The big families (long texts and blobs) make every statement slow; the rest cover the types.
    this.families = familiesFor(flavor)
  }

  private pick<T>(a: T[]): T {
    return a[Math.floor(this.rand() * a.length)]
  }

  /** Writes through another session from now on (after a failover). */
  async use(sql: mysql.Connection): Promise<void> {
    this.sql = sql
    await sql.query("SET SESSION sql_mode = ''")
  }

  async createTables(): Promise<void> {
    await this.sql.query("SET SESSION sql_mode = ''")
    for (const f of this.families) await this.sql.query(`CREATE TABLE f_${f.name} (id INT PRIMARY KEY, ${f.columns.join(', ')})`)
    await this.sql.query(
      'CREATE TABLE wide (id BIGINT PRIMARY KEY, a INT, b VARCHAR(64), c DECIMAL(14,4), d DATETIME(3), e DOUBLE, f TEXT)',
    )
    // Exact duplicates in a keyless table collapse into one row in the target (documented), so
    // every row here carries a distinct n.
    await this.sql.query('CREATE TABLE loose (a INT, b VARCHAR(20), c DATE, n BIGINT)')
  }

  /** `n` rows (up to 100,000) into `wide` in one INSERT ... SELECT (fast bulk data for copies). */
  async bulk(n: number): Promise<void> {
    await this.sql.query(
      `INSERT INTO wide SELECT n, n % 1000, CONCAT('row-', n), n * 1.0001, '2024-01-01 00:00:00' + INTERVAL n SECOND, n / 7, IF(n % 3 = 0, NULL, REPEAT('t', n % 50))
       FROM (SELECT e.n * 10000 + a.n * 1000 + b.n * 100 + c.n * 10 + d.n + 1 AS n FROM ${digits('a')}, ${digits('b')}, ${digits('c')}, ${digits('d')}, ${digits('e')}) nums
       WHERE n <= ${n}`,
    )
    this.changes += n
  }

  /** One random statement (or a small transaction) against a random table. */
  async step(): Promise<void> {
    const r = this.rand()
    if (r < 0.5) return this.familyStep()
    if (r < 0.9) return this.wideStep()
    return this.looseStep()
  }

  private async familyStep(): Promise<void> {
    const f = this.pick(this.families)
    const t = `f_${f.name}`
    const c = cols(f)
    const r = this.rand()
    if (r < 0.5) {
      const id = this.nextId++
      await this.sql.query(`INSERT INTO ${t} VALUES (${id}, ${this.pick(f.rows).slice(1)}`)
    } else if (r < 0.75) {
      const [rows] = await this.sql.query(`SELECT id FROM ${t} ORDER BY RAND(${Math.floor(this.rand() * 1e6)}) LIMIT 2`)
      const ids = (rows as { id: number }[]).map((x) => x.id)
      if (ids.length < 2) return
      if (this.rand() < 0.3) await this.sql.query(`UPDATE ${t} SET id = ${this.nextId++} WHERE id = ${ids[0]}`)
      else
        await this.sql.query(
          `UPDATE ${t} a JOIN ${t} b ON b.id = ${ids[1]} SET ${c.map((x) => `a.${x} = b.${x}`).join(', ')} WHERE a.id = ${ids[0]}`,
        )
    } else {
      await this.sql.query(`DELETE FROM ${t} ORDER BY RAND(${Math.floor(this.rand() * 1e6)}) LIMIT 1`)
    }
    this.changes++
  }

  private async wideStep(): Promise<void> {
    const r = this.rand()
    const id = Math.floor(this.rand() * 5000) + 1
    if (r < 0.4) {
      const n = 1 + Math.floor(this.rand() * 20)
      const values = Array.from({ length: n }, () => {
        const k = this.nextId++
        return `(${k}, ${k % 97}, 'w${k}', ${(k / 3).toFixed(4)}, NOW(3), ${this.rand()}, ${this.rand() < 0.2 ? 'NULL' : `'${'x'.repeat(k % 30)}'`})`
      })
      await this.sql.query(`INSERT INTO wide (id, a, b, c, d, e, f) VALUES ${values.join(', ')}`)
      this.changes += n
    } else if (r < 0.75) {
      const [res] = await this.sql.query(`UPDATE wide SET a = a + 1, b = CONCAT(b, '+'), e = e * 2 WHERE id BETWEEN ${id} AND ${id + 5}`)
      this.changes += (res as { affectedRows: number }).affectedRows
    } else if (r < 0.85) {
      const [res] = await this.sql.query(`UPDATE wide SET id = ${this.nextId++} WHERE id = ${id}`)
      this.changes += (res as { affectedRows: number }).affectedRows
    } else {
      const [res] = await this.sql.query(`DELETE FROM wide WHERE id BETWEEN ${id} AND ${id + 2}`)
      this.changes += (res as { affectedRows: number }).affectedRows
    }
  }

  private async looseStep(): Promise<void> {
    const r = this.rand()
    if (r < 0.6)
      await this.sql.query(
        `INSERT INTO loose (a, b, c, n) VALUES (${Math.floor(this.rand() * 50)}, 'v${Math.floor(this.rand() * 5)}', '2020-01-0${1 + Math.floor(this.rand() * 9)}', ${this.nextId++})`,
      )
    else if (r < 0.8) await this.sql.query(`UPDATE loose SET b = 'u' WHERE a = ${Math.floor(this.rand() * 50)} LIMIT 1`)
    else await this.sql.query(`DELETE FROM loose WHERE a = ${Math.floor(this.rand() * 50)} LIMIT 1`)
    this.changes++
  }

  /** A transaction of `n` row changes, larger than any batch. */
  async largeTransaction(n: number): Promise<void> {
    await this.sql.query('BEGIN')
    await this.sql.query(`UPDATE wide SET f = CONCAT(IFNULL(f, ''), 'L') WHERE id <= ${n}`)
    await this.sql.query('COMMIT')
    this.changes += n
  }
}

function digits(alias: string): string {
  return `(SELECT 0 n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) ${alias}`
}
