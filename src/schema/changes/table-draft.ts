// A tracked table being changed step by step: column edits in place, keys kept in the server's
// order, and a snapshot (TrackedTable) after each step. A step that does not fit the table (a
// column that is not there) is a TableMismatch: the tracked table is not what the server has.

import type { ColumnDef, ColumnPlacement, TrackedForeignKey, TrackedKey, TrackedTable } from '../../model/index.ts'
import type { ServerFlavor } from '../ddl/index.ts'
import { highestGeneratedNumber } from './foreign-keys.ts'
import { copyColumn, copyForeignKey, effectivePrimaryKey, isLongUnique, isRowHashColumn, rowHashColumn, sameName } from './tracked-table.ts'

export class TableMismatch extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TableMismatch'
  }
}

export class TableDraft {
  database: string
  table: string
  columns: ColumnDef[]
  collation: number | undefined
  /** Always a list; only the primary key when the tracked table did not know its keys. */
  keys: TrackedKey[]
  readonly keysKnown: boolean
  /** The table's foreign keys (empty when not known). */
  foreignKeys: TrackedForeignKey[]
  /** Whether the foreign keys are known; a step that shows them stale (DROP of one not there) forgets them. */
  foreignKeysKnown: boolean
  /** Numbers of the names the server generates for this statement's unnamed foreign keys: on from the highest the table had. */
  private foreignKeyNumber: number
  /** MariaDB hash columns of a table whose keys are not known: kept last, as found. */
  private readonly hiddenTail: ColumnDef[]

  private constructor(
    table: TrackedTable,
    readonly flavor: ServerFlavor,
  ) {
    this.database = table.database
    this.table = table.table
    this.keysKnown = table.keys !== undefined
    // MariaDB's hidden long-unique hash columns stay last: snapshot() makes them again from the
    // keys, or — keys unknown — puts back the ones the table ended with.
    const columns = table.columns.map(copyColumn)
    let tail = columns.length
    while (flavor === 'mariadb' && tail > 0 && isRowHashColumn(columns[tail - 1])) tail--
    this.hiddenTail = this.keysKnown ? [] : columns.slice(tail)
    this.columns = flavor === 'mariadb' && this.keysKnown ? columns.filter((c) => !isRowHashColumn(c)) : columns.slice(0, tail)
    this.collation = table.collation
    if (table.keys !== undefined) {
      this.keys = table.keys.map((k) => ({ ...k, parts: k.parts.map((p) => ({ ...p })) }))
    } else {
      const parts = table.primaryKey.map((i) => ({ column: table.columns[i]?.name ?? null, prefix: null }))
      this.keys = parts.length === 0 ? [] : [{ name: 'PRIMARY', kind: 'primary', parts }]
    }
    this.foreignKeysKnown = table.foreignKeys !== undefined
    this.foreignKeys = (table.foreignKeys ?? []).map(copyForeignKey)
    this.foreignKeyNumber = highestGeneratedNumber(table.table, this.foreignKeys)
  }

  static from(table: TrackedTable, flavor: ServerFlavor): TableDraft {
    return new TableDraft(table, flavor)
  }

  /**
   * The table as it stands: columns renumbered (MariaDB's long-unique hash columns last), keys
   * in the server's order, the primary key TABLE_MAP reports.
   */
  snapshot(): TrackedTable {
    const columns = this.columns.map(copyColumn)
    if (this.flavor === 'mariadb' && this.keysKnown) {
      const long = this.keys.filter((k) => isLongUnique(k, this.columns))
      long.forEach((_, i) => columns.push(rowHashColumn(i + 1)))
    }
    columns.push(...this.hiddenTail.map(copyColumn))
    columns.forEach((c, index) => (c.index = index))
    this.keys = sortKeys(this.keys, this.columns, this.flavor)
    const out: TrackedTable = {
      database: this.database,
      table: this.table,
      columns,
      primaryKey: effectivePrimaryKey(columns, this.keys, this.flavor),
    }
    if (this.collation !== undefined) out.collation = this.collation
    if (this.keysKnown) out.keys = this.keys.map((k) => ({ ...k, parts: k.parts.map((p) => ({ ...p })) }))
    if (this.foreignKeysKnown) out.foreignKeys = this.foreignKeys.map(copyForeignKey)
    return out
  }

