// The state store: one SQLite file (WAL) holding where chsync is in the source's binlog, the
// version counter, each table's copy progress, and the schema history: the schema of every
// replicated table as of the committed position. Position, counter and schema change in one
// transaction, only after the sink acknowledged everything before them.

import { Database } from 'bun:sqlite'
import { closeSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import type { CommitRecord } from './commit-record.ts'

export interface Checkpoint {
  file: string
  offset: number
  /** Text of the executed GTID set, when the source has GTIDs. */
  gtid: string | null
  /** The last `_version` handed out before this position. */
  version: bigint
  /** Source commit time (ms since the epoch) of the transaction that ends here; absent when unknown. */
  timestampMs?: number
}

export interface SourceIdentity {
  flavor: 'mysql' | 'mariadb'
  /** MySQL server_uuid; MariaDB: "server_id:<n>". */
  id: string
}

/** 'failed': set aside (the target refused its changes); its rows are skipped until it is copied again. */
export type TableStage = 'snapshot' | 'streaming' | 'resync' | 'failed'

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
  /** Why the table was set aside (stage 'failed'); null otherwise. */
  reason?: string | null
  /** Times in a row it was set aside: the wait before the next attempt grows with it. */
  failures?: number
}

/** One table's schema in the history (JSON made and read by the pipeline); null: no longer tracked. */
export interface SchemaEntry {
  database: string
  table: string
  definition: string | null
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

/** Columns added to \`tables\` after the first release: added to older state files when opened. */
const TABLE_COLUMNS_ADDED: [string, string][] = [
  ['reason', 'TEXT'],
  ['failures', 'INTEGER NOT NULL DEFAULT 0'],
]

export class StateStore {
  private constructor(
    private readonly db: Database,
    readonly path: string,
  ) {}

  static open(path: string): StateStore {
    let db: Database | null = null
    try {
      if (path !== ':memory:') {
        // The state names the source's tables and positions: only chsync's user may read it, under
        // systemd (UMask=0077) or not. SQLite gives its -wal and -shm files the mode of this file.
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
        closeSync(openSync(path, 'a', 0o600))
      }
      db = new Database(path, { create: true, strict: true })
      db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;')
      db.exec(SCHEMA)
      const have = new Set(
        db
          .query<{ name: string }, []>('PRAGMA table_info(tables)')
          .all()
          .map((c) => c.name),
      )
      for (const [name, type] of TABLE_COLUMNS_ADDED) if (!have.has(name)) db.exec(`ALTER TABLE tables ADD COLUMN ${name} ${type}`)
      const store = new StateStore(db, path)
      // What the file holds is read once now, so a damaged entry stops chsync before it connects.
      void store.identity
      void store.checkpoint
      store.tables()
      return store
    } catch (err) {
      db?.close()
      if (err instanceof StateError) throw err
      throw new StateError(`cannot open the state file ${path}: ${sqliteProblem(err)}`, { cause: err })
    }
  }

  private guard<T>(what: string, fn: () => T): T {
    try {
      return fn()
    } catch (err) {
      if (err instanceof StateError) throw err
      throw new StateError(`state file ${this.path}: cannot ${what}: ${sqliteProblem(err)}`, { cause: err })
    }
  }

  private meta(key: string): string | null {
    const row = this.guard(`read "${key}" from its meta table`, () =>
      this.db.query<{ value: string }, [string]>('SELECT value FROM meta WHERE key = ?').get(key),
    )
    return row?.value ?? null
  }

