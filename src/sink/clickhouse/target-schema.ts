// Keeps each ClickHouse table in line with its tracked source table, checking the target's real
// state before every change: a table is found by its mark (wherever a crash left it), created,
// renamed, its columns added, altered or dropped, or it starts over empty when its key changed.
// Only what chsync made is ever changed or dropped; a name taken by someone else's table, or a
// column of theirs, is refused for that table alone (TargetRefusedError).

import type { Logger } from '../../log/index.ts'
import { type SourceTable, tableKey, tableName } from '../../model/index.ts'
import type { TimeType } from '../../schema/types/index.ts'
import { TargetRefusedError } from '../sink.ts'
import type { TableName, TargetCatalog, TargetTableState } from './catalog.ts'
import { exceptionCode } from './errors.ts'
import type { TableLayout } from '../../config/index.ts'
import { codecOf, layoutProblem, orderByOf } from './layout.ts'
import { timeTypeIn } from './time-choice.ts'
import { DistributedTables, distributedMark } from './distributed.ts'
import { COLUMN_MARK, literal, readTableMark, tableMark } from './ownership.ts'
import {
  DELETED_COLUMN,
  KEY_COLUMN,
  OP_COLUMN,
  type TargetNaming,
  type TargetTable,
  VERSION_COLUMN,
  createDatabaseSql,
  createTableSql,
  ident,
  onCluster,
  qualified,
  systemColumns,
  targetTable,
} from './target-table.ts'

export type Command = (sql: string, settings?: Record<string, string>) => Promise<void>

/** ClickHouse databases that are never a target. */
const SYSTEM_DATABASES = new Set(['system', 'information_schema', 'INFORMATION_SCHEMA'])

/** ALTER_OF_COLUMN_IS_FORBIDDEN: ClickHouse will not alter a key column in place. */
const ALTER_FORBIDDEN = 524

export interface SyncResult {
  target: TargetTable
  /** The table started over empty, or a column lost its values: copy it again. */
  rebuilt: boolean
}

export class TargetSchema {
  private owner = ''
  /** Target id → the tableKey of the source table whose copy it is. */
  private readonly claims = new Map<string, string>()
  /** Target id → the TIME type its table holds (chosen once, when it is first synced). */
  private readonly timeTypes = new Map<string, TimeType>()
  private readonly distributed: DistributedTables

  constructor(
    private readonly catalog: TargetCatalog,
    private readonly command: Command,
    private readonly naming: TargetNaming,
    private readonly log: Logger,
  ) {
    this.distributed = new DistributedTables(catalog, command, naming, log)
  }

  setOwner(owner: string): void {
    this.owner = owner
  }

  /** The TIME type of the table's copy: the one it was made with (time-choice.ts), else the one for new tables. */
  timeTypeOf(source: SourceTable): TimeType {
    return this.timeTypes.get(idOf(source)) ?? this.naming.timeType
  }

  /** `source`'s target with the TIME type `here` (its copy, if there is one) holds, kept for the table's later changes. */
  private targetOf(source: SourceTable, here: TargetTableState | null): TargetTable {
    const timeType = timeTypeIn(here, source, this.naming) ?? this.timeTypeOf(source)
    this.timeTypes.set(idOf(source), timeType)
    return targetTable(source, this.naming, timeType)
  }

  claim(source: SourceTable): void {
    this.claims.set(idOf(source), tableKey(source.database, source.table))
  }

  /** The source table no longer has a copy (dropped, or no longer replicated). */
  unclaim(source: { targetId?: string }): void {
    if (source.targetId !== undefined) this.claims.delete(source.targetId)
  }

