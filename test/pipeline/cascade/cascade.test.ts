// The cascade engine without a server: parent changes in, child changes out, against an in-memory
// target. What each action does, which version a child change carries, how reads are batched, what
// is refused, and when the source logged the actions itself (rows-event flags).

import { describe, expect, test } from 'bun:test'
import {
  type Cell,
  type ColumnDef,
  ColumnType,
  type ReferentialAction,
  type Row,
  type RowChange,
  type SourceTable,
  tableKey,
  type TrackedForeignKey,
  type TrackedTable,
} from '../../../src/model/index.ts'
import {
  ForeignKeyActions,
  ForeignKeyGraph,
  ForeignKeyIndex,
  type CascadeSkip,
  cascadeChanges,
  setsOffActions,
  sourceLogsActions,
  undoCascade,
  unloggedActions,
} from '../../../src/pipeline/cascade/index.ts'
import type { RowMatch, TargetRows } from '../../../src/sink/target-rows.ts'

function column(name: string, index: number): ColumnDef {
  return {
    index,
    name,
    type: ColumnType.LONG,
    meta: 0,
    nullable: true,
    unsigned: false,
    length: 0,
    precision: 0,
    scale: 0,
    fsp: 0,
    bits: 0,
    visible: true,
  }
}

function table(name: string, columns: string[], primaryKey: number[], foreignKeys: TrackedForeignKey[] = []): TrackedTable {
  return { database: 'd', table: name, columns: columns.map(column), primaryKey, foreignKeys }
}

function fk(
  name: string,
  columns: string[],
  parent: string,
  parentColumns: string[],
  onDelete: ReferentialAction,
  onUpdate: ReferentialAction = 'RESTRICT',
): TrackedForeignKey {
  return { name, columns, parent: { database: 'd', table: parent, columns: parentColumns }, onDelete, onUpdate }
}

/** Rows per table in memory; every read is recorded. */
class MemoryTarget implements TargetRows {
  readonly rows = new Map<string, Row[]>()
  readonly reads: { table: string; matches: RowMatch[] }[] = []

  set(t: SourceTable, rows: Row[]): this {
    this.rows.set(tableKey(t.database, t.table), rows)
    return this
  }

  async rowsWhere(t: SourceTable, matches: readonly RowMatch[]): Promise<Row[]> {
    this.reads.push({ table: t.table, matches: [...matches] })
    const eq = (a: Cell, b: Cell) => a !== null && b !== null && String(a) === String(b)
    return (this.rows.get(tableKey(t.database, t.table)) ?? []).filter((r) =>
      matches.some((m) => m.values.some((v) => m.columns.every((c, i) => eq(r[c], v[i])))),
    )
  }
}

function change(kind: 'delete' | 'update' | 'insert', t: SourceTable, before: Row | null, after: Row | null, version: bigint): RowChange {
  return { kind, table: t, before, after, version, gtid: `g:${version}`, position: `f:${version}`, timestampMs: Number(version) }
}

/** A change in short: table, kind, before → after, version. */
function brief(c: RowChange): string {
  const row = (r: Row | null) => (r === null ? '-' : `(${r.map((v) => (v === null ? 'NULL' : String(v))).join(',')})`)
  return `${c.table.table} ${c.kind} ${row(c.before)}->${row(c.after)} v${c.version}`
}

