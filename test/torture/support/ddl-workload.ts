// The source side of the schema-change torture: every kind of DDL chsync follows, row changes and
// XA transactions in between, all from one seed. It keeps its own model of the tables (database,
// columns, key, indexes, which tables a prepared XA transaction holds) so that every statement is
// valid when it runs; a statement the source refuses means the model is wrong and stops the run.
// The last statements are kept for the report of a failure.

import type mysql from 'mysql2/promise'
import { seeded } from '../../support/random.ts'
import { endPrepared } from '../../support/servers.ts'

type ColumnType =
  | 'INT'
  | 'BIGINT'
  | 'VARCHAR(20)'
  | 'VARCHAR(32)'
  | 'VARCHAR(80)'
  | 'TEXT'
  | 'DECIMAL(10,2)'
  | 'DECIMAL(14,4)'
  | 'DATETIME(3)'
  | 'DATETIME(6)'
  | 'DATE'

const TYPES: ColumnType[] = [
  'INT',
  'BIGINT',
  'VARCHAR(20)',
  'VARCHAR(32)',
  'VARCHAR(80)',
  'TEXT',
  'DECIMAL(10,2)',
  'DECIMAL(14,4)',
  'DATETIME(3)',
  'DATETIME(6)',
  'DATE',
]

/** Conversions the source makes without refusing any value this workload writes. */
const CONVERSIONS: Record<ColumnType, ColumnType[]> = {
  INT: ['BIGINT', 'DECIMAL(14,4)', 'VARCHAR(32)'],
  BIGINT: ['INT', 'DECIMAL(14,4)', 'VARCHAR(32)'],
  'VARCHAR(20)': ['VARCHAR(80)', 'TEXT'],
  'VARCHAR(32)': ['VARCHAR(80)', 'TEXT'],
  'VARCHAR(80)': ['TEXT'],
  TEXT: ['VARCHAR(80)'],
  'DECIMAL(10,2)': ['DECIMAL(14,4)'],
  'DECIMAL(14,4)': ['VARCHAR(32)'],
  'DATETIME(3)': ['DATETIME(6)'],
  'DATETIME(6)': ['DATETIME(3)'],
  DATE: ['DATETIME(3)'],
}

interface Column {
  name: string
  type: ColumnType
  nullable: boolean
  /** SQL literal, or null for none. */
  default: string | null
}

interface Table {
  /** Stays with the table through renames (an XA transaction's tables are found by it). */
  uid: number
  db: string
  name: string
  columns: Column[]
  /** The column whose value is distinct in every row (ids from one counter), key or not. */
  ident: string
  key: 'primary' | 'unique' | 'none'
  /** The UNIQUE index on ident when key = 'unique'. */
  uniqueIndex: string | null
  /** Secondary, non-unique indexes. */
  indexes: { name: string; columns: string[] }[]
  /** Some of the ids the table holds, for updates and deletes (a stale one changes nothing). */
  ids: number[]
  /** Never dropped, truncated or moved out (the large tables, whose copies take a while). */
  keep?: boolean
}

/** The databases the workload writes: two replicated ones and one outside the replicated set. */
export interface WorkloadDatabases {
  main: string
  second: string
  outside: string
}

/** Every kind of schema change the workload makes; each is done at least once early on. */
export const DDL_KINDS = [
  'create',
  'create_unique_key',
  'create_keyless',
  'create_like',
  'create_if_not_exists_existing',
  'create_like_if_not_exists_existing',
  'drop',
  'drop_if_exists',
  'drop_if_exists_missing',
  'truncate',
  'rename',
  'rename_across_databases',
  'rename_out_of_set',
  'rename_into_set',
  'rename_swap',
  'alter_rename',
  'gh_ost_swap',
  'pt_osc_swap',
  'add_column',
  'add_column_with_default',
  'drop_column',
  'modify_column',
  'change_column',
  'rename_column',
  'alter_default',
  'alter_several',
  'add_index',
  'drop_index',
  'rename_key_column',
  'modify_key_column',
  'drop_primary_key',
  'add_primary_key',
  'add_unique_key',
] as const

type DdlKind = (typeof DDL_KINDS)[number]

const q = (name: string) => '`' + name.replaceAll('`', '``') + '`'
const ref = (t: { db: string; name: string }) => `${q(t.db)}.${q(t.name)}`

/** The source refused a statement the model thought valid. */
export class WorkloadError extends Error {}

export class DdlWorkload {
  private readonly rand: () => number
  private readonly tables: Table[] = []
  private nextUid = 1
  private nextId = 1
  private nextName = 1
  private readonly recent: string[] = []
  private readonly startedAt = Date.now()
  private tour: DdlKind[]
  private readonly tourTries = new Map<DdlKind, number>()
  readonly done = new Map<string, number>()
  /** A prepared XA transaction not ended yet: the tables it holds are left alone until then. */
  private pending: { xid: string; uids: number[]; stepsLeft: number } | null = null
  private readonly locked = new Set<number>()
  private xaCount = 0
  /** XA transactions rolled back after their prepare, with the tables they wrote (by uid). */
  readonly rolledBack = new Map<string, number[]>()
  rowChanges = 0
  statements = 0