  /**
   * Drops the tables marked as this chsync's that no tracked table claims: at start, after every
   * tracked table is claimed, they are what a crashed run made past the committed position (a
   * first start's tables, a table that entered then), which the replay may not come back to. A
   * table whose source left the replicated set is released first (release), not dropped.
   */
  async dropUnclaimed(): Promise<void> {
    for (const t of await this.catalog.marked(tableMark(this.owner, ''))) {
      const mark = readTableMark(t.comment)
      if (!mark || mark.owner !== this.owner || this.claims.has(mark.id)) continue
      this.log.info('dropping a table a crashed run left behind (no tracked table is its source)', { table: qualified(t) })
      await this.command(`DROP TABLE IF EXISTS ${qualified(t)}${this.onCluster} SYNC`)
    }
    // Also every Distributed table of this chsync when target.distributed is off now.
    await this.distributed.dropUnclaimed(this.owner, (id) => this.distributed.enabled && this.claims.has(id))
  }

  /** Unmarks the copy of a table that is no longer replicated: it stays, as any table chsync did not make. */
  async release(source: SourceTable): Promise<void> {
    const at = await this.locate(source)
    if (at)
      await this.command(
        `ALTER TABLE ${qualified(at)}${this.onCluster} MODIFY COMMENT ${literal(`released by chsync ${this.owner}: its source is no longer replicated`)}`,
      )
    // Its Distributed table was chsync's view of a chsync table: it goes.
    await this.distributed.dropMarked(distributedMark(this.owner, idOf(source)))
    this.unclaim(source)
  }

  /** Why the target cannot hold this table at all, or null. */
  cannotHold(source: SourceTable): string | null {
    const db = this.naming.database(source.database)
    return SYSTEM_DATABASES.has(db) ? `its target database ${db} is ClickHouse's own` : null
  }

  markOf(source: SourceTable): string {
    return tableMark(this.owner, idOf(source))
  }

  /** Where the copy of `source` is now, or null when there is none. */
  locate(source: SourceTable): Promise<TableName | null> {
    return this.catalog.find(this.markOf(source))
  }

  /**
   * Brings the target of `source` in line with it: found by its mark and renamed to its name if a
   * crash left it elsewhere, created if missing, started over when the key changed, and with
   * `columns`, its columns added, altered and dropped (chsync's own only). Then its Distributed
   * table, with target.distributed.
   */
  async sync(source: SourceTable, columns = true): Promise<SyncResult> {
    const synced = await this.place(source, columns)
    if (this.distributed.enabled) {
      const here = await this.catalog.table(synced.target)
      if (here) await this.distributed.sync(here, distributedMark(this.owner, idOf(source)))
    }
    return synced
  }

  private async place(source: SourceTable, columns: boolean): Promise<SyncResult> {
    const layout = this.layoutOf(source)
    const problem = layout && layoutProblem(targetTable(source, this.naming), layout)
    if (problem) throw this.refuse(source, problem)
    const name = { database: this.naming.database(source.database), table: source.table }
    const mark = this.markOf(source)
    this.claim(source)
    await this.command(createDatabaseSql(name.database, this.naming))
    let here = await this.catalog.table(name)
    let rebuilt = false
    if (here?.comment !== mark) {
      const elsewhere = await this.catalog.find(mark)
      if (here) await this.clear(here, source)
      if (elsewhere) await this.command(`RENAME TABLE ${qualified(elsewhere)} TO ${qualified(name)}${this.onCluster}`)
      else {
        await this.command(createTableSql(this.targetOf(source, null), this.naming, mark))
        rebuilt = true
      }
      here = await this.catalog.table(name)
      if (!here) throw new Error(`ClickHouse did not create ${qualified(name)}`)
    }
    const target = this.targetOf(source, here)
    const key = sortingKeyOf(target, layout)
    if (normalizeKey(here.sortingKey) !== normalizeKey(key)) {
      const history = here.columns.get(OP_COLUMN)?.ours === true
      this.log.warn(
        `sorting key changed (the primary key on the source, [[target.layout]] order_by or mode); the target table starts over and is copied again${history ? ', its history kept beside it' : ''}`,
        { table: tableName(source.database, source.table), was: here.sortingKey, now: key },
      )
      if (history) await this.keepHistory(here)
      await this.recreate(target, mark)
      return { target, rebuilt: true }
    }
    try {
      if (await (columns ? this.reconcileColumns(target, here) : this.fixLengths(target, here))) rebuilt = true
    } catch (err) {
      if (exceptionCode(err) !== ALTER_FORBIDDEN) throw err
      // A key column's type: ClickHouse cannot convert it in place.
      await this.recreate(target, mark)
      return { target, rebuilt: true }
    }
    return { target, rebuilt }
  }

