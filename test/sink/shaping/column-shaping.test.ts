// Which columns replicate.exclude_columns leaves out, and what a table, a row and each kind of DDL
// change look like without them.

import { describe, expect, test } from 'bun:test'
import { type ColumnDef, ColumnType, type DdlChange, type SchemaChange, type SourceTable } from '../../../src/model/index.ts'
import { ColumnShaping } from '../../../src/sink/shaping/index.ts'
import { shapeDdl } from '../../../src/sink/shaping/ddl-shape.ts'

const col = (index: number, name: string): ColumnDef => ({
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
})
const excluding = (excludeColumns: string[]) => new ColumnShaping({ excludeColumns, mask: new Map(), maskSalt: '' })
const table = (database: string, name: string, columns: string[], key: number[] = [0]): SourceTable => ({
  database,
  table: name,
  columns: columns.map((c, i) => col(i, c)),
  primaryKey: key,
  targetId: 't1',
})

describe('which columns', () => {
  const x = excluding(['shop.users.email', 'orders.card_*', 'SECRET', 'crm_?.*.note'])
  test('db.table.column, table.column in any database, column in every table, globs in each part', () => {
    expect(x.ruleOf('shop', 'users', 'email')).toEqual({ pattern: 'shop.users.email', treatment: 'out' })
    expect(x.ruleOf('crm', 'users', 'email')).toBeNull()
    expect(x.ruleOf('any', 'orders', 'card_number')).toEqual({ pattern: 'orders.card_*', treatment: 'out' })
    expect(x.ruleOf('any', 'orders2', 'card_number')).toBeNull()
    expect(x.ruleOf('a', 'b', 'secret')).toEqual({ pattern: 'SECRET', treatment: 'out' })
    expect(x.ruleOf('crm_1', 'deals', 'note')).toEqual({ pattern: 'crm_?.*.note', treatment: 'out' })
    expect(x.ruleOf('crm_10', 'deals', 'note')).toBeNull()
  })
  test('column names in any case, as the source compares them; table names as written', () => {
    expect(x.ruleOf('shop', 'users', 'EMail')).toEqual({ pattern: 'shop.users.email', treatment: 'out' })
    expect(x.ruleOf('shop', 'Users', 'email')).toBeNull()
  })
})

describe('tables and rows', () => {
  const x = excluding(['t.b', 't.d'])
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
    expect(excluding(['*.i?']).keyProblem(table('d', 'a.b', ['id', 'v']))).toBe(
      'replicate.exclude_columns leaves out the primary key column id (left out by "*.i?") of d.`a.b`: its rows could not be told apart in the copy; narrow the pattern',
    )
  })
})

describe('DDL', () => {
  const x = excluding(['t.secret*'])
  const ddl = (changes: SchemaChange[], before: SourceTable[] = []): DdlChange => ({
    database: 'db',
    statement: 'ALTER …',
    changes,
    before,
    gtid: null,
    position: null,
    timestampMs: 0,
  })
  const after = (...names: string[]) => ({ ...table('db', 't', ['id', ...names]), keys: [], foreignKeys: [] }) as never
  const one = (c: SchemaChange) => shapeDdl(ddl([c]), x)
  const columnsOf = (c: SchemaChange) => ('after' in c && c.after ? c.after.columns.map((k) => k.name) : null)

  test('changes to other columns pass, without the left-out ones in the table they leave', () => {
    const r = one({
      kind: 'add_column',
      database: 'db',
      table: 't',
      column: col(2, 'v'),
      position: null,
      fill: { kind: 'null' },
      after: after('secret', 'v'),
    })
    expect(r.ddl.changes.map((c) => [c.kind, columnsOf(c)])).toEqual([['add_column', ['id', 'v']]])
    expect(r.copy).toEqual([])
  })
  test('add, drop, modify of a left-out column, or a rename into a pattern, change nothing but the table shape', () => {
    const cases: SchemaChange[] = [
      {
        kind: 'add_column',
        database: 'db',
        table: 't',
        column: col(1, 'secret_pin'),
        position: null,
        fill: { kind: 'null' },
        after: after('secret_pin'),
      },
      { kind: 'drop_column', database: 'db', table: 't', column: 'secret', after: after() },
      {
        kind: 'modify_column',
        database: 'db',
        table: 't',
        column: col(1, 'secret'),
        oldName: 'secret',
        position: null,
        after: after('secret'),
      },
      { kind: 'rename_column', database: 'db', table: 't', from: 'note', to: 'secret_note', after: after('secret_note') },
    ]
    for (const c of cases) {
      const r = one(c)
      expect(r.ddl.changes.map((k) => [k.kind, columnsOf(k)])).toEqual([['no_effect', ['id']]])
      expect(r.copy).toEqual([])
    }
  })
  test('a column renamed out of the patterns comes in: the table is copied again', () => {
    const c: SchemaChange = {
      kind: 'modify_column',
      database: 'db',
      table: 't',
      column: col(1, 'plain'),
      oldName: 'secret',
      position: null,
      after: after('plain'),
    }
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
    expect(r.refused.map((f) => f.reason)).toEqual([
      'replicate.exclude_columns leaves out the primary key column secret_id (left out by "t.secret*") of db.t: its rows could not be told apart in the copy; narrow the pattern',
    ])
    expect(r.ddl.before[0].columns.map((c) => c.name)).toEqual(['id'])
  })
})