describe('actions', () => {
  const p = table('p', ['id', 'name'], [0])
  const cascade = table('cascade', ['id', 'pid'], [0], [fk('f1', ['pid'], 'p', ['id'], 'CASCADE', 'CASCADE')])
  const setNull = table('set_null', ['id', 'pid'], [0], [fk('f2', ['pid'], 'p', ['id'], 'SET NULL', 'SET NULL')])
  const restrict = table('restrict', ['id', 'pid'], [0], [fk('f3', ['pid'], 'p', ['id'], 'RESTRICT', 'NO ACTION')])
  const graph = ForeignKeyGraph.of([p, cascade, setNull, restrict])
  const target = () =>
    new MemoryTarget()
      .set(cascade, [
        [1, 1],
        [2, 1],
        [3, 2],
        [4, null],
      ])
      .set(setNull, [
        [1, 1],
        [2, 2],
      ])
      .set(restrict, [[1, 3]])

  test('a delete: tombstones for CASCADE, NULL for SET NULL, nothing for RESTRICT; the parent change version on each', async () => {
    const t = target()
    const out = await cascadeChanges([change('delete', p, [1, 'a'], null, 7n)], { graph, target: t })
    expect(out.map(brief)).toEqual(['cascade delete (1,1)->- v7', 'cascade delete (2,1)->- v7', 'set_null update (1,1)->(1,NULL) v7'])
    expect(out.every((c) => c.gtid === 'g:7' && c.position === 'f:7' && c.timestampMs === 7)).toBe(true)
    // One read per child table, none of the RESTRICT one.
    expect(t.reads.map((r) => r.table)).toEqual(['cascade', 'set_null'])
  })

  test('a key update: the new key for CASCADE, NULL for SET NULL; an update that keeps the key does nothing', async () => {
    const out = await cascadeChanges([change('update', p, [1, 'a'], [10, 'a'], 8n), change('update', p, [2, 'b'], [2, 'B'], 9n)], {
      graph,
      target: target(),
    })
    expect(out.map(brief)).toEqual([
      'cascade update (1,1)->(1,10) v8',
      'cascade update (2,1)->(2,10) v8',
      'set_null update (1,1)->(1,NULL) v8',
    ])
  })

  test('one read per child table for all the parents of a rows event, each child change with its own parent version', async () => {
    const t = target()
    const out = await cascadeChanges([change('delete', p, [1, 'a'], null, 5n), change('delete', p, [2, 'b'], null, 6n)], {
      graph,
      target: t,
    })
    expect(out.map(brief)).toEqual([
      'cascade delete (1,1)->- v5',
      'cascade delete (2,1)->- v5',
      'cascade delete (3,2)->- v6',
      'set_null update (1,1)->(1,NULL) v5',
      'set_null update (2,2)->(2,NULL) v6',
    ])
    expect(t.reads).toEqual([
      { table: 'cascade', matches: [{ columns: [1], values: [[1], [2]] }] },
      { table: 'set_null', matches: [{ columns: [1], values: [[1], [2]] }] },
    ])
  })

  test('inserts, NULL parent keys and RESTRICT-only children set off nothing, without a read', async () => {
    const t = target()
    expect(
      await cascadeChanges([change('insert', p, null, [9, 'z'], 1n), change('delete', p, [null, 'n'], null, 2n)], { graph, target: t }),
    ).toEqual([])
    expect(t.reads).toEqual([])
    expect(setsOffActions([change('delete', p, [1, 'a'], null, 1n)], graph)).toBe(true)
    expect(setsOffActions([change('update', p, [1, 'a'], [1, 'b'], 1n)], graph)).toBe(false)
    expect(setsOffActions([change('insert', p, null, [1, 'a'], 1n)], graph)).toBe(false)
    expect(setsOffActions([change('delete', restrict, [1, 3], null, 1n)], graph)).toBe(false)
  })
})

