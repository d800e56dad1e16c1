// The binlog applier without a server: scripted transactions of decoded events in, and out what a
// sink written in the test received, what the schema history and the state file hold, and which
// tables were asked to be copied. XA undo order, tables renamed into and out of the replicated set,
// a TABLE_MAP with another shape, DDL as a commit point.

import { describe, expect, test } from 'bun:test'
import type { RowsOp, TableMapEvent, TxItem } from '../../src/binlog/index.ts'
import { Stats } from '../../src/health/stats.ts'
import { createLogger } from '../../src/log/index.ts'
import { type ApplyContext, BinlogApplier } from '../../src/pipeline/binlog-apply.ts'
import { type ColumnDef, type Row, type RowChange, tableKey } from '../../src/model/index.ts'
import { type FlushPolicy, Flusher } from '../../src/pipeline/flusher.ts'
import { type HistoryTable, SchemaHistory } from '../../src/pipeline/schema-history.ts'
import { TargetRefusedError } from '../../src/sink/sink.ts'
import { StateStore } from '../../src/state/index.ts'
import { CATALOGS } from '../schema/changes/support/catalogs.ts'
import { RecordingSink } from './support/recording-sink.ts'
import { table } from './support/tables.ts'

const POLICY: FlushPolicy = { batchRows: 1_000_000, batchBytes: 1 << 30, flushIntervalMs: 60_000, maxBufferBytes: 1 << 30 }
const FILE = 'bin.000001'

function tableMap(t: HistoryTable): TableMapEvent {
  return {
    kind: 'table_map',
    tableId: 1,
    flags: 0,
    database: t.database,
    table: t.table,
    columns: t.columns,
    primaryKey: t.primaryKey,
    primaryKeyPrefixes: t.primaryKey.map(() => 0),
    hasFullMetadata: true,
  }
}

function rows(op: RowsOp, tm: TableMapEvent, before: Row[] | null, after: Row[] | null): TxItem {
  return { kind: 'rows', event: { kind: 'rows', op, table: tm, flags: 1, before, after } }
}

function ddl(statement: string): TxItem {
  return {
    kind: 'ddl',
    database: 'd',
    statement,
    event: { kind: 'query', threadId: 1, execTime: 0, errorCode: 0, database: 'd', query: statement, status: {} },
  }
}

/** A change in short: table, kind, before → after, version. */
function brief(c: RowChange): string {
  const row = (r: Row | null) => (r === null ? '' : `(${r.map(String).join(',')})`)
  return `${c.table.table} ${c.kind} ${row(c.before)}->${row(c.after)} v${c.version}`
}

/**
 * An applier over a sink written in the test. Replicated: the tables of database `d` but `tmp_*`.
 * `source`: the tables the source's catalog has now (what a table entering the set is described as).
 */
function harness(...tracked: HistoryTable[]) {
  const sink = new RecordingSink()
  const state = StateStore.open(':memory:')
  const stats = new Stats()
  const lines: Record<string, unknown>[] = []
  const log = createLogger({ level: 'debug', format: 'json', write: (l) => lines.push(JSON.parse(l)) })
  const flusher = new Flusher(sink, state, stats, log, POLICY, { file: FILE, offset: 4, gtid: null, version: 0n })
  const history = new SchemaHistory()
  for (const t of tracked) history.set(t)
  history.takeStaged()
  const source = new Map<string, HistoryTable>(tracked.map((t) => [t.table, t]))
  const copies: string[] = []
  const forgotten: string[] = []
  const movedTables: string[] = []
  const aside = new Set<string>()
  const selected = (db: string, t: string) => db === 'd' && !t.startsWith('tmp_')
  const ctx: ApplyContext = {
    flavor: 'mysql',
    serverVersion: '9.7.0',
    replicated: selected,
    created: selected,
    admit: () => true,
    history,
    collations: CATALOGS.mysql,
    enter: async (db, t) => {
      if (!selected(db, t)) return null
      const now = source.get(t)
      return now ? { ...now, targetId: crypto.randomUUID() } : 'gone'
    },
    onCopyNeeded: (t, version) => copies.push(`${t.table} v${version}`),
    isSetAside: (db, t) => aside.has(tableKey(db, t)),
    setAside: (t) => aside.add(tableKey(t.database, t.table)),
    forget: (_db, t) => forgotten.push(t),
    notLeftOut: () => {},
    moved: (from, to) => movedTables.push(`${from.table}->${to.table}`),
    holdCopies: async () => {},
    releaseCopies: () => {},
  }
  const applier = new BinlogApplier(sink, flusher, stats, log, ctx)
  let offset = 4
  /** Applies transactions, each a list of items between its begin and its commit. */
  const apply = async (...transactions: TxItem[][]) => {
    const items: TxItem[] = []
    for (const body of transactions) {
      offset += 1000
      items.push({ kind: 'begin', gtid: null, timestampMs: offset }, ...body, {
        kind: 'commit',
        gtid: null,
        position: { file: FILE, offset, gtidSet: null },
        timestampMs: offset,
      })
    }
    await applier.apply(
      (async function* () {
        yield* items
      })(),
    )
    return offset
  }
  const written = () => sink.only('write').map((w) => brief(w.change))
  return { sink, state, stats, lines, flusher, history, source, copies, forgotten, movedTables, ctx, applier, apply, written }
}

