// The file output and the sink's recovery without a server: rotation and its names, a torn last
// line, a rotation cut short, and a restart that leaves out exactly the replayed changes the
// files already hold, with a state store standing in for the pipeline's commits.

import { afterEach, describe, expect, test } from 'bun:test'
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, appendFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ColumnDef, ColumnType, type RowChange, type SourceTable } from '../../src/model/index.ts'
import { silentLogger } from '../../src/log/index.ts'
import { FileOutput, NdjsonSink } from '../../src/sink/ndjson/index.ts'
import type { PendingRun } from '../../src/sink/ndjson/output.ts'
import type { Checkpoint, TableState } from '../../src/state/index.ts'
import { parseLines } from './support/feed-context.ts'

let dir = ''
/** Sinks left as a crash leaves them: their files are closed after the test, nothing flushed. */
const crashed: NdjsonSink[] = []
afterEach(async () => {
  for (const s of crashed.splice(0)) await s.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = ''
})

function fresh(): string {
  dir = mkdtempSync(join(tmpdir(), 'chsync-feed-file-'))
  return join(dir, 'changes.ndjson')
}

function run(lines: string[]): PendingRun {
  return { meta: { cls: 'row', lastVersion: 0n }, bytes: Buffer.from(lines.map((l) => `${l}\n`).join('')), lines: lines.length }
}

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8')

describe('file output', () => {
  test('rotates at the size into numbered segments, in order', async () => {
    const path = fresh()
    const out = new FileOutput(path, 1024)
    await out.open()
    for (let i = 0; i < 10; i++) {
      out.enqueue([run([`{"n":${i},"pad":"${'x'.repeat(300)}"}`])])
      await out.deliver()
    }
    await out.close()
    // Lines of 317 bytes: three fit in 1 KiB.
    expect(readdirSync(dir).sort()).toEqual([
      '.changes.ndjson.chsync',
      'changes.000001.ndjson',
      'changes.000002.ndjson',
      'changes.000003.ndjson',
      'changes.ndjson',
    ])
    const files = ['changes.000001.ndjson', 'changes.000002.ndjson', 'changes.000003.ndjson', 'changes.ndjson']
    const ns = files.flatMap((f) => parseLines(readFileSync(join(dir, f), 'utf8')).map((r) => (r as unknown as { n: number }).n))
    expect(ns).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(files.map((f) => readFileSync(join(dir, f)).length)).toEqual([951, 951, 951, 317])
  })

  test('a torn last line is cut off at open; the lines after the mark are read back', async () => {
    const path = fresh()
    const out = new FileOutput(path, 1 << 20)
    await out.open()
    out.enqueue([run(['{"a":1}', '{"a":2}'])])
    await out.deliver()
    await out.saveMark({ segment: 1, offset: 8 }, 5n)
    await out.close()
    appendFileSync(path, '{"a":3,"tor')
    const again = new FileOutput(path, 1 << 20)
    const tail: string[] = []
    await again.open((l) => tail.push(text(l)))
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n{"a":2}\n')
    expect(tail).toEqual(['{"a":2}'])
    expect(again.recordedMaxVersion).toBe(5n)
    expect(again.end).toEqual({ segment: 1, offset: 16 })
    await again.close()
  })

  test('a rotation cut short after the rename goes on at open', async () => {
    const path = fresh()
    const out = new FileOutput(path, 1 << 20)
    await out.open()
    out.enqueue([run(['{"a":1}'])])
    await out.deliver()
    await out.close()
    // The process died between the rename and recording the new segment number.
    renameSync(path, join(dir, 'changes.000001.ndjson'))
    const again = new FileOutput(path, 1 << 20)
    const tail: string[] = []
    await again.open((l) => tail.push(text(l)))
    expect(tail).toEqual(['{"a":1}'])
    expect(again.end).toEqual({ segment: 2, offset: 0 })
    again.enqueue([run(['{"a":2}'])])
    await again.deliver()
    await again.close()
    expect(readFileSync(path, 'utf8')).toBe('{"a":2}\n')
    expect(readFileSync(join(dir, 'changes.000001.ndjson'), 'utf8')).toBe('{"a":1}\n')
  })
})

/** The pipeline's state as the sink reads it, committed by hand. */
class FakeState {
  checkpoint: Checkpoint | null = null
  readonly states = new Map<string, TableState>()
  table(db: string, t: string): TableState | null {
    return this.states.get(`${db}.${t}`) ?? null
  }
  commit(version: bigint): string {
    this.checkpoint = { file: 'binlog.000001', offset: Number(version) * 100, gtid: null, version }
    return `binlog.000001:${this.checkpoint.offset}`
  }
}

const c = (name: string): ColumnDef => ({
  index: 0,
  name,
  type: ColumnType.LONG,
  meta: 0,
  nullable: false,
  unsigned: false,
  length: 0,
  precision: 0,
  scale: 0,
  fsp: 0,
  bits: 0,
  visible: true,
})
const T: SourceTable = { database: 'd', table: 't', columns: [c('id'), c('n')], primaryKey: [0] }
const K: SourceTable = { database: 'd', table: 'k', columns: [c('a')], primaryKey: [] }

const insert = (v: number): RowChange => ({
  kind: 'insert',
  table: T,
  before: null,
  after: [v, v * 10],
  version: BigInt(v),
  gtid: null,
  position: null,
  timestampMs: 0,
})
const copied = (table: SourceTable, row: number[], version: bigint): RowChange => ({
  kind: 'snapshot',
  table,
  before: null,
  after: row,
  version,
  gtid: null,
  position: null,
  timestampMs: Date.now(),
})