  /**
   * A table made by an older chsync (no mark): marks it and the columns of the tracked table as
   * chsync's, once, when a state file without schema history is first opened.
   */
  async adopt(source: SourceTable): Promise<void> {
    const target = targetTable(source, this.naming)
    const here = await this.catalog.table(target)
    if (!here || here.mark !== null) return
    const head = `ALTER TABLE ${qualified(target)}${this.onCluster}`
    for (const name of [...target.columns.map((c) => c.name), ...systemColumns(target).map(([n]) => n)])
      if (here.columns.has(name)) await this.command(`${head} COMMENT COLUMN ${ident(name)} ${literal(COLUMN_MARK)}`)
    await this.command(`${head} MODIFY COMMENT ${literal(this.markOf(source))}`)
    this.log.info('table made by an earlier chsync marked as its own', { table: tableName(source.database, source.table) })
  }

  /** Whether the table is a history table of chsync's (it has chsync's `_op`). */
  async isHistory(at: TableName): Promise<boolean> {
    return (await this.catalog.table(at))?.columns.get(OP_COLUMN)?.ours === true
  }

  async drop(source: SourceTable): Promise<void> {
    const at = await this.locate(source)
    if (at) await this.command(`DROP TABLE IF EXISTS ${qualified(at)}${this.onCluster} SYNC`)
    await this.distributed.dropMarked(distributedMark(this.owner, idOf(source)))
    this.unclaim(source)
  }

  async truncate(source: SourceTable): Promise<void> {
    const at = await this.locate(source)
    if (at) await this.command(`TRUNCATE TABLE IF EXISTS ${qualified(at)}${this.onCluster}`)
  }

  /**
   * Renames a column where ClickHouse can (not a key column: the caller starts the table over).
   * Done already (a replay) when `to` is there: the source renamed only because it was not, so a
   * `to` of chsync's is this rename's result, and a `from` beside it a leftover.
   */
  async renameColumn(source: SourceTable, from: string, to: string): Promise<void> {
    const at = await this.locate(source)
    if (!at) return
    const here = (await this.catalog.table(at))!
    const taken = here.columns.get(to)
    if (taken && !taken.ours) throw this.refuse(source, `column ${to} of ClickHouse table ${qualified(at)} was not made by chsync`)
    const old = here.columns.get(from)
    if (!old?.ours) return
    const head = `ALTER TABLE ${qualified(at)}${this.onCluster}`
    await this.command(
      taken ? `${head} DROP COLUMN IF EXISTS ${ident(from)}` : `${head} RENAME COLUMN IF EXISTS ${ident(from)} TO ${ident(to)}`,
    )
  }

  /** Drops a column of chsync's whose values the source converted (the table is copied again). */
  async dropColumnUnless(source: SourceTable, column: string, type: string): Promise<void> {
    const at = await this.locate(source)
    if (!at) return
    const have = (await this.catalog.table(at))?.columns.get(column)
    if (have?.ours && normalizeType(have.type) !== normalizeType(type))
      await this.command(`ALTER TABLE ${qualified(at)}${this.onCluster} DROP COLUMN IF EXISTS ${ident(column)}`)
  }

  /** Adds a column with the value the source gave the rows already there (a DEFAULT expression), unless it is there. */
  async addColumn(source: SourceTable, column: string, type: string, fill: string | null, place: string): Promise<void> {
    const at = await this.locate(source)
    if (!at) return
    const have = (await this.catalog.table(at))?.columns.get(column)
    if (have && !have.ours) throw this.refuse(source, `column ${column} of ClickHouse table ${qualified(at)} was not made by chsync`)
    if (have) return
    const def = fill === null ? '' : ` DEFAULT ${fill}`
    const codec = codecOf(this.layoutOf(source), column)
    await this.command(
      `ALTER TABLE ${qualified(at)}${this.onCluster} ADD COLUMN IF NOT EXISTS ${ident(column)} ${type}${def} COMMENT ${literal(COLUMN_MARK)}${codec} ${place}`,
    )
  }