describe('XA transactions', () => {
  test('an XA ROLLBACK writes back every change of the prepared transaction, last first, with new versions', async () => {
    const t = table('t', 'v')
    const h = harness(t)
    const tm = tableMap(t)
    await h.apply(
      [
        { kind: 'xa_start' },
        rows('insert', tm, null, [
          [1, 10],
          [2, 20],
        ]),
        rows('update', tm, [[1, 10]], [[1, 11]]),
        rows('delete', tm, [[2, 20]], null),
        { kind: 'xa_prepare', xid: "x'61',x'',1", onePhase: false },
      ],
      [rows('insert', tm, null, [[3, 30]])],
      [{ kind: 'xa_end', xid: "x'61',x'',1", committed: false }],
    )
    expect(h.written()).toEqual([
      // Applied when prepared, like any other transaction.
      't insert ->(1,10) v1',
      't insert ->(2,20) v2',
      't update (1,10)->(1,11) v3',
      't delete (2,20)-> v4',
      't insert ->(3,30) v5',
      // The rollback: the delete undone first, the first insert last; the other transaction stays.
      't insert ->(2,20) v6',
      't update (1,11)->(1,10) v7',
      't delete (2,20)-> v8',
      't delete (1,10)-> v9',
    ])
  })

  test('an XA COMMIT writes nothing more, and a rollback of a transaction prepared before this start is counted and logged', async () => {
    const t = table('t', 'v')
    const h = harness(t)
    const tm = tableMap(t)
    await h.apply(
      [{ kind: 'xa_start' }, rows('insert', tm, null, [[1, 10]]), { kind: 'xa_prepare', xid: "x'61',x'',1", onePhase: false }],
      [{ kind: 'xa_end', xid: "x'61',x'',1", committed: true }],
      [{ kind: 'xa_end', xid: "x'62',x'',1", committed: false }],
    )
    expect(h.written()).toEqual(['t insert ->(1,10) v1'])
    expect(h.stats.errors.get('xa_unknown')).toBe(1)
    expect(h.lines.some((l) => l.level === 'warn' && l.xid === "x'62',x'',1")).toBe(true)
  })

  test('prepared transactions are kept for the next stream of the process: its rollback still undoes them', async () => {
    const t = table('t', 'v')
    const first = harness(t)
    const tm = tableMap(t)
    await first.apply([
      { kind: 'xa_start' },
      rows('insert', tm, null, [[1, 10]]),
      { kind: 'xa_prepare', xid: "x'61',x'',1", onePhase: false },
    ])
    const resume = first.applier.resume
    expect([...resume.prepared.keys()]).toEqual(["x'61',x'',1"])
    const next = new BinlogApplier(first.sink, first.flusher, first.stats, createLogger({ write: () => {} }), first.ctx, resume)
    await next.apply(
      (async function* (): AsyncGenerator<TxItem> {
        yield { kind: 'begin', gtid: null, timestampMs: 0 }
        yield { kind: 'xa_end', xid: "x'61',x'',1", committed: false }
        yield { kind: 'commit', gtid: null, position: { file: FILE, offset: 9000, gtidSet: null }, timestampMs: 0 }
      })(),
    )
    expect(first.written()).toEqual(['t insert ->(1,10) v1', 't delete (1,10)-> v2'])
  })
})

