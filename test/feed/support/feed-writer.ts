// The workload of the change-feed crash tests on table `ev (id INT PRIMARY KEY, n INT NOT NULL,
// pad VARCHAR(60))`: small transactions (insert, update, delete), now and then 400 rows in one
// statement, now and then a column added; and the tables the crash tests copy.

import type mysql from 'mysql2/promise'

/** The crash tests' tables: `seed` (keyed, `seedRows` rows), `kl` (keyless, 3000 rows), `ev` (empty, for FeedWriter). */
export async function crashTables(sql: mysql.Connection, seedRows: number): Promise<void> {
  await sql.query('CREATE TABLE seed (id INT PRIMARY KEY, v VARCHAR(40))')
  await sql.query('CREATE TABLE kl (a INT, b VARCHAR(20))')
  await sql.query('CREATE TABLE ev (id INT PRIMARY KEY, n INT NOT NULL, pad VARCHAR(60))')
  await sql.query(
    `INSERT INTO seed VALUES ${Array.from({ length: seedRows }, (_, i) => `(${i + 1}, 'seed ${i + 1} ${'x'.repeat(i % 20)}')`).join(', ')}`,
  )
  await sql.query(`INSERT INTO kl VALUES ${Array.from({ length: 3000 }, (_, i) => `(${i % 700}, 'k${i % 3}')`).join(', ')}`)
}

/** A workload on a source connection: one step after another (`once`) from start() until stop(). */
export abstract class SourceWriter {
  protected step = 0
  /** Columns added so far (c1, c2, …). */
  ddl = 0
  private running = true
  private done: Promise<void> | null = null

  constructor(
    protected readonly sql: mysql.Connection,
    protected readonly rand: () => number,
    private readonly pauseMs = 3,
  ) {}

  start(): void {
    this.done = (async () => {
      while (this.running) {
        await this.once()
        await Bun.sleep(this.pauseMs)
      }
    })()
  }

  async stop(): Promise<void> {
    this.running = false
    await this.done
  }

  protected abstract once(): Promise<void>
}

/** Writes until stopped: small transactions, now and then 400 rows in one, now and then DDL. */
export class FeedWriter extends SourceWriter {
  private nextId = 1
  private live: number[] = []

  protected async once(): Promise<void> {
    const k = this.step++
    if (k % 60 === 59) {
      await this.sql.query(`ALTER TABLE ev ADD COLUMN c${++this.ddl} INT NULL`)
      return
    }
    if (k % 15 === 0) {
      const ids = Array.from({ length: 400 }, () => this.nextId++)
      await this.sql.query(`INSERT INTO ev (id, n, pad) VALUES ${ids.map((i) => `(${i}, 0, 'bulk ${i}')`).join(', ')}`)
      this.live.push(...ids)
      return
    }
    const id = this.nextId++
    const pick = () => this.live[Math.floor(this.rand() * this.live.length)]
    await this.sql.query('BEGIN')
    await this.sql.query(`INSERT INTO ev (id, n, pad) VALUES (${id}, 0, 'row ${id}')`)
    this.live.push(id)
    const u = pick()
    await this.sql.query(`UPDATE ev SET n = n + 1, pad = CONCAT('u', n + 1) WHERE id = ${u}`)
    if (this.live.length > 50) {
      const at = Math.floor(this.rand() * this.live.length)
      const d = this.live[at]
      this.live.splice(at, 1)
      await this.sql.query(`DELETE FROM ev WHERE id = ${d}`)
    }
    await this.sql.query('COMMIT')
  }
}