describe('recursion', () => {
  test('three levels: a cascade delete goes on down, SET NULL at the bottom', async () => {
    const a = table('a', ['id'], [0])
    const b = table('b', ['id', 'a'], [0], [fk('fb', ['a'], 'a', ['id'], 'CASCADE')])
    const c = table('c', ['id', 'b'], [0], [fk('fc', ['b'], 'b', ['id'], 'CASCADE')])
    const d = table('d', ['id', 'c'], [0], [fk('fd', ['c'], 'c', ['id'], 'SET NULL')])
    const t = new MemoryTarget()
      .set(b, [
        [1, 1],
        [2, 2],
      ])
      .set(c, [
        [1, 1],
        [2, 1],
        [3, 2],
      ])
      .set(d, [
        [1, 1],
        [2, 3],
      ])
    const out = await cascadeChanges([change('delete', a, [1], null, 3n)], { graph: ForeignKeyGraph.of([a, b, c, d]), target: t })
    expect(out.map(brief)).toEqual(['b delete (1,1)->- v3', 'c delete (1,1)->- v3', 'c delete (2,1)->- v3', 'd update (1,1)->(1,NULL) v3'])
    expect(t.reads.map((r) => r.table)).toEqual(['b', 'c', 'd'])
  })

  test('a key update that changes the child key goes on to the grandchildren', async () => {
    const k1 = table('k1', ['a'], [0])
    const k2 = table('k2', ['a', 'b'], [0, 1], [fk('f2', ['a'], 'k1', ['a'], 'CASCADE', 'CASCADE')])
    const k3 = table('k3', ['a', 'b', 'c'], [0, 1, 2], [fk('f3', ['a', 'b'], 'k2', ['a', 'b'], 'CASCADE', 'CASCADE')])
    const t = new MemoryTarget()
      .set(k2, [
        [1, 1],
        [1, 2],
        [2, 1],
      ])
      .set(k3, [
        [1, 1, 1],
        [1, 2, 1],
        [2, 1, 1],
      ])
    const out = await cascadeChanges([change('update', k1, [1], [10], 4n)], { graph: ForeignKeyGraph.of([k1, k2, k3]), target: t })
    expect(out.map(brief)).toEqual([
      'k2 update (1,1)->(10,1) v4',
      'k2 update (1,2)->(10,2) v4',
      'k3 update (1,1,1)->(10,1,1) v4',
      'k3 update (1,2,1)->(10,2,1) v4',
    ])
  })

  test('self-referencing: down the hierarchy, never a row of the event itself or twice', async () => {
    const emp = table('emp', ['id', 'boss'], [0], [fk('boss', ['boss'], 'emp', ['id'], 'CASCADE')])
    const t = new MemoryTarget().set(emp, [
      [1, null],
      [2, 1],
      [3, 1],
      [4, 2],
      [5, 4],
      [6, null],
      [7, 7],
    ])
    // The event deletes 1 and 3 (3 reports to 1: InnoDB deleted it with 1, the binlog has it too).
    const out = await cascadeChanges(
      [change('delete', emp, [1, null], null, 1n), change('delete', emp, [3, 1], null, 2n), change('delete', emp, [7, 7], null, 3n)],
      {
        graph: ForeignKeyGraph.of([emp]),
        target: t,
      },
    )
    expect(out.map(brief)).toEqual(['emp delete (2,1)->- v1', 'emp delete (4,2)->- v1', 'emp delete (5,4)->- v1'])
  })

  test('a cycle of CASCADE deletes ends when every row is gone', async () => {
    const x = table('x', ['id', 'y'], [0], [fk('xy', ['y'], 'y', ['id'], 'CASCADE')])
    const y = table('y', ['id', 'x'], [0], [fk('yx', ['x'], 'x', ['id'], 'CASCADE')])
    const t = new MemoryTarget()
      .set(x, [
        [1, 1],
        [2, 2],
      ])
      .set(y, [
        [1, 1],
        [2, 1],
      ])
    const out = await cascadeChanges([change('delete', x, [1, 1], null, 1n)], { graph: ForeignKeyGraph.of([x, y]), target: t })
    expect(out.map(brief)).toEqual(['y delete (1,1)->- v1', 'y delete (2,1)->- v1', 'x delete (2,2)->- v1'])
  })

  test('deeper than InnoDB allows: stops at 15 levels and says so', async () => {
    const chain = Array.from({ length: 18 }, (_, i) =>
      table(`t${i}`, ['id', 'up'], [0], i === 0 ? [] : [fk(`f${i}`, ['up'], `t${i - 1}`, ['id'], 'CASCADE')]),
    )
    const t = new MemoryTarget()
    for (const c of chain.slice(1)) t.set(c, [[1, 1]])
    const skips: CascadeSkip[] = []
    const out = await cascadeChanges([change('delete', chain[0], [1, null], null, 1n)], {
      graph: ForeignKeyGraph.of(chain),
      target: t,
      onSkip: (s) => skips.push(s),
    })
    expect(out.length).toBe(15)
    expect(skips.map((s) => s.reason)).toEqual(['cascades nest deeper than 15 levels (InnoDB would have refused the statement)'])
  })
})

describe('corner cases', () => {
  test('two foreign keys of one child to one parent: one read, the delete wins over SET NULL', async () => {
    const p = table('p', ['id'], [0])
    const c = table('c', ['id', 'a', 'b'], [0], [fk('fa', ['a'], 'p', ['id'], 'SET NULL'), fk('fb', ['b'], 'p', ['id'], 'CASCADE')])
    const t = new MemoryTarget().set(c, [
      [1, 1, 2],
      [2, 1, 1],
      [3, 5, 1],
    ])
    const out = await cascadeChanges([change('delete', p, [1], null, 2n)], { graph: ForeignKeyGraph.of([p, c]), target: t })
    expect(out.map(brief)).toEqual(['c update (1,1,2)->(1,NULL,2) v2', 'c delete (2,1,1)->- v2', 'c delete (3,5,1)->- v2'])
    expect(t.reads.length).toBe(1)
  })

  test('SET DEFAULT and a stale foreign key are reported, not guessed', async () => {
    const p = table('p', ['id'], [0])
    const c = table(
      'c',
      ['id', 'pid'],
      [0],
      [fk('fd', ['pid'], 'p', ['id'], 'SET DEFAULT'), fk('stale', ['pid'], 'p', ['gone'], 'CASCADE')],
    )
    const skips: CascadeSkip[] = []
    const out = await cascadeChanges([change('delete', p, [1], null, 1n)], {
      graph: ForeignKeyGraph.of([p, c]),
      target: new MemoryTarget().set(c, [[1, 1]]),
      onSkip: (s) => skips.push(s),
    })
    expect(out).toEqual([])
    expect(skips.map((s) => `${s.table} ${s.foreignKey}`)).toEqual(['d.c fd', 'd.c stale'])
  })

  test('a foreign key naming a column its table lacks is left out of the graph', () => {
    const c = table('c', ['id'], [0], [fk('f', ['pid'], 'p', ['id'], 'CASCADE')])
    const graph = ForeignKeyGraph.of([c])
    expect(graph.children('d', 'p')).toEqual([])
    expect(graph.stale).toEqual(['d.c f'])
  })
})