  /**
   * The name is taken by a table that is not this one's copy: chsync's own and spoken for by
   * another tracked table → moved aside until that one is synced; chsync's and nobody's (a crash
   * left it, or its table left the replicated set) → dropped; someone else's → refused.
   */
  private async clear(here: TargetTableState, source: SourceTable): Promise<void> {
    const mark = here.mark
    if (!mark || mark.owner !== this.owner) {
      throw this.refuse(
        source,
        `ClickHouse table ${qualified(here)} exists and was not made by this chsync${mark ? ' (another chsync made it)' : ''}; ` +
          'chsync never changes a table it did not make: rename or drop it, or map the database elsewhere (target.databases)',
      )
    }
    const claimant = this.claims.get(mark.id)
    if (claimant !== undefined && claimant !== tableKey(source.database, source.table)) {
      await this.command(
        `RENAME TABLE ${qualified(here)} TO ${qualified({ database: here.database, table: `_chsync_moving_${mark.id}` })}${this.onCluster}`,
      )
      return
    }
    this.log.info('dropping a table chsync left behind (no tracked table is its source)', { table: qualified(here) })
    await this.command(`DROP TABLE IF EXISTS ${qualified(here)}${this.onCluster} SYNC`)
  }

  /**
   * A history table is never dropped: when it must start over, it is renamed to
   * `<table>_history_<UTC time to the ms>` and unmarked, a table chsync no longer touches. Renamed
   * first: a crash before the comment leaves it marked, so the next start finds it, moves it back
   * and renames it again.
   */
  private async keepHistory(here: TargetTableState): Promise<void> {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 17)
    const kept = { database: here.database, table: `${here.table}_history_${stamp}` }
    await this.command(`RENAME TABLE ${qualified(here)} TO ${qualified(kept)}${this.onCluster}`)
    await this.command(
      `ALTER TABLE ${qualified(kept)}${this.onCluster} MODIFY COMMENT ${literal(`kept by chsync ${this.owner}: the history of ${qualified(here)} before its key changed`)}`,
    )
    this.log.warn('history table kept under a new name', { table: qualified(here), kept: qualified(kept) })
  }

  private async recreate(target: TargetTable, mark: string): Promise<void> {
    await this.command(`DROP TABLE IF EXISTS ${qualified(target)}${this.onCluster} SYNC`)
    await this.command(createTableSql(target, this.naming, mark))
    // As after the first CREATE: nothing is copied into a table system.tables does not show.
    if (!(await this.catalog.table(target))) throw new Error(`ClickHouse did not create ${qualified(target)}`)
  }

  /**
   * Adds the missing columns, converts the ones of another type, drops chsync's columns the
   * source no longer has; a user's columns stay. True when a column lost its values.
   */
  private async reconcileColumns(target: TargetTable, here: TargetTableState): Promise<boolean> {
    const head = `ALTER TABLE ${qualified(target)}${this.onCluster}`
    const layout = this.layoutOf(target.source)
    // CODEC comes after COMMENT in a column's definition.
    const mark = (name: string) => ` COMMENT ${literal(COLUMN_MARK)}${codecOf(layout, name)}`
    let lost = false
    for (const [i, c] of target.columns.entries()) {
      const have = here.columns.get(c.name)
      if (have === undefined)
        await this.alter(target, `${head} ADD COLUMN IF NOT EXISTS ${ident(c.name)} ${c.type}${mark(c.name)} ${placeOf(target, i)}`)
      else if (!have.ours)
        throw this.refuse(target.source, `column ${c.name} of ClickHouse table ${qualified(target)} was not made by chsync`)
      else if (normalizeType(have.type) !== normalizeType(c.type) && !(await this.retype(target, i))) lost = true
    }
    const wanted = new Set([...target.columns.map((c) => c.name), ...systemColumns(target).map(([n]) => n)])
    for (const [name, have] of here.columns) {
      if (have.ours && !wanted.has(name) && name !== VERSION_COLUMN && name !== DELETED_COLUMN && name !== KEY_COLUMN)
        await this.alter(target, `${head} DROP COLUMN IF EXISTS ${ident(name)}`)
    }
    return lost
  }

  /**
   * At start, when columns are otherwise left as they are until the replay: a sha256-masked
   * column an earlier chsync made a String becomes the FixedString it is now, its values kept.
   * True when a column lost its values (they did not fit).
   */
  private async fixLengths(target: TargetTable, here: TargetTableState): Promise<boolean> {
    let lost = false
    for (const [i, c] of target.columns.entries()) {
      const have = here.columns.get(c.name)
      if (c.kind !== 'fixed' || !have?.ours || normalizeType(have.type) !== normalizeType(c.type.replace(/FixedString\(\d+\)/, 'String')))
        continue
      if (!(await this.retype(target, i))) lost = true
    }
    return lost
  }

  /** Converts column `i` to its type in `target`; false when it could not, and started over empty (a copy refills it). */
  private async retype(target: TargetTable, i: number): Promise<boolean> {
    const c = target.columns[i]
    const head = `ALTER TABLE ${qualified(target)}${this.onCluster}`
    const mark = ` COMMENT ${literal(COLUMN_MARK)}${codecOf(this.layoutOf(target.source), c.name)}`
    try {
      await this.alter(target, `${head} MODIFY COLUMN ${ident(c.name)} ${c.type}${mark}`)
      return true
    } catch (err) {
      // Not convertible (a String holding text into a number, ...): the column starts over and the copy refills it.
      if (exceptionCode(err) === null || exceptionCode(err) === ALTER_FORBIDDEN) throw err
      await this.alter(target, `${head} DROP COLUMN IF EXISTS ${ident(c.name)}`)
      await this.alter(target, `${head} ADD COLUMN IF NOT EXISTS ${ident(c.name)} ${c.type}${mark} ${placeOf(target, i)}`)
      return false
    }
  }

  private async alter(target: TargetTable, sql: string): Promise<void> {
    this.log.info('adapting target table', { table: qualified(target), statement: sql })
    await this.command(sql)
  }

  private layoutOf(source: SourceTable): TableLayout | null {
    return this.naming.layout?.(source.database, source.table) ?? null
  }

  private refuse(source: SourceTable, why: string): TargetRefusedError {
    return new TargetRefusedError(source, why)
  }

  private get onCluster(): string {
    return onCluster(this.naming)
  }
}