function sink(path: string, state: FakeState): NdjsonSink {
  const s = new NdjsonSink({
    output: new FileOutput(path, 1 << 20),
    includeBefore: false,
    state: () => state,
    log: silentLogger,
    runLines: 4,
  })
  crashed.push(s)
  return s
}

function lines(path: string): { kind: string; version: number; columnvalues: number[] }[] {
  return parseLines(readFileSync(path, 'utf8')) as unknown as { kind: string; version: number; columnvalues: number[] }[]
}

describe('restart after a crash', () => {
  test('a transaction flushed in part, then a crash: the replay adds only what is missing', async () => {
    const path = fresh()
    const state = new FakeState()
    state.commit(0n)
    const s1 = sink(path, state)
    await s1.start()
    for (let v = 1; v <= 3; v++) s1.write(insert(v))
    await s1.flush()
    await s1.committed(state.commit(3n), null)
    // Versions 4..9 are one transaction; the flusher flushed it half-way, then the process died.
    for (let v = 4; v <= 6; v++) s1.write(insert(v))
    await s1.flush()
    await s1.committed(state.commit(3n), null)
    for (let v = 7; v <= 8; v++) s1.write(insert(v))
    await s1.flush()
    // (no commit: killed)

    const s2 = sink(path, state)
    await s2.start()
    for (let v = 4; v <= 10; v++) s2.write(insert(v))
    await s2.flush()
    await s2.committed(state.commit(10n), null)
    expect(s2.replaysSkipped).toBe(5)
    await s2.close()
    expect(lines(path).map((l) => l.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  test('copies: a keyed copy resumes after its committed chunk, a keyless one starts over', async () => {
    const path = fresh()
    const state = new FakeState()
    state.commit(0n)
    state.states.set('d.t', {
      database: 'd',
      table: 't',
      stage: 'snapshot',
      snapshotVersion: 0n,
      cursor: null,
      rowsCopied: 0,
      rowsEstimate: 6,
    })
    state.states.set('d.k', {
      database: 'd',
      table: 'k',
      stage: 'snapshot',
      snapshotVersion: 0n,
      cursor: null,
      rowsCopied: 0,
      rowsEstimate: 3,
    })
    const s1 = sink(path, state)
    await s1.start()
    for (let id = 1; id <= 4; id++) s1.write(copied(T, [id, 0], 0n))
    s1.write(copied(K, [1], 0n))
    s1.write(copied(K, [1], 0n))
    await s1.flush()
    // Rows 1..2 of t form a committed chunk; 3..4 and the keyless rows are not committed.
    state.states.set('d.t', { ...state.states.get('d.t')!, cursor: '[{"s":"2"}]', rowsCopied: 2 })
    await s1.committed(state.commit(0n), null)

    const s2 = sink(path, state)
    await s2.start()
    for (let id = 3; id <= 6; id++) s2.write(copied(T, [id, 0], 0n))
    for (const a of [1, 1, 2]) s2.write(copied(K, [a], 0n))
    await s2.flush()
    expect(s2.replaysSkipped).toBe(4)
    await s2.close()
    const got = lines(path).map((l) => `${(l as unknown as { table: string }).table}:${l.columnvalues[0]}`)
    expect(got.sort()).toEqual(['k:1', 'k:1', 'k:2', 't:1', 't:2', 't:3', 't:4', 't:5', 't:6'])
  })

  test('the mark stays before lines of a crashed run until their replay is committed', async () => {
    const path = fresh()
    const state = new FakeState()
    state.commit(0n)
    const s1 = sink(path, state)
    await s1.start()
    for (let v = 1; v <= 4; v++) s1.write(insert(v))
    await s1.flush()
    // killed before the commit
    const s2 = sink(path, state)
    await s2.start()
    for (let v = 1; v <= 2; v++) s2.write(insert(v))
    await s2.flush()
    await s2.committed(state.commit(2n), null)
    // killed again: versions 3, 4 are still only in the first run's lines
    const s3 = sink(path, state)
    await s3.start()
    for (let v = 3; v <= 5; v++) s3.write(insert(v))
    await s3.flush()
    await s3.committed(state.commit(5n), null)
    expect(s3.replaysSkipped).toBe(2)
    await s3.close()
    expect(lines(path).map((l) => l.version)).toEqual([1, 2, 3, 4, 5])
    expect(existsSync(path)).toBe(true)
  })
  test("a keyless copy's progress, committed in the middle of its scan, covers none of its rows: the scan starts over", async () => {
    const path = fresh()
    const state = new FakeState()
    state.commit(0n)
    const k = { database: 'd', table: 'k', stage: 'snapshot', snapshotVersion: 0n, cursor: null, rowsCopied: 0, rowsEstimate: 4 } as const
    state.states.set('d.k', { ...k })
    const s1 = sink(path, state)
    await s1.start()
    for (const a of [1, 2, 1, 3]) s1.write(copied(K, [a], 0n))
    await s1.flush()
    // The flusher commits the running scan's progress: 4 rows so far.
    state.states.set('d.k', { ...k, rowsCopied: 4 })
    await s1.committed(state.commit(0n), null)
    s1.write(copied(K, [4], 0n))
    await s1.flush()
    // killed: the restarted copy scans the table from its first row
    const s2 = sink(path, state)
    await s2.start()
    for (const a of [1, 2, 1, 3, 4, 5]) s2.write(copied(K, [a], 0n))
    await s2.flush()
    await s2.close()
    const got = lines(path).map((l) => l.columnvalues[0])
    expect(got.sort()).toEqual([1, 1, 2, 3, 4, 5])
  })
})