  /** A JSON object of the meta table, or an error naming the file, the entry and what is wrong. */
  private metaJson(key: string, what: string): Record<string, unknown> | null {
    const raw = this.meta(key)
    if (raw === null) return null
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch (err) {
      throw new StateError(
        `state file ${this.path}: ${what} (meta "${key}") is not valid JSON (${(err as Error).message}): ${excerpt(raw)}`,
        { cause: err },
      )
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new StateError(`state file ${this.path}: ${what} (meta "${key}") is not a JSON object: ${excerpt(raw)}`)
    return value as Record<string, unknown>
  }

  private setMeta(key: string, value: string): void {
    this.db.query('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)
  }

  get identity(): SourceIdentity | null {
    const v = this.metaJson('source', 'the source identity')
    if (v === null) return null
    if ((v.flavor !== 'mysql' && v.flavor !== 'mariadb') || typeof v.id !== 'string')
      throw new StateError(
        `state file ${this.path}: the source identity (meta "source") needs flavor "mysql" or "mariadb" and a text id, got ${excerpt(JSON.stringify(v))}`,
      )
    return { flavor: v.flavor, id: v.id }
  }

  setIdentity(id: SourceIdentity): void {
    this.guard('record the source identity', () => this.setMeta('source', JSON.stringify(id)))
  }

  /**
   * This state file's own id, made when it is first opened: the mark of the ClickHouse tables this
   * chsync created (another chsync, with another state file, never touches them).
   */
  get instanceId(): string {
    let id = this.meta('instance')
    if (id === null) {
      id = crypto.randomUUID()
      this.guard('record its id', () => this.setMeta('instance', id!))
    }
    return id
  }

  /**
   * True once the state file holds the schema history (made by this chsync version): an older
   * file has a position but no schemas, and its tables are taken from the source once.
   */
  get hasSchemaHistory(): boolean {
    return this.meta('schema_history') === '1'
  }

  /** The replicated-table selection (JSON, made by the caller) the history was kept for; null before the first. */
  get selection(): string | null {
    return this.meta('selection')
  }

  setSelection(text: string): void {
    this.guard('record the table selection', () => this.setMeta('selection', text))
  }

  get checkpoint(): Checkpoint | null {
    const c = this.metaJson('checkpoint', 'the committed position')
    if (c === null) return null
    const wrong = (field: string, expected: string) =>
      new StateError(
        `state file ${this.path}: the committed position (meta "checkpoint") has ${field} ${excerpt(JSON.stringify(c[field]) ?? 'missing')}, expected ${expected}`,
      )
    if (typeof c.file !== 'string') throw wrong('file', 'a binlog file name')
    if (typeof c.offset !== 'number' || !Number.isSafeInteger(c.offset) || c.offset < 0) throw wrong('offset', 'a byte offset')
    if (c.gtid !== null && typeof c.gtid !== 'string') throw wrong('gtid', 'a GTID set or null')
    if (typeof c.version !== 'string' || !/^\d{1,20}$/.test(c.version))
      throw wrong('version', 'the version counter, an unsigned integer in a string')
    if (c.timestampMs !== undefined && typeof c.timestampMs !== 'number') throw wrong('timestampMs', 'milliseconds since the epoch')
    return {
      file: c.file,
      offset: c.offset,
      gtid: c.gtid,
      version: BigInt(c.version),
      ...(c.timestampMs === undefined ? {} : { timestampMs: c.timestampMs }),
    }
  }

  /**
   * Position and version counter, with the copy progress and schema changes that belong to it, in
   * one transaction.
   */
  commit(
    cp: Checkpoint,
    tables: readonly TableState[] = [],
    schemas: readonly SchemaEntry[] = [],
    forgotten: readonly [string, string][] = [],
    seq = this.commitSeq + 1,
  ): void {
    const text = JSON.stringify({
      file: cp.file,
      offset: cp.offset,
      gtid: cp.gtid,
      version: cp.version.toString(),
      timestampMs: cp.timestampMs,
    })
    this.transaction(() => {
      this.setMeta('checkpoint', text)
      this.setMeta('commit_seq', String(seq))
      this.setMeta('schema_history', '1')
      for (const [db, t] of forgotten) this.dropTable(db, t)
      for (const t of tables) this.saveTable(t)
      for (const s of schemas) this.writeSchema(s)
    })
  }

  /** Commits so far: each commit takes the next number (a sink's record of a commit carries it). */
  get commitSeq(): number {
    return Number(this.meta('commit_seq') ?? 0)
  }

  /** A commit a sink kept (it reached the sink and not this file before a crash), as the state. */
  restore(r: CommitRecord): void {
    this.commit(r.checkpoint, r.tables, r.schemas, r.forgotten, r.seq)
  }

  tables(): TableState[] {
    const rows = this.guard('read the progress of the tables', () =>
      this.db.query<Record<string, string | number | null>, []>('SELECT * FROM tables ORDER BY db, tbl').all(),
    )
    return rows.map((r) => this.rowToTable(r))
  }

  table(database: string, table: string): TableState | null {
    const row = this.guard(`read the progress of ${database}.${table}`, () =>
      this.db
        .query<Record<string, string | number | null>, [string, string]>('SELECT * FROM tables WHERE db = ? AND tbl = ?')
        .get(database, table),
    )
    return row ? this.rowToTable(row) : null
  }

  saveTable(t: TableState): void {
    this.guard(`record the progress of ${t.database}.${t.table}`, () =>
      this.db
        .query(
          `INSERT INTO tables (db, tbl, stage, snapshot_version, cursor, rows_copied, rows_estimate, reason, failures) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(db, tbl) DO UPDATE SET stage = excluded.stage, snapshot_version = excluded.snapshot_version,
             cursor = excluded.cursor, rows_copied = excluded.rows_copied, rows_estimate = excluded.rows_estimate,
             reason = excluded.reason, failures = excluded.failures`,
        )
        .run(
          t.database,
          t.table,
          t.stage,
          t.snapshotVersion.toString(),
          t.cursor,
          t.rowsCopied,
          t.rowsEstimate,
          t.reason ?? null,
          t.failures ?? 0,
        ),
    )
  }

  /** Forgets a table's copy progress (its schema history goes with the position, in commit). */
  dropTable(database: string, table: string): void {
    this.guard(`forget ${database}.${table}`, () => this.db.query('DELETE FROM tables WHERE db = ? AND tbl = ?').run(database, table))
  }

  /** The schema history: every tracked table as of the committed position. */
  schemas(): SchemaEntry[] {
    const rows = this.guard('read the schema history', () =>
      this.db.query<{ db: string; tbl: string; definition: string }, []>('SELECT db, tbl, definition FROM schemas ORDER BY db, tbl').all(),
    )
    return rows.map((r) => ({ database: r.db, table: r.tbl, definition: r.definition }))
  }

  private writeSchema(s: SchemaEntry): void {
    if (s.definition === null) this.db.query('DELETE FROM schemas WHERE db = ? AND tbl = ?').run(s.database, s.table)
    else
      this.db
        .query(
          'INSERT INTO schemas (db, tbl, definition) VALUES (?, ?, ?) ON CONFLICT(db, tbl) DO UPDATE SET definition = excluded.definition',
        )
        .run(s.database, s.table, s.definition)
  }

  /** Everything in one transaction (e.g. a rename moves progress and schema together). */
  transaction(fn: () => void): void {
    this.guard('write', () => this.db.transaction(fn)())
  }

  private rowToTable(r: Record<string, string | number | null>): TableState {
    const wrong = (column: string, expected: string) =>
      new StateError(
        `state file ${this.path}: the progress of ${r.db}.${r.tbl} has ${column} ${excerpt(JSON.stringify(r[column]) ?? 'missing')}, expected ${expected}`,
      )
    if (!(STAGES as readonly unknown[]).includes(r.stage)) throw wrong('stage', STAGES.join(', '))
    const version = String(r.snapshot_version)
    if (!/^\d{1,20}$/.test(version)) throw wrong('snapshot_version', 'an unsigned integer')
    return {
      database: String(r.db),
      table: String(r.tbl),
      stage: r.stage as TableStage,
      snapshotVersion: BigInt(version),
      cursor: r.cursor === null ? null : String(r.cursor),
      rowsCopied: Number(r.rows_copied),
      rowsEstimate: Number(r.rows_estimate),
      reason: r.reason === null || r.reason === undefined ? null : String(r.reason),
      failures: Number(r.failures ?? 0),
    }
  }

  close(): void {
    this.db.close()
  }
}

const STAGES: readonly TableStage[] = ['snapshot', 'streaming', 'resync', 'failed']

/** SQLite's words for a damaged or foreign file, with what the operator can do about it. */
function sqliteProblem(err: unknown): string {
  const message = (err as Error).message
  const code = String((err as { code?: unknown }).code ?? '')
  if (code.startsWith('SQLITE_CORRUPT') || /malformed/i.test(message))
    return `it is damaged (SQLite: ${message}); restore it from a backup, or move it away to start over with a full copy`
  if (code.startsWith('SQLITE_NOTADB') || /not a database/i.test(message))
    return `it is not a chsync state file (SQLite: ${message}); check state.path`
  return message
}

/** The start of a stored text, for a message. */
function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}