/** Where column `i` of the table goes in ADD COLUMN: after the one before it. */
function placeOf(target: TargetTable, i: number): string {
  return i > 0 ? `AFTER ${ident(target.columns[i - 1].name)}` : 'FIRST'
}

function idOf(source: SourceTable): string {
  if (source.targetId === undefined) throw new Error(`${tableName(source.database, source.table)} has no target id`)
  return source.targetId
}

/** Sorting keys compared as column lists: "(a, b)", "a,b" and "a, b" are the same key. */
function normalizeKey(key: string): string {
  return key
    .replace(/^\((.*)\)$/, '$1')
    .replace(/\s+/g, '')
    .replace(/`/g, '')
}

/** As system.tables prints sorting_key: the key columns (or the layout's order_by) joined by ", ", then `_version` for history. */
export function sortingKeyOf(t: TargetTable, layout: TableLayout | null): string {
  const key = layout?.orderBy ? orderByOf(layout) : t.keyless ? KEY_COLUMN : t.source.primaryKey.map((i) => t.columns[i].name).join(', ')
  return t.history ? `${key}, ${VERSION_COLUMN}` : key
}

/** ClickHouse prints types with its own spacing and quoting; compare without either. */
export function normalizeType(t: string): string {
  return t.replace(/\s+/g, '').replace(/"/g, "'")
}