  constructor(
    private readonly sql: mysql.Connection,
    readonly dbs: WorkloadDatabases,
    readonly seed: number,
    /** A new session on the source (for XA transactions, which end without their session). */
    private readonly session: () => Promise<mysql.Connection>,
    /** Chance of a schema change at each step (the rest: row changes and XA transactions). */
    private readonly ddlShare = 0.3,
  ) {
    this.rand = seeded(seed)
    this.tour = this.shuffled([...DDL_KINDS])
  }

  // ---------------------------------------------------------------- randomness and bookkeeping

  private pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.rand() * a.length)]!
  }

  private chance(p: number): boolean {
    return this.rand() < p
  }

  private shuffled<T>(a: T[]): T[] {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.rand() * (i + 1))
      ;[a[i], a[j]] = [a[j]!, a[i]!]
    }
    return a
  }

  /** The last statements, oldest first, each with its time since the start. */
  history(): string {
    return this.recent.join('\n')
  }

  private note(text: string): void {
    this.recent.push(`+${((Date.now() - this.startedAt) / 1000).toFixed(1)}s ${text}`)
    if (this.recent.length > 60) this.recent.shift()
  }

  private async run(sql: string, session: mysql.Connection = this.sql, tag = ''): Promise<number> {
    this.note(`${tag}${sql.length > 400 ? sql.slice(0, 400) + '…' : sql}`)
    this.statements++
    try {
      const [res] = await session.query(sql)
      return (res as { affectedRows?: number }).affectedRows ?? 0
    } catch (err) {
      this.note(`  -> refused: ${(err as Error).message}`)
      throw new WorkloadError(`the source refused a statement of the workload (seed ${this.seed}): ${(err as Error).message}\n${sql}`, {
        cause: err,
      })
    }
  }

  /** Names of the kinds of DDL not done yet (empty once the tour is through). */
  missingKinds(): string[] {
    return DDL_KINDS.filter((k) => !this.done.has(k))
  }

  /** The tables the XA transactions rolled back after a prepare wrote, where they are now ([db, table]). */
  rolledBackTables(xids: Iterable<string>): [string, string][] {
    const out = new Map<string, [string, string]>()
    for (const xid of xids) {
      for (const uid of this.rolledBack.get(xid) ?? []) {
        const t = this.tables.find((x) => x.uid === uid)
        if (t && t.db !== this.dbs.outside) out.set(`${t.db}.${t.name}`, [t.db, t.name])
      }
    }
    return [...out.values()]
  }

  // ---------------------------------------------------------------- values

  private word(max: number): string {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789 éü€'
    const n = 1 + Math.floor(this.rand() * max)
    let s = ''
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.rand() * alphabet.length)]
    return s
  }

  private literal(type: ColumnType): string {
    const two = (n: number) => String(n).padStart(2, '0')
    const frac = (digits: number) => String(Math.floor(this.rand() * 10 ** digits)).padStart(digits, '0')
    const date = () =>
      `20${two(10 + Math.floor(this.rand() * 20))}-${two(1 + Math.floor(this.rand() * 12))}-${two(1 + Math.floor(this.rand() * 28))}`
    const time = () => `${two(Math.floor(this.rand() * 24))}:${two(Math.floor(this.rand() * 60))}:${two(Math.floor(this.rand() * 60))}`
    switch (type) {
      case 'INT':
      case 'BIGINT':
        return String(Math.floor(this.rand() * 2_000_000) - 1_000_000)
      case 'VARCHAR(20)':
      case 'VARCHAR(32)':
        return `'${this.word(12)}'`
      case 'VARCHAR(80)':
      case 'TEXT':
        return `'${this.word(30)}'`
      case 'DECIMAL(10,2)':
        return (this.rand() * 200_000 - 100_000).toFixed(2)
      case 'DECIMAL(14,4)':
        return (this.rand() * 200_000 - 100_000).toFixed(4)
      case 'DATETIME(3)':
        return `'${date()} ${time()}.${frac(3)}'`
      case 'DATETIME(6)':
        return `'${date()} ${time()}.${frac(6)}'`
      case 'DATE':
        return `'${date()}'`
    }
  }

  private value(c: Column): string {
    return c.nullable && this.chance(0.1) ? 'NULL' : this.literal(c.type)
  }

  private columnSql(c: Column): string {
    return `${q(c.name)} ${c.type} ${c.nullable ? 'NULL' : 'NOT NULL'}${c.default !== null ? ` DEFAULT ${c.default}` : ''}`
  }

  /** A new column: nullable or NOT NULL with a default (TEXT takes no literal default in MySQL). */
  private newColumn(withDefault: boolean | null = null): Column {
    const type = this.pick(TYPES)
    const name = `c${this.nextName++}`
    if (type === 'TEXT') return { name, type, nullable: true, default: null }
    const def = withDefault ?? this.chance(0.5)
    if (!def) return { name, type, nullable: true, default: null }
    return { name, type, nullable: this.chance(0.4), default: this.literal(type) }
  }

  // ---------------------------------------------------------------- the model

  private replicatedDbs(): string[] {
    return [this.dbs.main, this.dbs.second]
  }

  private free(t: Table): boolean {
    return !this.locked.has(t.uid)
  }

  private find(db: string, name: string): Table | undefined {
    return this.tables.find((t) => t.db === db && t.name === name)
  }

  private choose(filter: (t: Table) => boolean): Table | null {
    const c = this.tables.filter((t) => this.free(t) && filter(t))
    return c.length ? this.pick(c) : null
  }

  private newName(db: string): string {
    for (;;) {
      const name = this.chance(0.08) ? `t.${this.nextName++}` : `t${this.nextName++}`
      if (!this.find(db, name)) return name
    }
  }

  private indexed(t: Table, column: string): boolean {
    return column === t.ident || t.indexes.some((i) => i.columns.includes(column))
  }

  private others(t: Table): Column[] {
    return t.columns.filter((c) => c.name !== t.ident)
  }

  private createSql(t: Table): string {
    const parts = t.columns.map((c) => this.columnSql(c))
    if (t.key === 'primary') parts.push(`PRIMARY KEY (${q(t.ident)})`)
    if (t.key === 'unique') parts.push(`UNIQUE KEY ${q(t.uniqueIndex!)} (${q(t.ident)})`)
    for (const i of t.indexes) parts.push(`KEY ${q(i.name)} (${i.columns.map(q).join(', ')})`)
    return `CREATE TABLE ${ref(t)} (${parts.join(', ')})`
  }

  private newTable(db: string, name: string, key: Table['key']): Table {
    const ident = this.chance(0.7) ? 'id' : `ident${this.nextName++}`
    const columns: Column[] = [{ name: ident, type: this.chance(0.6) ? 'INT' : 'BIGINT', nullable: false, default: null }]
    const n = 1 + Math.floor(this.rand() * 4)
    for (let i = 0; i < n; i++) columns.push(this.newColumn())
    const t: Table = {
      uid: this.nextUid++,
      db,
      name,
      columns,
      ident,
      key,
      uniqueIndex: key === 'unique' ? `u${this.nextName++}` : null,
      indexes: [],
      ids: [],
    }
    const indexable = columns.filter((c) => c.name !== ident && c.type !== 'TEXT')
    if (indexable.length && this.chance(0.4)) t.indexes.push({ name: `i${this.nextName++}`, columns: [this.pick(indexable).name] })
    return t
  }

  // ---------------------------------------------------------------- setup

  /** The starting tables: two large ones (keyed and keyless) and small ones of each kind, in all three databases. */
  async setup(bigRows: number): Promise<void> {
    for (const db of [this.dbs.second, this.dbs.outside]) {
      await this.run(`DROP DATABASE IF EXISTS ${q(db)}`)
      await this.run(`CREATE DATABASE ${q(db)} CHARACTER SET utf8mb4`)
    }
    const bigK: Table = {
      uid: this.nextUid++,
      db: this.dbs.main,
      name: 'big_k',
      ident: 'id',
      key: 'primary',
      uniqueIndex: null,
      indexes: [],
      ids: [],
      keep: true,
      columns: [
        { name: 'id', type: 'INT', nullable: false, default: null },
        { name: 'a', type: 'VARCHAR(20)', nullable: true, default: null },
        { name: 'b', type: 'DECIMAL(10,2)', nullable: false, default: '0.00' },
        { name: 'c', type: 'DATETIME(3)', nullable: true, default: null },
      ],
    }
    const bigL: Table = {
      uid: this.nextUid++,
      db: this.dbs.main,
      name: 'big_l',
      ident: 'id',
      key: 'none',
      uniqueIndex: null,
      indexes: [],
      ids: [],
      keep: true,
      columns: [
        { name: 'id', type: 'INT', nullable: false, default: null },
        { name: 'a', type: 'VARCHAR(80)', nullable: true, default: null },
        { name: 'b', type: 'INT', nullable: true, default: '7' },
      ],
    }
    const digits = (a: string) =>
      `(SELECT 0 n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) ${a}`
    const numbers = `(SELECT e.n * 10000 + a.n * 1000 + b.n * 100 + c.n * 10 + d.n + 1 AS n FROM ${digits('a')}, ${digits('b')}, ${digits('c')}, ${digits('d')}, ${digits('e')}) nums`
    for (const t of [bigK, bigL]) await this.run(this.createSql(t))
    const rows = Math.min(bigRows, 100_000)
    await this.run(
      `INSERT INTO ${ref(bigK)} SELECT n, CONCAT('k', n), n / 100, '2024-01-01 00:00:00' + INTERVAL n SECOND FROM ${numbers} WHERE n <= ${rows}`,
    )
    await this.run(
      `INSERT INTO ${ref(bigL)} SELECT n + ${rows}, IF(n % 5 = 0, NULL, CONCAT('l', n)), n % 1000 FROM ${numbers} WHERE n <= ${Math.ceil(rows / 2)}`,
    )
    this.rowChanges += rows + Math.ceil(rows / 2)
    for (let i = 0; i < 200; i++) {
      bigK.ids.push(1 + Math.floor(this.rand() * rows))
      bigL.ids.push(rows + 1 + Math.floor(this.rand() * Math.ceil(rows / 2)))
    }
    this.nextId = rows + Math.ceil(rows / 2) + 1
    this.tables.push(bigK, bigL)
    const small: [string, Table['key']][] = [
      [this.dbs.main, 'primary'],
      [this.dbs.main, 'none'],
      [this.dbs.main, 'unique'],
      [this.dbs.main, 'primary'],
      [this.dbs.second, 'primary'],
      [this.dbs.second, 'none'],
      [this.dbs.outside, 'primary'],
    ]
    for (const [db, key] of small) {
      const t = this.newTable(db, this.newName(db), key)
      await this.run(this.createSql(t))
      this.tables.push(t)
      for (let i = 0; i < 10; i++) await this.insert(t, 5)
    }
  }

  // ---------------------------------------------------------------- steps

  /** One step: a schema change, an XA transaction, or row changes. */
  async step(): Promise<void> {
    if (this.pending && --this.pending.stepsLeft <= 0) await this.endXa()
    const r = this.rand()
    if (r < this.ddlShare) await this.ddlStep()
    else if (r < this.ddlShare + 0.05) await this.xa()
    else await this.rowStep()
  }

  /** Ends what is still open (a prepared XA transaction). */
  async finish(): Promise<void> {
    if (this.pending) await this.endXa()
  }

  // ---------------------------------------------------------------- rows

  private async insert(t: Table, n: number, session: mysql.Connection = this.sql, tag = ''): Promise<void> {
    const rows: string[] = []
    for (let i = 0; i < n; i++) {
      const id = this.nextId++
      t.ids.push(id)
      rows.push(`(${t.columns.map((c) => (c.name === t.ident ? String(id) : this.value(c))).join(', ')})`)
    }
    if (t.ids.length > 300) t.ids.splice(0, t.ids.length - 300)
    await this.run(`INSERT INTO ${ref(t)} (${t.columns.map((c) => q(c.name)).join(', ')}) VALUES ${rows.join(', ')}`, session, tag)
    this.rowChanges += n
  }

  private async rowChange(t: Table, session: mysql.Connection = this.sql, tag = ''): Promise<void> {
    const r = this.rand()
    const others = this.others(t)
    const id = t.ids.length ? this.pick(t.ids) : 0
    if (r < 0.4 || !t.ids.length) return this.insert(t, 1 + Math.floor(this.rand() * 5), session, tag)
    if (r < 0.7 && others.length) {
      const set = this.shuffled([...others]).slice(0, 1 + Math.floor(this.rand() * 2))
      this.rowChanges += await this.run(
        `UPDATE ${ref(t)} SET ${set.map((c) => `${q(c.name)} = ${this.value(c)}`).join(', ')} WHERE ${q(t.ident)} = ${id}`,
        session,
        tag,
      )
    } else if (r < 0.82) {
      const fresh = this.nextId++
      t.ids[t.ids.indexOf(id)] = fresh
      this.rowChanges += await this.run(`UPDATE ${ref(t)} SET ${q(t.ident)} = ${fresh} WHERE ${q(t.ident)} = ${id}`, session, tag)
    } else {
      this.rowChanges += await this.run(`DELETE FROM ${ref(t)} WHERE ${q(t.ident)} = ${id}`, session, tag)
    }
  }

  private async rowStep(): Promise<void> {
    const t = this.choose(() => true)
    if (!t) return
    const r = this.rand()
    if (r < 0.15) {
      // A transaction over several tables.
      await this.run('BEGIN')
      for (let i = 0, n = 2 + Math.floor(this.rand() * 5); i < n; i++) await this.rowChange(this.choose(() => true)!)
      await this.run('COMMIT')
    } else if (r < 0.18) {
      // Every row of a table in one statement: a transaction larger than a batch.
      const c = this.others(t)
      if (!c.length) return
      const col = this.pick(c)
      this.rowChanges += await this.run(`UPDATE ${ref(t)} SET ${q(col.name)} = ${this.literal(col.type)}`)
    } else await this.rowChange(t)
  }

  // ---------------------------------------------------------------- XA

  /** An XA transaction in a session of its own: one phase, or prepared and ended some steps later. */
  private async xa(): Promise<void> {
    if (this.pending) return this.rowStep()
    const tables = this.shuffled(this.tables.filter((t) => this.free(t) && t.db !== this.dbs.outside)).slice(
      0,
      1 + Math.floor(this.rand() * 2),
    )
    if (!tables.length) return
    const xid = `x${this.seed}_${++this.xaCount}`
    const s = await this.session()
    const onePhase = this.chance(0.25)
    try {
      await this.run(`XA START '${xid}'`, s, '[xa] ')
      // An insert first: a branch that changed nothing is read-only, and MariaDB forgets it at PREPARE.
      await this.insert(tables[0]!, 1, s, '[xa] ')
      for (const t of tables) for (let i = 0, n = Math.floor(this.rand() * 3); i < n; i++) await this.rowChange(t, s, '[xa] ')
      await this.run(`XA END '${xid}'`, s, '[xa] ')
      if (onePhase) await this.run(`XA COMMIT '${xid}' ONE PHASE`, s, '[xa] ')
      else await this.run(`XA PREPARE '${xid}'`, s, '[xa] ')
    } finally {
      await s.end().catch(() => {})
    }
    this.count(onePhase ? 'xa_one_phase' : 'xa_prepare')
    if (onePhase) return
    const uids = tables.map((t) => t.uid)
    for (const u of uids) this.locked.add(u)
    this.pending = { xid, uids, stepsLeft: 2 + Math.floor(this.rand() * 15) }
  }

  private async endXa(): Promise<void> {
    const p = this.pending!
    const commit = this.chance(0.6)
    const sql = `XA ${commit ? 'COMMIT' : 'ROLLBACK'} '${p.xid}'`
    this.note(sql)
    this.statements++
    try {
      await endPrepared(this.sql, sql)
    } catch (err) {
      throw new WorkloadError(`the source refused ${sql} (seed ${this.seed}): ${(err as Error).message}`, { cause: err })
    }
    this.count(commit ? 'xa_commit' : 'xa_rollback')
    if (!commit) this.rolledBack.set(p.xid, p.uids)
    for (const u of p.uids) this.locked.delete(u)
    this.pending = null
  }

  // ---------------------------------------------------------------- DDL

  private count(kind: string): void {
    this.done.set(kind, (this.done.get(kind) ?? 0) + 1)
  }

  private async ddlStep(): Promise<void> {
    // Each kind once first (in a seeded order), so that even a short run has them all.
    if (this.tour.length) {
      const kind = this.tour.shift()!
      if (await this.ddl(kind)) return this.count(kind)
      const tries = (this.tourTries.get(kind) ?? 0) + 1
      this.tourTries.set(kind, tries)
      if (tries < 50) this.tour.push(kind)
      return
    }
    const n = this.tables.length
    for (let attempt = 0; attempt < 10; attempt++) {
      const kind = this.weightedKind(n)
      if (await this.ddl(kind)) return this.count(kind)
    }
  }

  private weightedKind(tables: number): DdlKind {
    const w: Partial<Record<DdlKind, number>> = {
      create: 3,
      create_unique_key: 1,
      create_keyless: 2,
      create_like: 2,
      create_if_not_exists_existing: 2,
      create_like_if_not_exists_existing: 1,
      drop: 2,
      drop_if_exists: 2,
      drop_if_exists_missing: 1,
      truncate: 1.5,
      rename: 2,
      rename_across_databases: 2,
      rename_out_of_set: 1.5,
      rename_into_set: 1.5,
      rename_swap: 1,
      alter_rename: 1,
      gh_ost_swap: 2,
      pt_osc_swap: 2,
      add_column: 4,
      add_column_with_default: 4,
      drop_column: 4,
      modify_column: 4,
      change_column: 3,
      rename_column: 3,
      alter_default: 1.5,
      alter_several: 3,
      add_index: 2,
      drop_index: 2,
      rename_key_column: 2,
      modify_key_column: 2,
      drop_primary_key: 1.5,
      add_primary_key: 1.5,
      add_unique_key: 1,
    }
    const more = tables < 7 ? 4 : tables > 14 ? 0 : 1
    const fewer = tables > 14 ? 4 : tables < 7 ? 0 : 1
    for (const k of ['create', 'create_unique_key', 'create_keyless', 'create_like'] as const) w[k]! *= more
    for (const k of ['drop', 'drop_if_exists'] as const) w[k]! *= fewer
    const entries = Object.entries(w) as [DdlKind, number][]
    let r = this.rand() * entries.reduce((s, [, x]) => s + x, 0)
    for (const [k, x] of entries) {
      r -= x
      if (r <= 0) return k
    }
    return entries[0]![0]
  }

  /** Does one schema change of this kind; false when no table fits it now. */
  private async ddl(kind: DdlKind): Promise<boolean> {
    const inSet = (t: Table) => t.db !== this.dbs.outside
    switch (kind) {
      case 'create':
      case 'create_unique_key':
      case 'create_keyless': {
        const db = this.chance(0.75) ? this.dbs.main : this.dbs.second
        const t = this.newTable(db, this.newName(db), kind === 'create' ? 'primary' : kind === 'create_keyless' ? 'none' : 'unique')
        await this.run(this.createSql(t))
        this.tables.push(t)
        if (this.chance(0.7)) await this.insert(t, 1 + Math.floor(this.rand() * 10))
        return true
      }
      case 'create_like': {
        const src = this.choose(inSet)
        if (!src) return false
        const db = this.pick(this.replicatedDbs())
        const t: Table = { ...structuredClone(src), uid: this.nextUid++, db, name: this.newName(db), ids: [], keep: false }
        await this.run(`CREATE TABLE ${ref(t)} LIKE ${ref(src)}`)
        this.tables.push(t)
        if (this.chance(0.7)) await this.insert(t, 1 + Math.floor(this.rand() * 5))
        return true
      }
      case 'create_if_not_exists_existing': {
        const t = this.choose(inSet)
        if (!t) return false
        await this.run(`CREATE TABLE IF NOT EXISTS ${ref(t)} (id INT PRIMARY KEY)`)
        return true
      }
      case 'create_like_if_not_exists_existing': {
        const t = this.choose(inSet)
        const other = t && this.choose((x) => x !== t)
        if (!t || !other) return false
        await this.run(`CREATE TABLE IF NOT EXISTS ${ref(t)} LIKE ${ref(other)}`)
        return true
      }
      case 'drop':
      case 'drop_if_exists': {
        const t = this.choose((x) => !x.keep)
        if (!t) return false
        await this.run(`DROP TABLE ${kind === 'drop' ? '' : 'IF EXISTS '}${ref(t)}`)
        this.tables.splice(this.tables.indexOf(t), 1)
        return true
      }
      case 'drop_if_exists_missing': {
        const db = this.pick(this.replicatedDbs())
        const missing = { db, name: `gone${this.nextName++}` }
        const t = this.chance(0.5) ? this.choose((x) => !x.keep && inSet(x)) : null
        await this.run(`DROP TABLE IF EXISTS ${t ? `${ref(t)}, ` : ''}${ref(missing)}`)
        if (t) this.tables.splice(this.tables.indexOf(t), 1)
        return true
      }
      case 'truncate': {
        const t = this.choose((x) => inSet(x) && !x.keep)
        if (!t) return false
        await this.run(`TRUNCATE TABLE ${ref(t)}`)
        t.ids = []
        return true
      }
      case 'rename':
      case 'alter_rename': {
        const t = this.choose(inSet)
        if (!t) return false
        const name = this.newName(t.db)
        await this.run(
          kind === 'rename'
            ? `RENAME TABLE ${ref(t)} TO ${ref({ db: t.db, name })}`
            : `ALTER TABLE ${ref(t)} RENAME TO ${ref({ db: t.db, name })}`,
        )
        t.name = name
        return true
      }
      case 'rename_across_databases': {
        const t = this.choose(inSet)
        if (!t) return false
        const db = t.db === this.dbs.main ? this.dbs.second : this.dbs.main
        const name = this.find(db, t.name) ? this.newName(db) : t.name
        await this.run(`RENAME TABLE ${ref(t)} TO ${ref({ db, name })}`)
        t.db = db
        t.name = name
        return true
      }
      case 'rename_out_of_set':
      case 'rename_into_set': {
        const out = kind === 'rename_out_of_set'
        const t = this.choose((x) => !x.keep && (out ? inSet(x) : !inSet(x)))
        if (!t) return false
        const db = out ? this.dbs.outside : this.pick(this.replicatedDbs())
        const name = this.find(db, t.name) ? this.newName(db) : t.name
        await this.run(`RENAME TABLE ${ref(t)} TO ${ref({ db, name })}`)
        t.db = db
        t.name = name
        return true
      }
      case 'rename_swap': {
        // Two tables trade names in one statement, through a third.
        const a = this.choose(inSet)
        const b = a && this.choose((x) => x !== a && x.db === a.db)
        if (!a || !b) return false
        const tmp = { db: a.db, name: this.newName(a.db) }
        await this.run(`RENAME TABLE ${ref(a)} TO ${ref(tmp)}, ${ref(b)} TO ${ref(a)}, ${ref(tmp)} TO ${ref(b)}`)
        ;[a.name, b.name] = [b.name, a.name]
        return true
      }
      case 'gh_ost_swap':
      case 'pt_osc_swap':
        return this.onlineSchemaChange(kind === 'gh_ost_swap' ? 'gh-ost' : 'pt-osc')
      case 'alter_several': {
        const t = this.choose(inSet)
        if (!t) return false
        const clauses: { sql: string; apply: () => void }[] = []
        const used = new Set<string>()
        for (const k of this.shuffled([
          'add_column',
          'add_column_with_default',
          'drop_column',
          'modify_column',
          'change_column',
          'rename_column',
        ] as const).slice(0, 3)) {
          const c = this.columnClause(t, k, used, false)
          if (c) clauses.push(c)
        }
        if (clauses.length < 2) return false
        await this.run(`ALTER TABLE ${ref(t)} ${clauses.map((c) => c.sql).join(', ')}`)
        for (const c of clauses) c.apply()
        return true
      }
      case 'add_column':
      case 'add_column_with_default':
      case 'drop_column':
      case 'modify_column':
      case 'change_column':
      case 'rename_column':
      case 'alter_default': {
        const t = this.choose((x) => inSet(x) && this.columnClause(x, kind, new Set(), true, true) !== null)
        if (!t) return false
        const c = this.columnClause(t, kind, new Set(), true)!
        await this.run(`ALTER TABLE ${ref(t)} ${c.sql}`)
        c.apply()
        return true
      }
      case 'add_index': {
        const t = this.choose((x) => inSet(x) && this.others(x).some((c) => c.type !== 'TEXT'))
        if (!t) return false
        const cols = this.shuffled(this.others(t).filter((c) => c.type !== 'TEXT')).slice(0, 1 + Math.floor(this.rand() * 2))
        const index = { name: `i${this.nextName++}`, columns: cols.map((c) => c.name) }
        const list = index.columns.map(q).join(', ')
        await this.run(
          this.chance(0.5)
            ? `ALTER TABLE ${ref(t)} ADD INDEX ${q(index.name)} (${list})`
            : `CREATE INDEX ${q(index.name)} ON ${ref(t)} (${list})`,
        )
        t.indexes.push(index)
        return true
      }
      case 'drop_index': {
        const t = this.choose((x) => inSet(x) && x.indexes.length > 0)
        if (!t) return false
        const index = this.pick(t.indexes)
        await this.run(this.chance(0.5) ? `ALTER TABLE ${ref(t)} DROP INDEX ${q(index.name)}` : `DROP INDEX ${q(index.name)} ON ${ref(t)}`)
        t.indexes.splice(t.indexes.indexOf(index), 1)
        return true
      }
      case 'rename_key_column': {
        const t = this.choose((x) => inSet(x) && x.key !== 'none')
        if (!t) return false
        const col = t.columns.find((c) => c.name === t.ident)!
        const name = `ident${this.nextName++}`
        await this.run(
          this.chance(0.6)
            ? `ALTER TABLE ${ref(t)} RENAME COLUMN ${q(col.name)} TO ${q(name)}`
            : `ALTER TABLE ${ref(t)} CHANGE COLUMN ${q(col.name)} ${q(name)} ${col.type} NOT NULL`,
        )
        col.name = name
        t.ident = name
        return true
      }
      case 'modify_key_column': {
        const t = this.choose((x) => inSet(x) && x.key !== 'none')
        if (!t) return false
        const col = t.columns.find((c) => c.name === t.ident)!
        const type: ColumnType = col.type === 'INT' ? 'BIGINT' : 'INT'
        await this.run(`ALTER TABLE ${ref(t)} MODIFY COLUMN ${q(col.name)} ${type} NOT NULL`)
        col.type = type
        return true
      }
      case 'drop_primary_key': {
        const t = this.choose((x) => inSet(x) && x.key === 'primary')
        if (!t) return false
        await this.run(`ALTER TABLE ${ref(t)} DROP PRIMARY KEY`)
        t.key = 'none'
        return true
      }
      case 'add_primary_key': {
        const t = this.choose((x) => inSet(x) && x.key !== 'primary')
        if (!t) return false
        await this.run(
          `ALTER TABLE ${ref(t)} ${t.key === 'unique' ? `DROP INDEX ${q(t.uniqueIndex!)}, ` : ''}ADD PRIMARY KEY (${q(t.ident)})`,
        )
        t.key = 'primary'
        t.uniqueIndex = null
        return true
      }
      case 'add_unique_key': {
        const t = this.choose((x) => inSet(x) && x.key === 'none')
        if (!t) return false
        const name = `u${this.nextName++}`
        await this.run(`ALTER TABLE ${ref(t)} ADD UNIQUE KEY ${q(name)} (${q(t.ident)})`)
        t.key = 'unique'
        t.uniqueIndex = name
        return true
      }
    }
  }

  /**
   * One ALTER clause on a column other than the key column, and what it does to the model; null
   * when the table has no column it fits. `used`: columns other clauses of the statement touch.
   * `positioned`: the clause may place the column (AFTER / FIRST), only alone in its statement.
   */
  private columnClause(
    t: Table,
    kind: DdlKind,
    used: Set<string>,
    positioned: boolean,
    probe = false,
  ): { sql: string; apply: () => void } | null {
    const free = this.others(t).filter((c) => !used.has(c.name))
    const mark = (...names: string[]) => names.forEach((n) => used.add(n))
    switch (kind) {
      case 'add_column':
      case 'add_column_with_default': {
        if (probe) return { sql: '', apply: () => {} }
        const c = this.newColumn(kind === 'add_column_with_default')
        let where = ''
        if (positioned && this.chance(0.4)) {
          const after = this.pick(t.columns)
          where = this.chance(0.2) ? ' FIRST' : ` AFTER ${q(after.name)}`
        }
        mark(c.name)
        return { sql: `ADD COLUMN ${this.columnSql(c)}${where}`, apply: () => t.columns.push(c) }
      }
      case 'drop_column': {
        const c = free.filter((x) => !this.indexed(t, x.name))
        if (this.others(t).length < 2 || !c.length) return null
        if (probe) return { sql: '', apply: () => {} }
        const col = this.pick(c)
        mark(col.name)
        return { sql: `DROP COLUMN ${q(col.name)}`, apply: () => t.columns.splice(t.columns.indexOf(col), 1) }
      }
      case 'modify_column':
      case 'change_column': {
        const c = free.filter((x) => CONVERSIONS[x.type].some((to) => to !== 'TEXT' || !this.indexed(t, x.name)))
        if (!c.length) return null
        if (probe) return { sql: '', apply: () => {} }
        const col = this.pick(c)
        const change = kind === 'change_column'
        // CHANGE may keep the type and only rename; MODIFY always converts.
        const type =
          change && this.chance(0.3)
            ? col.type
            : this.pick(CONVERSIONS[col.type].filter((to) => to !== 'TEXT' || !this.indexed(t, col.name)))
        const next: Column = {
          name: change ? `c${this.nextName++}` : col.name,
          type,
          nullable: col.nullable,
          default: type !== 'TEXT' && this.chance(0.5) ? this.literal(type) : null,
        }
        if (!next.nullable && next.default === null && type !== 'TEXT') next.default = this.literal(type)
        const from = col.name
        mark(from, next.name)
        return {
          sql: change ? `CHANGE COLUMN ${q(from)} ${this.columnSql(next)}` : `MODIFY COLUMN ${this.columnSql(next)}`,
          apply: () => {
            Object.assign(col, next)
            this.renameInIndexes(t, from, next.name)
          },
        }
      }
      case 'rename_column': {
        if (!free.length) return null
        if (probe) return { sql: '', apply: () => {} }
        const col = this.pick(free)
        const name = `c${this.nextName++}`
        const from = col.name
        mark(from, name)
        return {
          sql: `RENAME COLUMN ${q(from)} TO ${q(name)}`,
          apply: () => {
            col.name = name
            this.renameInIndexes(t, from, name)
          },
        }
      }
      case 'alter_default': {
        const c = free.filter((x) => x.type !== 'TEXT')
        if (!c.length) return null
        if (probe) return { sql: '', apply: () => {} }
        const col = this.pick(c)
        mark(col.name)
        if (col.default !== null && this.chance(0.4))
          return { sql: `ALTER COLUMN ${q(col.name)} DROP DEFAULT`, apply: () => (col.default = null) }
        const lit = this.literal(col.type)
        return { sql: `ALTER COLUMN ${q(col.name)} SET DEFAULT ${lit}`, apply: () => (col.default = lit) }
      }
      default:
        return null
    }
  }

  private renameInIndexes(t: Table, from: string, to: string): void {
    for (const i of t.indexes) i.columns = i.columns.map((c) => (c === from ? to : c))
  }

  /**
   * The swaps of the online-schema-change tools: a shadow table made LIKE the original, altered,
   * filled, then swapped in by one RENAME, and the old one dropped. gh-ost also keeps a changelog
   * table (_t_ghc) for the length of the migration.
   */
  private async onlineSchemaChange(tool: 'gh-ost' | 'pt-osc'): Promise<boolean> {
    const names = (t: Table) =>
      tool === 'gh-ost'
        ? { shadow: `_${t.name}_gho`, old: `_${t.name}_del`, log: `_${t.name}_ghc` }
        : { shadow: `_${t.name}_new`, old: `_${t.name}_old`, log: null }
    const t = this.choose((x) => x.db !== this.dbs.outside && Object.values(names(x)).every((n) => n === null || !this.find(x.db, n)))
    if (!t) return false
    const n = names(t)
    const log = n.log ? { db: t.db, name: n.log } : null
    if (log) {
      await this.run(
        `CREATE TABLE ${ref(log)} (id BIGINT AUTO_INCREMENT, last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, hint VARCHAR(64) NOT NULL, value TEXT, PRIMARY KEY (id), UNIQUE KEY hint_uidx (hint))`,
      )
      await this.run(`INSERT INTO ${ref(log)} (hint, value) VALUES ('state', 'GhostTableMigrated')`)
    }
    const shadow: Table = { ...structuredClone(t), uid: this.nextUid++, name: n.shadow, ids: [...t.ids] }
    await this.run(`CREATE TABLE ${ref(shadow)} LIKE ${ref(t)}`)
    this.tables.push(shadow)
    const before = new Set(shadow.columns.map((c) => c.name))
    const clauses: { sql: string; apply: () => void }[] = []
    const used = new Set<string>()
    for (const k of this.shuffled(['add_column', 'add_column_with_default', 'drop_column', 'modify_column'] as const).slice(
      0,
      1 + Math.floor(this.rand() * 2),
    )) {
      const c = this.columnClause(shadow, k, used, false)
      if (c) clauses.push(c)
    }
    if (clauses.length) {
      await this.run(`ALTER TABLE ${ref(shadow)} ${clauses.map((c) => c.sql).join(', ')}`)
      for (const c of clauses) c.apply()
    }
    // The columns both have under the same name (a modified one converts on the way).
    const common = shadow.columns.filter((c) => before.has(c.name)).map((c) => q(c.name))
    const fill = (where: string) => `INSERT INTO ${ref(shadow)} (${common.join(', ')}) SELECT ${common.join(', ')} FROM ${ref(t)}${where}`
    if (tool === 'pt-osc') {
      // In chunks, as pt-online-schema-change copies.
      const mid = Math.floor(this.nextId / 2)
      await this.run(fill(` WHERE ${q(t.ident)} < ${mid}`))
      await this.rowChange(t)
      await this.run(fill(` WHERE ${q(t.ident)} >= ${mid}`))
    } else {
      await this.run(fill(''))
      // Changes to the original while the shadow is filled are lost by this crude copy, which
      // does not matter here: the source after the swap is what the copy must equal.
      for (let i = 0, k = Math.floor(this.rand() * 3); i < k; i++) await this.rowChange(t)
    }
    const old = { db: t.db, name: n.old }
    await this.run(`RENAME TABLE ${ref(t)} TO ${ref(old)}, ${ref(shadow)} TO ${ref(t)}`)
    shadow.name = t.name
    t.name = n.old
    t.keep = false
    if (tool === 'pt-osc' || this.chance(0.7)) {
      await this.run(`DROP TABLE IF EXISTS ${ref(old)}`)
      this.tables.splice(this.tables.indexOf(t), 1)
    }
    if (log) await this.run(`DROP TABLE IF EXISTS ${ref(log)}`)
    return true
  }
}