  /** Names of the primary key TABLE_MAP would report now. */
  primaryKeyNames(): string[] {
    return this.snapshot().primaryKey.map((i) => this.columns[i].name)
  }

  indexOf(name: string): number {
    return this.columns.findIndex((c) => sameName(c.name, name))
  }

  has(name: string): boolean {
    return this.indexOf(name) >= 0
  }

  column(name: string): ColumnDef {
    const i = this.indexOf(name)
    if (i < 0) throw new TableMismatch(`column ${name} is not in the tracked table ${this.database}.${this.table}`)
    return this.columns[i]
  }

  add(column: ColumnDef, position: ColumnPlacement): void {
    if (this.has(column.name))
      throw new TableMismatch(`column ${column.name} is already in the tracked table ${this.database}.${this.table}`)
    this.columns.splice(this.insertionPoint(position), 0, column)
  }

  drop(name: string): void {
    const i = this.indexOf(name)
    if (i < 0) throw new TableMismatch(`column ${name} is not in the tracked table ${this.database}.${this.table}`)
    this.columns.splice(i, 1)
    // Both servers take a dropped column out of every key, and drop a key left with no part.
    for (const key of this.keys) key.parts = key.parts.filter((p) => p.column === null || !sameName(p.column, name))
    this.keys = this.keys.filter((k) => k.parts.length > 0)
    // Both servers refuse to drop a column a foreign key uses; should one go anyway, so does the key.
    this.foreignKeys = this.foreignKeys.filter(
      (fk) => !fk.columns.some((c) => sameName(c, name)) && !(this.isSelf(fk) && fk.parent.columns.some((c) => sameName(c, name))),
    )
  }

  rename(from: string, to: string): void {
    const column = this.column(from)
    const clash = this.indexOf(to)
    if (clash >= 0 && this.columns[clash] !== column)
      throw new TableMismatch(`column ${to} is already in the tracked table ${this.database}.${this.table}`)
    column.name = to
    for (const key of this.keys) for (const p of key.parts) if (p.column !== null && sameName(p.column, from)) p.column = to
    // Foreign keys follow a renamed column, on the child side and — a self-reference — the parent side.
    const renamed = (names: string[]) => names.map((c) => (sameName(c, from) ? to : c))
    for (const fk of this.foreignKeys) {
      fk.columns = renamed(fk.columns)
      if (this.isSelf(fk)) fk.parent.columns = renamed(fk.parent.columns)
    }
  }

  /** Whether a foreign key of this table references the table itself. */
  isSelf(fk: TrackedForeignKey): boolean {
    return fk.parent.database === this.database && fk.parent.table === this.table
  }

  /** Replaces the column named `name` by `column` (same place). */
  replace(name: string, column: ColumnDef): void {
    const i = this.indexOf(name)
    if (i < 0) throw new TableMismatch(`column ${name} is not in the tracked table ${this.database}.${this.table}`)
    this.columns[i] = column
  }

  move(name: string, position: ColumnPlacement): void {
    if (position === null) return
    const i = this.indexOf(name)
    if (i < 0) throw new TableMismatch(`column ${name} is not in the tracked table ${this.database}.${this.table}`)
    const [column] = this.columns.splice(i, 1)
    this.columns.splice(this.insertionPoint(position), 0, column)
  }

  private insertionPoint(position: ColumnPlacement): number {
    if (position === null) return this.columns.length
    if (position.first) return 0
    const after = this.indexOf(position.after)
    if (after < 0) throw new TableMismatch(`AFTER ${position.after}: no such column in the tracked table ${this.database}.${this.table}`)
    return after + 1
  }

  key(name: string): TrackedKey | undefined {
    return this.keys.find((k) => sameName(k.name, name))
  }

  /**
   * Adds a key as the servers do (MySQL and MariaDB mysql_prepare_create_table): an index they
   * generated for a foreign key and a new key where one starts with the other's columns do not
   * both stay — the generated one goes, or the new one is not made when it is the generated one
   * and an index already serves. A generated key without a name is named after its first column.
   */
  addKey(key: TrackedKey): void {
    for (const existing of this.keys) {
      if (!generatedPrefix(key, existing)) continue
      if (!existing.generated || (key.generated === true && key.parts.length < existing.parts.length)) return
      this.keys = this.keys.filter((k) => k !== existing)
      break
    }
    if (key.name === '') key.name = this.keyName(key.parts[0]?.column ?? null)
    this.keys.push(key)
  }