describe('tables renamed into and out of the replicated set', () => {
  test('renamed in from a table left out: described from the source, prepared and copied; nothing renamed in the target', async () => {
    const h = harness(table('t', 'v'))
    h.source.set('x', table('x', 'w$'))
    await h.apply([ddl('RENAME TABLE tmp_x TO x')])
    expect(h.history.get('d', 'x')?.columns.map((c) => c.name)).toEqual(['id', 'w'])
    expect(h.sink.only('prepare').map((p) => p.table)).toEqual(['x'])
    expect(h.sink.only('ddl')).toEqual([])
    expect(h.copies).toEqual(['x v1'])
    // Its rows from here on are written.
    await h.apply([rows('insert', tableMap(h.source.get('x')!), null, [[1, 'a']])])
    expect(h.written()).toEqual(['x insert ->(1,a) v2'])
  })

  test('renamed out of the set: its copy in the target is dropped, the history and its progress forget it', async () => {
    const h = harness(table('t', 'v'), table('u'))
    await h.apply([ddl('RENAME TABLE t TO tmp_t')])
    const ddls = h.sink.only('ddl')
    expect(ddls.map((d) => d.ddl.changes)).toEqual([[{ kind: 'drop_table', database: 'd', table: 't', ifExists: true }]])
    expect(h.history.has('d', 't')).toBe(false)
    expect(h.history.has('d', 'u')).toBe(true)
    expect(h.forgotten).toEqual(['t'])
    // Its rows under the new name are not written.
    await h.apply([rows('insert', tableMap({ ...table('tmp_t', 'v') }), null, [[1, 1]])])
    expect(h.written()).toEqual([])
  })

  test('renamed within the set: the target is renamed, the table keeps its target id and its progress follows it', async () => {
    const t = table('t', 'v')
    const h = harness(t)
    await h.apply([ddl('RENAME TABLE t TO t2')])
    const [change] = h.sink.only('ddl')[0]!.ddl.changes
    expect(change).toMatchObject({ kind: 'rename_table', from: { database: 'd', table: 't' }, to: { database: 'd', table: 't2' } })
    expect(h.history.get('d', 't2')?.targetId).toBe(t.targetId)
    expect(h.movedTables).toEqual(['t->t2'])
    expect(h.copies).toEqual([])
  })
})

describe('TABLE_MAP with another shape than the history', () => {
  test('rows of the old shape are flushed first, the history takes the new shape, the target is prepared for it', async () => {
    const t = table('t', 'v')
    const h = harness(t)
    const wider = { ...t, columns: table('t', 'v', 'w$').columns }
    await h.apply([rows('insert', tableMap(t), null, [[1, 10]])], [rows('insert', tableMap(wider), null, [[2, 20, 'b']])])
    const calls = h.sink.calls.map((c) =>
      c.call === 'write'
        ? `write ${brief(c.change)}`
        : c.call === 'flush'
          ? `flush ${c.rows}`
          : c.call === 'prepare'
            ? `prepare ${c.table}`
            : c.call,
    )
    expect(calls).toEqual(['write t insert ->(1,10) v1', 'end', 'flush 1', 'prepare t', 'write t insert ->(2,20,b) v2', 'end'])
    expect(h.history.get('d', 't')?.columns.map((c) => c.name)).toEqual(['id', 'v', 'w'])
    expect(h.history.get('d', 't')?.targetId).toBe(t.targetId)
    expect(h.copies).toEqual([])
  })

  test('a target that had to start over (its key changed) is copied again, with a version between the rows before and after', async () => {
    const t = table('t', 'v')
    const h = harness(t)
    h.sink.prepareAnswers.set('t', 'rebuilt')
    const rekeyed = { ...t, primaryKey: [0, 1] }
    await h.apply([rows('insert', tableMap(t), null, [[1, 10]])], [rows('insert', tableMap(rekeyed), null, [[2, 20]])])
    expect(h.copies).toEqual(['t v2'])
    expect(h.written()).toEqual(['t insert ->(1,10) v1', 't insert ->(2,20) v3'])
    expect(h.history.get('d', 't')?.primaryKey).toEqual([0, 1])
  })

  test('a table the target refuses for the new shape is set aside: its rows are skipped, the others go on', async () => {
    const t = table('t', 'v')
    const u = table('u')
    const h = harness(t, u)
    h.sink.prepareAnswers.set('t', new TargetRefusedError(t, 'name taken'))
    await h.apply([
      rows('insert', tableMap({ ...t, columns: table('t', 'v', 'w').columns }), null, [[1, 1, 1]]),
      rows('insert', tableMap(u), null, [[7]]),
    ])
    expect(h.written()).toEqual(['u insert ->(7) v1'])
  })
})

