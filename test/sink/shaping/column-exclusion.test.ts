// Which columns replicate.exclude_columns leaves out, and what a table, a row and each kind of DDL
// change look like without them.

import { describe, expect, test } from 'bun:test'
import { type ColumnDef, ColumnType } from '../../../src/binlog/index.ts'
import type { DdlChange } from '../../../src/pipeline/change.ts'
import type { SchemaChange } from '../../../src/schema/changes/index.ts'
import type { SourceTable } from '../../../src/schema/model.ts'
import { ColumnExclusion } from '../../../src/sink/shaping/index.ts'
import { shapeDdl } from '../../../src/sink/shaping/ddl-shape.ts'

const col = (index: number, name: string): ColumnDef => ({ index, name, type: ColumnType.LONG, meta: 0, nullable: true, unsigned: false, length: 0, precision: 0, scale: 0, fsp: 0, bits: 0, visible: true })
const table = (database: string, name: string, columns: string[], key: number[] = [0]): SourceTable => ({ database, table: name, columns: columns.map((c, i) => col(i, c)), primaryKey: key, targetId: 't1' })

describe('which columns', () => {
  const x = new ColumnExclusion(['shop.users.email', 'orders.card_*', 'SECRET', 'crm_?.*.note'])
  test('db.table.column, table.column in any database, column in every table, globs in each part', () => {
    expect(x.excludedBy('shop', 'users', 'email')).toBe('shop.users.email')
    expect(x.excludedBy('crm', 'users', 'email')).toBeNull()
    expect(x.excludedBy('any', 'orders', 'card_number')).toBe('orders.card_*')
    expect(x.excludedBy('any', 'orders2', 'card_number')).toBeNull()
    expect(x.excludedBy('a', 'b', 'secret')).toBe('SECRET')
    expect(x.excludedBy('crm_1', 'deals', 'note')).toBe('crm_?.*.note')
    expect(x.excludedBy('crm_10', 'deals', 'note')).toBeNull()
  })
  test('column names in any case, as the source compares them; table names as written', () => {
    expect(x.excludedBy('shop', 'users', 'EMail')).toBe('shop.users.email')
    expect(x.excludedBy('shop', 'Users', 'email')).toBeNull()
  })
})

describe('tables and rows', () => {
  const x = new ColumnExclusion(['t.b', 't.d'])
  const t = table('db', 't', ['a', 'b', 'c', 'd'], [2, 0])
  test('a table keeps its other columns in order and its key points at them', () => {
    const s = x.table(t)
    expect(s.columns.map((c) => c.name)).toEqual(['a', 'c'])
    expect(s.primaryKey).toEqual([1, 0])
    expect(s.targetId).toBe('t1')
    // One identity per source table (sinks cache by it); an untouched table is itself.
    expect(x.table(t)).toBe(s)
    const other = table('db', 'u', ['a', 'b'])
    expect(x.table(other)).toBe(other)
  })
  test('rows and positions', () => {
    expect(x.row(t, [1, 'secret', 3, 'also'])).toEqual([1, 3])
    expect(x.row(t, null)).toBeNull()
    expect(x.positions(t)).toEqual([0, -1, 1, -1])
  })
  test('a key column left out is a problem naming the column, the pattern and the table', () => {
    expect(x.keyProblem(t)).toBeNull()
    expect(new ColumnExclusion(['*.i?']).keyProblem(table('d', 'a.b', ['id', 'v']))).toBe(
      'replicate.exclude_columns leaves out the primary key column id (by "*.i?") of d.`a.b`: its rows could not be told apart in the copy; narrow the pattern',
    )
  })
})

describe('DDL', () => {
  const x = new ColumnExclusion(['t.secret*'])
  const ddl = (changes: SchemaChange[], before: SourceTable[] = []): DdlChange => ({ database: 'db', statement: 'ALTER …', changes, before, gtid: null, position: null, timestampMs: 0 })
  const after = (...names: string[]) => ({ ...table('db', 't', ['id', ...names]), keys: [], foreignKeys: [] }) as never
  const one = (c: SchemaChange) => shapeDdl(ddl([c]), x)
  const columnsOf = (c: SchemaChange) => ('after' in c && c.after ? c.after.columns.map((k) => k.name) : null)

  test('changes to other columns pass, without the left-out ones in the table they leave', () => {
    const r = one({ kind: 'add_column', database: 'db', table: 't', column: col(2, 'v'), position: null, fill: { kind: 'null' }, after: after('secret', 'v') })
    expect(r.ddl.changes.map((c) => [c.kind, columnsOf(c)])).toEqual([['add_column', ['id', 'v']]])
    expect(r.copy).toEqual([])
  })
  test('add, drop, modify of a left-out column, or a rename into a pattern, change nothing but the table shape', () => {
    const cases: SchemaChange[] = [
      { kind: 'add_column', database: 'db', table: 't', column: col(1, 'secret_pin'), position: null, fill: { kind: 'null' }, after: after('secret_pin') },
      { kind: 'drop_column', database: 'db', table: 't', column: 'secret', after: after() },
      { kind: 'modify_column', database: 'db', table: 't', column: col(1, 'secret'), oldName: 'secret', position: null, after: after('secret') },
      { kind: 'rename_column', database: 'db', table: 't', from: 'note', to: 'secret_note', after: after('secret_note') },
    ]
    for (const c of cases) {
      const r = one(c)
      expect(r.ddl.changes.map((k) => [k.kind, columnsOf(k)])).toEqual([['no_effect', ['id']]])
      expect(r.copy).toEqual([])
    }
  })
  test('a column renamed out of the patterns comes in: the table is copied again', () => {
    const c: SchemaChange = { kind: 'modify_column', database: 'db', table: 't', column: col(1, 'plain'), oldName: 'secret', position: null, after: after('plain') }
    const r = one(c)
    expect(r.ddl.changes.map((k) => [k.kind, columnsOf(k)])).toEqual([['no_effect', ['id', 'plain']]])
    expect(r.copy).toEqual([(c as { after: SourceTable }).after])
  })
  test('a table renamed to a name whose patterns leave out less is copied again', () => {
    const renamed = { ...table('db', 'u', ['id', 'secret']), keys: [], foreignKeys: [] } as never
    const r = one({ kind: 'rename_table', from: { database: 'db', table: 't' }, to: { database: 'db', table: 'u' }, after: renamed })
    expect(r.copy).toEqual([renamed])
    expect(columnsOf(r.ddl.changes[0])).toEqual(['id', 'secret'])
  })
  test('a created table, or a key change, that leaves out a key column is refused; the tables before are shaped', () => {
    const created = { ...table('db', 't', ['secret_id', 'v']), keys: [], foreignKeys: [] } as never
    const before = table('db', 't', ['id', 'secret'])
    const r = shapeDdl(ddl([{ kind: 'create_table', table: created, ifNotExists: false }], [before]), x)
    expect(r.ddl.changes).toEqual([])
    expect(r.refused.map((f) => f.reason)).toEqual(['replicate.exclude_columns leaves out the primary key column secret_id (by "t.secret*") of db.t: its rows could not be told apart in the copy; narrow the pattern'])
    expect(r.ddl.before[0].columns.map((c) => c.name)).toEqual(['id'])
  })
})