  /**
   * A new foreign key: its name (`fk.name`) is already the server's. The index it needs is made
   * unless one the table has starts with its columns, named after the CONSTRAINT symbol, else the
   * FOREIGN KEY index name, else its first column (seen on both servers).
   */
  addForeignKey(fk: TrackedForeignKey, indexName: string | null): void {
    if (this.foreignKeysKnown) this.foreignKeys.push(fk)
    this.addKey({ name: indexName ?? '', kind: 'index', parts: fk.columns.map((column) => ({ column, prefix: null })), generated: true })
  }

  /** The n of `<table>_ibfk_<n>` for the next foreign key this statement adds without a name. */
  nextForeignKeyNumber(): number {
    return ++this.foreignKeyNumber
  }

  dropForeignKey(name: string): boolean {
    const before = this.foreignKeys.length
    this.foreignKeys = this.foreignKeys.filter((fk) => !sameName(fk.name, name))
    return this.foreignKeys.length !== before
  }

  foreignKey(name: string): TrackedForeignKey | undefined {
    return this.foreignKeys.find((fk) => sameName(fk.name, name))
  }

  dropKey(name: string): boolean {
    const before = this.keys.length
    this.keys = this.keys.filter((k) => !sameName(k.name, name))
    return this.keys.length !== before
  }

  /**
   * The name the server gives a key written without one: its first column's name, else that
   * name with _2, _3, ... (MySQL make_unique_key_name; MariaDB does the same).
   */
  keyName(first: string | null): string {
    const base = first ?? 'functional_index'
    const taken = (n: string) => sameName(n, 'PRIMARY') || this.keys.some((k) => sameName(k.name, n))
    if (!taken(base)) return base
    for (let i = 2; ; i++) if (!taken(`${base}_${i}`)) return `${base}_${i}`
  }
}

/**
 * Whether one of two keys is a generated foreign-key index whose columns begin the other's (the
 * servers' foreign_key_prefix): two generated keys compare the shorter against the longer.
 */
function generatedPrefix(a: TrackedKey, b: TrackedKey): boolean {
  let short = a
  let long = b
  if (a.generated === true) {
    if (b.generated === true && a.parts.length > b.parts.length) [short, long] = [b, a]
  } else {
    if (b.generated !== true) return false
    ;[short, long] = [b, a]
  }
  if (short.parts.length > long.parts.length) return false
  return short.parts.every((p, i) => {
    const q = long.parts[i]
    return p.column !== null && q.column !== null && sameName(p.column, q.column) && p.prefix === q.prefix
  })
}

/**
 * The servers' key order (MySQL sort_keys, MariaDB the same): unique keys first — those without
 * a nullable part before the rest, the PRIMARY KEY first among them, then those without a prefix
 * part — then the others; otherwise the order they had. TABLE_MAP's implied primary key is the
 * first unique key in this order whose parts are whole NOT NULL columns.
 */
function sortKeys(keys: TrackedKey[], columns: ColumnDef[], flavor: ServerFlavor): TrackedKey[] {
  const nullable = (k: TrackedKey) =>
    k.parts.some((p) => {
      if (p.column === null) return true
      const column = columns.find((c) => sameName(c.name, p.column as string))
      return column === undefined || column.nullable
    })
  const rank = (k: TrackedKey): number[] => {
    // MariaDB keeps long-unique hash keys in the order of their hash columns, after the others.
    if (flavor === 'mariadb' && isLongUnique(k, columns)) return [0, 2, 1, 1]
    if (k.kind === 'index') return [1, 0, 0, 0]
    return [0, nullable(k) ? 1 : 0, k.kind === 'primary' ? 0 : 1, k.parts.some((p) => p.prefix !== null) ? 1 : 0]
  }
  return keys
    .map((key, i) => ({ key, i, r: rank(key) }))
    .sort((a, b) => {
      for (let j = 0; j < a.r.length; j++) if (a.r[j] !== b.r[j]) return a.r[j] - b.r[j]
      return a.i - b.i
    })
    .map((e) => e.key)
}