describe('DDL', () => {
  test('a transaction with DDL is a commit point: its position and the new schema are durable when it ends', async () => {
    const t = table('t', 'v')
    const h = harness(t)
    const tm = tableMap(t)
    await h.apply([rows('insert', tm, null, [[1, 10]])])
    // Rows alone wait for their batch.
    expect(h.state.checkpoint).toBeNull()
    const end = await h.apply([ddl('ALTER TABLE t ADD COLUMN w VARCHAR(100)')])
    expect(h.state.checkpoint).toMatchObject({ file: FILE, offset: end, version: 1n })
    const saved = h.state.schemas().find((s) => s.table === 't')
    expect(JSON.parse(saved!.definition!).table.columns.map((c: ColumnDef) => c.name)).toEqual(['id', 'v', 'w'])
    // The rows before the DDL reached the sink before it.
    expect(h.sink.calls.map((c) => c.call)).toEqual(['write', 'end', 'flush', 'ddl', 'end', 'flush'])
  })

  test('DDL that cannot be parsed never stops the stream: counted, logged, the next transactions apply', async () => {
    const t = table('t', 'v')
    const h = harness(t)
    await h.apply([ddl('ALTER TABLE t ADD COLUMN (')], [rows('insert', tableMap(t), null, [[1, 10]])])
    expect(h.stats.errors.get('ddl_parse')).toBe(1)
    expect(h.written()).toEqual(['t insert ->(1,10) v1'])
  })

  test('CREATE TABLE of a selected table tracks it from its DDL and creates its target; no copy (its rows all come from the binlog)', async () => {
    const h = harness()
    await h.apply([ddl('CREATE TABLE n (id INT PRIMARY KEY, s VARCHAR(10))')], [ddl('CREATE TABLE tmp_n (id INT PRIMARY KEY)')])
    expect(h.history.get('d', 'n')?.columns.map((c) => c.name)).toEqual(['id', 's'])
    expect(h.history.has('d', 'tmp_n')).toBe(false)
    expect(h.sink.only('ddl').map((d) => d.ddl.changes.map((c) => c.kind))).toEqual([['create_table']])
    expect(h.copies).toEqual([])
  })

  test('DDL after which the target started over copies that table again; one the target refuses is set aside, its rows skipped', async () => {
    const t = table('t', 'v')
    const u = table('u', 'v')
    const h = harness(t, u)
    h.sink.nextDdlResult = { rebuilt: [t], refused: [] }
    await h.apply([ddl('ALTER TABLE t MODIFY v BIGINT')])
    expect(h.copies).toEqual(['t v1'])
    h.sink.nextDdlResult = { rebuilt: [], refused: [{ table: u, reason: 'name taken' }] }
    await h.apply(
      [ddl('ALTER TABLE u ADD COLUMN w INT')],
      [rows('insert', tableMap(table('u', 'v', 'w')), null, [[1, 2, 3]]), rows('insert', tableMap(t), null, [[4, 5]])],
    )
    expect(h.written()).toEqual(['t insert ->(4,5) v2'])
  })
})
