// The state store: one SQLite file (WAL) holding where chsync is in the source's binlog, the
// version counter, and each table's copy progress and schema. Position and counter change in
// one transaction, only after the sink acknowledged everything before them.

import { Database } from 'bun:sqlite'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

export interface Checkpoint {
  file: string
  offset: number
  /** Text of the executed GTID set, when the source has GTIDs. */
  gtid: string | null
  /** The last `_version` handed out before this position. */
  version: bigint
}

export interface SourceIdentity {
  flavor: 'mysql' | 'mariadb'
  /** MySQL server_uuid; MariaDB: "server_id:<n>". */
  id: string
}

export type TableStage = 'snapshot' | 'streaming' | 'resync'

export interface TableState {
  database: string
  table: string
  stage: TableStage
  /** `_version` of this table's snapshot rows. */
  snapshotVersion: bigint
  /** Primary key (JSON array of cell texts) of the last copied row; null before the first chunk. */
  cursor: string | null
  rowsCopied: number
  rowsEstimate: number
}

/** The state file cannot be read or written (full disk, permissions, corruption). */
export class StateError extends Error {
  readonly code = 'state'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'StateError'
  }
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tables (
  db TEXT NOT NULL, tbl TEXT NOT NULL, stage TEXT NOT NULL, snapshot_version TEXT NOT NULL,
  cursor TEXT, rows_copied INTEGER NOT NULL DEFAULT 0, rows_estimate INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (db, tbl));
CREATE TABLE IF NOT EXISTS schemas (db TEXT NOT NULL, tbl TEXT NOT NULL, definition TEXT NOT NULL, PRIMARY KEY (db, tbl));
`

export class StateStore {
  private constructor(
    private readonly db: Database,
    readonly path: string,
  ) {}

  static open(path: string): StateStore {
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
      const db = new Database(path, { create: true, strict: true })
      db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;')
      db.exec(SCHEMA)
      return new StateStore(db, path)
    } catch (err) {
      throw new StateError(`cannot open the state file ${path}: ${(err as Error).message}`, { cause: err })
    }
  }

  private guard<T>(what: string, fn: () => T): T {
    try {
      return fn()
    } catch (err) {
      throw new StateError(`state file ${this.path}: cannot ${what}: ${(err as Error).message}`, { cause: err })
    }
  }

  private meta(key: string): string | null {
    const row = this.db.query<{ value: string }, [string]>('SELECT value FROM meta WHERE key = ?').get(key)
    return row?.value ?? null
  }

  private setMeta(key: string, value: string): void {
    this.db.query('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)
  }

  get identity(): SourceIdentity | null {
    const raw = this.meta('source')
    return raw ? (JSON.parse(raw) as SourceIdentity) : null
  }

  setIdentity(id: SourceIdentity): void {
    this.guard('record the source identity', () => this.setMeta('source', JSON.stringify(id)))
  }

  get checkpoint(): Checkpoint | null {
    const raw = this.meta('checkpoint')
    if (!raw) return null
    const c = JSON.parse(raw) as Omit<Checkpoint, 'version'> & { version: string }
    return { ...c, version: BigInt(c.version) }
  }

  /** Position and version counter, together, in one transaction. */
  commit(cp: Checkpoint): void {
    const text = JSON.stringify({ ...cp, version: cp.version.toString() })
    this.guard('commit the position', () => this.setMeta('checkpoint', text))
  }

  tables(): TableState[] {
    return this.db
      .query<Record<string, string | number | null>, []>('SELECT * FROM tables ORDER BY db, tbl')
      .all()
      .map(rowToTable)
  }

  table(database: string, table: string): TableState | null {
    const row = this.db.query<Record<string, string | number | null>, [string, string]>('SELECT * FROM tables WHERE db = ? AND tbl = ?').get(database, table)
    return row ? rowToTable(row) : null
  }

  saveTable(t: TableState): void {
    this.guard(`record the progress of ${t.database}.${t.table}`, () =>
      this.db
        .query(
          `INSERT INTO tables (db, tbl, stage, snapshot_version, cursor, rows_copied, rows_estimate) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(db, tbl) DO UPDATE SET stage = excluded.stage, snapshot_version = excluded.snapshot_version,
             cursor = excluded.cursor, rows_copied = excluded.rows_copied, rows_estimate = excluded.rows_estimate`,
        )
        .run(t.database, t.table, t.stage, t.snapshotVersion.toString(), t.cursor, t.rowsCopied, t.rowsEstimate),
    )
  }

  dropTable(database: string, table: string): void {
    this.guard(`forget ${database}.${table}`, () => {
      this.db.query('DELETE FROM tables WHERE db = ? AND tbl = ?').run(database, table)
      this.db.query('DELETE FROM schemas WHERE db = ? AND tbl = ?').run(database, table)
    })
  }

  /** The schema (JSON) chsync last applied to the target for a source table. */
  schema(database: string, table: string): string | null {
    return this.db.query<{ definition: string }, [string, string]>('SELECT definition FROM schemas WHERE db = ? AND tbl = ?').get(database, table)?.definition ?? null
  }

  saveSchema(database: string, table: string, definition: string): void {
    this.guard(`record the schema of ${database}.${table}`, () =>
      this.db
        .query('INSERT INTO schemas (db, tbl, definition) VALUES (?, ?, ?) ON CONFLICT(db, tbl) DO UPDATE SET definition = excluded.definition')
        .run(database, table, definition),
    )
  }

  /** Everything in one transaction (e.g. a rename moves progress and schema together). */
  transaction(fn: () => void): void {
    this.guard('write', () => this.db.transaction(fn)())
  }

  close(): void {
    this.db.close()
  }
}

function rowToTable(r: Record<string, string | number | null>): TableState {
  return {
    database: String(r.db),
    table: String(r.tbl),
    stage: r.stage as TableStage,
    snapshotVersion: BigInt(String(r.snapshot_version)),
    cursor: r.cursor === null ? null : String(r.cursor),
    rowsCopied: Number(r.rows_copied),
    rowsEstimate: Number(r.rows_estimate),
  }
}