test('undoing child changes: newest first, each the inverse, with new versions', () => {
  const c = table('c', ['id', 'pid'], [0])
  let v = 100n
  const undo = undoCascade([change('delete', c, [1, 1], null, 5n), change('update', c, [2, 1], [2, null], 5n)], () => ++v)
  expect(undo.map(brief)).toEqual(['c update (2,NULL)->(2,1) v101', 'c insert -->(1,1) v102'])
})

test('the graph follows the table map: replaced tables are seen', () => {
  const p = table('p', ['id'], [0])
  const tables = new Map([[tableKey('d', 'p'), p]])
  const index = new ForeignKeyIndex(() => tables.values())
  expect(index.current().children('d', 'p')).toEqual([])
  const c = table('c', ['id', 'pid'], [0], [fk('f', ['pid'], 'p', ['id'], 'CASCADE')])
  tables.set(tableKey('d', 'c'), c)
  expect(
    index
      .current()
      .children('d', 'p')
      .map((l) => l.child.table),
  ).toEqual(['c'])
  const first = index.current()
  expect(index.current()).toBe(first)
  tables.delete(tableKey('d', 'c'))
  expect(index.current().children('d', 'p')).toEqual([])
  // With a generation count, only a new count rebuilds.
  let generation = 1
  const counted = new ForeignKeyIndex(
    () => tables.values(),
    () => generation,
  )
  expect(counted.current().children('d', 'p')).toEqual([])
  tables.set(tableKey('d', 'c'), c)
  expect(counted.current().children('d', 'p')).toEqual([])
  generation++
  expect(
    counted
      .current()
      .children('d', 'p')
      .map((l) => l.child.table),
  ).toEqual(['c'])
})

describe('whether the source logged the actions', () => {
  test('MariaDB never does; MySQL says so per rows event with USE_SQL_FOREIGN_KEY_F; foreign_key_checks=0 ran none', () => {
    // Flags as captured on the test servers: MariaDB 1 (STMT_END_F), 3 with foreign_key_checks=0;
    // MySQL 9.7 17 (STMT_END_F | USE_SQL_FOREIGN_KEY_F), 19 with foreign_key_checks=0.
    expect(unloggedActions('mariadb', 1)).toBe(true)
    expect(unloggedActions('mariadb', 3)).toBe(false)
    expect(unloggedActions('mysql', 17)).toBe(false)
    expect(unloggedActions('mysql', 19)).toBe(false)
    // MySQL 8.x, or 9.7 with innodb_native_foreign_keys=ON: no flag, InnoDB ran them unlogged.
    expect(unloggedActions('mysql', 1)).toBe(true)
    expect(sourceLogsActions('mariadb', null)).toBe(false)
    expect(sourceLogsActions('mysql', false)).toBe(true)
    expect(sourceLogsActions('mysql', true)).toBe(false)
    expect(sourceLogsActions('mysql', null)).toBe(false)
  })

  test('ForeignKeyActions: off, without a target, or logged by the source, nothing is needed', () => {
    const p = table('p', ['id'], [0])
    const c = table('c', ['id', 'pid'], [0], [fk('f', ['pid'], 'p', ['id'], 'CASCADE')])
    const del = [change('delete', p, [1], null, 1n)]
    const make = (enabled: boolean, target: TargetRows | null, flavor: 'mysql' | 'mariadb' = 'mariadb') =>
      new ForeignKeyActions({ flavor, enabled, target, tables: () => [p, c] })
    expect(make(true, new MemoryTarget()).needed(1, del)).toBe(true)
    expect(make(true, new MemoryTarget()).isParent('d', 'p')).toBe(true)
    expect(make(false, new MemoryTarget()).needed(1, del)).toBe(false)
    expect(make(true, null).needed(1, del)).toBe(false)
    expect(make(true, new MemoryTarget(), 'mysql').needed(17, del)).toBe(false)
    expect(make(true, new MemoryTarget()).isParent('d', 'c')).toBe(false)
  })
})