describe('masks', () => {
  const x = new ColumnShaping({
    excludeColumns: ['t.gone'],
    mask: new Map([
      ['t.h', 'sha256'],
      ['t.n', 'null'],
      ['t.r', 'redact'],
      ['t.gone', 'redact'],
    ]),
    maskSalt: 'salt',
  })
  const t = table('db', 't', ['id', 'h', 'n', 'r', 'gone'])
  test('masked columns become text, NULL-able as the source ("null": always); left out wins over masked', () => {
    const s = x.table(t)
    expect(s.columns.map((c) => [c.name, c.type, c.nullable, c.collation])).toEqual([
      ['id', ColumnType.LONG, true, undefined],
      ['h', ColumnType.VARCHAR, true, 46],
      ['n', ColumnType.VARCHAR, true, 46],
      ['r', ColumnType.VARCHAR, true, 46],
    ])
    expect(x.treatment('db', 't', 'gone')).toBe('out')
    expect(x.masked(t)).toBe(true)
  })
  test('values: HMAC-SHA256 of the value as text or bytes, NULL, the redaction; NULL stays NULL', () => {
    const hex = (v: string | Uint8Array) => new Bun.CryptoHasher('sha256', 'salt').update(v).digest('hex')
    expect(x.row(t, [1, 'a@b', 5, 'x', 'y'])).toEqual([1, hex('a@b'), null, '[redacted]'])
    expect(x.row(t, [2, null, null, null, null])).toEqual([2, null, null, null])
    // Numbers in decimal, bytes as they are: a value hashes alike whatever column type holds it.
    expect(x.maskOf('sha256', 12345678901234567890n)).toBe(hex('12345678901234567890'))
    expect(x.maskOf('sha256', 7)).toBe(hex('7'))
    expect(x.maskOf('sha256', new Uint8Array([0, 255]))).toBe(hex(new Uint8Array([0, 255])))
    expect(x.maskOf('sha256', ['a', 'b'])).toBe(hex('a,b'))
  })
  test('DDL: a masked column is added as text with its default masked; retyped, it is copied again', () => {
    const ddl = (changes: SchemaChange[], before: SourceTable[] = []): DdlChange => ({
      database: 'db',
      statement: '',
      changes,
      before,
      gtid: null,
      position: null,
      timestampMs: 0,
    })
    const after = { ...table('db', 't', ['id', 'h']), keys: [], foreignKeys: [] } as never
    const added = shapeDdl(
      ddl([
        {
          kind: 'add_column',
          database: 'db',
          table: 't',
          column: col(1, 'h'),
          position: null,
          fill: { kind: 'value', raw: Buffer.from('dflt') },
          after,
        },
      ]),
      x,
    )
    const c = added.ddl.changes[0] as Extract<SchemaChange, { kind: 'add_column' }>
    expect([c.kind, c.column.type, c.fill.kind === 'value' ? c.fill.raw.toString() : c.fill.kind]).toEqual([
      'add_column',
      ColumnType.VARCHAR,
      String(x.maskOf('sha256', 'dflt')),
    ])
    const retyped = { ...col(1, 'h'), type: ColumnType.LONGLONG }
    const modified = shapeDdl(
      ddl(
        [{ kind: 'modify_column', database: 'db', table: 't', column: retyped, oldName: 'h', position: null, after }],
        [table('db', 't', ['id', 'h'])],
      ),
      x,
    )
    expect(modified.ddl.changes.map((k) => k.kind)).toEqual(['no_effect'])
    expect(modified.copy).toEqual([after])
    const same = shapeDdl(
      ddl(
        [{ kind: 'modify_column', database: 'db', table: 't', column: col(1, 'h'), oldName: 'h', position: null, after }],
        [table('db', 't', ['id', 'h'])],
      ),
      x,
    )
    expect(same.copy).toEqual([])
  })
})
