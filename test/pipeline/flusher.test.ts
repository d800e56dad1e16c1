// The Flusher without a server: a sink written in the test (it records calls and fails on cue) and a
// state file in memory. A failed flush is tried again until it goes through, a full buffer makes the
// writer wait, flushes asked for while one runs are served together, a fatal error commits nothing.

import { describe, expect, test } from 'bun:test'
import { Stats } from '../../src/health/stats.ts'
import { createLogger } from '../../src/log/index.ts'
import type { RowChange, SourceTable } from '../../src/model/index.ts'
import { type FlushPolicy, Flusher } from '../../src/pipeline/flusher.ts'
import { SinkFatalError, TablesRefusedError } from '../../src/sink/sink.ts'
import { type Checkpoint, StateStore } from '../../src/state/index.ts'
import { CHANGE_BYTES, RecordingSink } from './support/recording-sink.ts'
import { table } from './support/tables.ts'

const TABLE: SourceTable = table('t')

const START: Checkpoint = { file: 'bin.000001', offset: 4, gtid: null, version: 0n }

/** Large bounds: nothing flushes by size unless a test lowers them. */
const POLICY: FlushPolicy = { batchRows: 1_000_000, batchBytes: 1 << 30, flushIntervalMs: 60_000, maxBufferBytes: 1 << 30 }

function setup(policy: Partial<FlushPolicy> = {}) {
  const sink = new RecordingSink()
  const state = StateStore.open(':memory:')
  const stats = new Stats()
  const lines: string[] = []
  const log = createLogger({ level: 'debug', format: 'json', write: (l) => lines.push(l) })
  const flusher = new Flusher(sink, state, stats, log, { ...POLICY, ...policy }, START)
  let version = 0n
  let offset = 4
  /** One transaction of `rows` inserts, written and ended. */
  const transaction = (rows = 1): Checkpoint => {
    for (let i = 0; i < rows; i++) {
      const v = ++version
      const change: RowChange = {
        kind: 'insert',
        table: TABLE,
        before: null,
        after: [Number(v)],
        version: v,
        gtid: null,
        position: `bin.000001:${offset}`,
        timestampMs: 0,
      }
      sink.write(change)
      const wait = flusher.afterWrite()
      if (wait) void wait.catch(() => {})
    }
    offset += 100
    const cp = { file: 'bin.000001', offset, gtid: null, version }
    flusher.transactionWritten(cp)
    return cp
  }
  return { sink, state, stats, lines, flusher, transaction }
}

const settle = () => Bun.sleep(0)

/** Waits until `done` holds (timers fire late on a loaded machine), at most 10 s. */
async function until(done: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 10_000; !done() && Date.now() < deadline; ) await Bun.sleep(5)
}

describe('Flusher', () => {
  test('a flush that fails is tried again with the same rows until it goes through; only then is the position committed', async () => {
    const { sink, state, stats, lines, flusher, transaction } = setup()
    const cp = transaction(3)
    sink.failFlushes(new Error('connection refused'), new Error('connection refused'))
    // At each try: what the health output says, and the state file still at the old position.
    const seen: { waiting: string | null; committed: Checkpoint | null }[] = []
    sink.onFlush = () => seen.push({ waiting: stats.waitingFor, committed: state.checkpoint })
    await flusher.flush()
    const flushes = sink.only('flush')
    expect(flushes.map((f) => f.rows)).toEqual([3, 3, 3])
    expect(sink.delivered.map((c) => c.version)).toEqual([1n, 2n, 3n])
    expect(state.checkpoint).toEqual({ ...cp, timestampMs: undefined })
    expect(flusher.lastCommitted).toBe(cp)
    // The wait showed in the health output while it lasted, and is gone after.
    expect(seen).toEqual([
      { waiting: null, committed: null },
      { waiting: 'recording: connection refused (retry 1 in 0s)', committed: null },
      { waiting: 'recording: connection refused (retry 2 in 1s)', committed: null },
    ])
    expect(stats.waitingFor).toBeNull()
    expect(stats.sinkFailingSince).toBeNull()
    expect(stats.errors.get('sink')).toBe(2)
    const retries = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'flush failed, retrying')
    // The second wait is twice the first.
    expect(retries.map((r) => [r.attempt, r.delay_ms])).toEqual([
      [1, 250],
      [2, 500],
    ])
    // Every try carried the same commit record: what the flush makes durable was fixed before it.
    expect(new Set(flushes.map((f) => f.commit?.checkpoint.offset))).toEqual(new Set([cp.offset]))
  })

  test('a fatal sink error is not retried: the flush fails, nothing is committed, and writing after it throws', async () => {
    const { sink, state, flusher, transaction } = setup()
    const failures: Error[] = []
    flusher.onFailure = (err) => failures.push(err)
    transaction(2)
    const fatal = new SinkFatalError('the plugin threw: boom')
    sink.failFlushes(fatal)
    await expect(flusher.flush()).rejects.toBe(fatal)
    expect(sink.only('flush')).toHaveLength(1)
    expect(state.checkpoint).toBeNull()
    expect(flusher.failed).toBe(fatal)
    expect(failures).toEqual([fatal])
    expect(flusher.lastCommitted).toBe(START)
    expect(() => transaction(1)).toThrow('the plugin threw: boom')
  })

  test('the buffer over its bound makes the writer wait until a flush emptied it; below it, writing never waits', async () => {
    const { sink, flusher } = setup({ maxBufferBytes: 5 * CHANGE_BYTES })
    sink.hold()
    const waits: (Promise<void> | undefined)[] = []
    for (let v = 1n; v <= 5n; v++) {
      sink.write({ kind: 'insert', table: TABLE, before: null, after: [Number(v)], version: v, gtid: null, position: null, timestampMs: 0 })
      waits.push(flusher.afterWrite())
    }
    expect(waits.slice(0, 4)).toEqual([undefined, undefined, undefined, undefined])
    const full = waits[4]!
    let released = false
    void full.then(() => (released = true))
    await Bun.sleep(20)
    // The sink is slow: the writer is still held, the rows still pending.
    expect(released).toBe(false)
    expect(sink.pendingRows).toBe(5)
    sink.release()
    await full
    expect(sink.pendingRows).toBe(0)
    expect(sink.delivered).toHaveLength(5)
  })

  test('flushes asked for while one runs are served together by the next one', async () => {
    const { sink, state, flusher, transaction } = setup()
    transaction(1)
    sink.hold()
    const first = flusher.flush()
    await settle()
    transaction(1)
    const second = flusher.flush()
    transaction(1)
    const third = flusher.flush()
    const cp4 = transaction(1)
    // One promise for every caller until the next flush starts.
    expect(third).toBe(second)
    expect(flusher.flush()).toBe(second)
    sink.release()
    await first
    // The first flush sent its row alone; the next one the three written while it ran.
    expect(sink.only('flush').map((f) => f.rows)).toEqual([1, 3])
    await second
    expect(sink.only('flush')).toHaveLength(2)
    expect(state.checkpoint?.offset).toBe(cp4.offset)
  })

  test('a full batch starts one flush, not one per row written after it', async () => {
    const { sink, flusher, transaction } = setup({ batchRows: 3 })
    sink.hold()
    transaction(3)
    await settle()
    transaction(2)
    // The running flush took three rows; two more do not make a batch of their own.
    expect(sink.only('flush')).toHaveLength(1)
    transaction(2)
    await settle()
    sink.release()
    await flusher.flush()
    // The second flush took every row the first one had not: asked for once by the full batch.
    expect(sink.only('flush').map((f) => f.rows)).toEqual([3, 4])
    expect(sink.delivered).toHaveLength(7)
  })

  test('a table the target keeps refusing is set aside: its rows are dropped and the flush goes on with the others', async () => {
    const { sink, state, flusher, transaction } = setup()
    flusher.onTableRefused = (t, reason) => ({
      database: t.database,
      table: t.table,
      stage: 'failed',
      snapshotVersion: 0n,
      cursor: null,
      rowsCopied: 0,
      rowsEstimate: 0,
      reason,
      failures: 1,
    })
    const cp = transaction(2)
    const refused = () => new TablesRefusedError([{ table: TABLE, error: new Error('Code: 53. Type mismatch') }])
    sink.failFlushes(refused(), refused(), refused(), refused(), refused())
    await flusher.flush()
    expect(sink.only('discard').map((d) => d.table)).toEqual(['t'])
    expect(sink.delivered).toEqual([])
    expect(state.checkpoint?.offset).toBe(cp.offset)
    expect(state.table('d', 't')).toMatchObject({ stage: 'failed', reason: 'Code: 53. Type mismatch' })
  })

  test('a long flush_interval_ms: a position read through transactions of other tables is committed within a second; rows wait', async () => {
    const { sink, state, flusher, transaction } = setup({ flushIntervalMs: 3_600_000 })
    flusher.startTimer()
    // A transaction that wrote nothing here (other tables): only the position moves.
    const quiet = transaction(0)
    await until(() => state.checkpoint?.offset === quiet.offset)
    expect(state.checkpoint?.offset).toBe(quiet.offset)
    expect(sink.only('flush').map((f) => f.rows)).toEqual([0])
    // Rows pending: they (and the position after them) wait for flush_interval_ms.
    transaction(3)
    transaction(0)
    await Bun.sleep(1500)
    expect(sink.only('flush')).toHaveLength(1)
    expect(state.checkpoint?.offset).toBe(quiet.offset)
    await flusher.stop()
  })

  describe('adaptive batching (source idle)', () => {
    test('a transaction on a quiet source is flushed at once; the next waits for the gap, then goes alone', async () => {
      // The gap is 100 ms (the least, flush_interval_ms is 1 s); nothing flushes by the timer (not started).
      const { sink, state, flusher, transaction } = setup({ flushIntervalMs: 1000 })
      flusher.sourceIdle = () => true
      const cp1 = transaction(2)
      await settle()
      expect(sink.only('flush').map((f) => f.rows)).toEqual([2])
      expect(state.checkpoint?.offset).toBe(cp1.offset)
      const cp2 = transaction(1)
      await settle()
      // Within the gap: nothing sent yet, then the timer of the gap sends it.
      expect(sink.only('flush')).toHaveLength(1)
      expect(flusher.gapMs).toBe(100)
      await until(() => sink.only('flush').length === 2)
      expect(sink.only('flush').map((f) => f.rows)).toEqual([2, 1])
      expect(state.checkpoint?.offset).toBe(cp2.offset)
    })

    test('while a flush is in flight transactions gather; the next flush takes them all in one batch', async () => {
      const { sink, state, flusher, transaction } = setup({ flushIntervalMs: 100 })
      flusher.sourceIdle = () => true
      sink.hold()
      transaction(1)
      await settle()
      let last = transaction(1)
      for (let k = 0; k < 10; k++) last = transaction(3)
      await Bun.sleep(50)
      // Still the first flush only: at most one in flight.
      expect(sink.only('flush')).toHaveLength(1)
      sink.release()
      await until(() => sink.only('flush').length === 2)
      await flusher.flush()
      expect(sink.only('flush').map((f) => f.rows)).toEqual([1, 31])
      expect(state.checkpoint?.offset).toBe(last.offset)
    })

    test('a busy source batches by size and time only: no flush at the end of its transactions', async () => {
      const { sink, flusher, transaction } = setup({ flushIntervalMs: 100 })
      let busy = true
      flusher.sourceIdle = () => !busy
      for (let k = 0; k < 5; k++) transaction(2)
      await Bun.sleep(40)
      expect(sink.only('flush')).toHaveLength(0)
      // The source goes quiet: the end of the next transaction flushes everything.
      busy = false
      transaction(1)
      await settle()
      expect(sink.only('flush').map((f) => f.rows)).toEqual([11])
    })

    test('the gap follows the time flushes take: four of them, at least 100 ms, at most flush_interval_ms', async () => {
      const { sink, flusher, transaction } = setup({ flushIntervalMs: 2000 })
      flusher.sourceIdle = () => true
      expect(flusher.gapMs).toBe(100)
      sink.hold()
      transaction(1)
      await Bun.sleep(200)
      sink.release()
      await until(() => flusher.settled)
      // One flush of 200 ms or more: the next starts at least 800 ms after the start of this one.
      expect(flusher.gapMs).toBeGreaterThanOrEqual(800)
      expect(flusher.gapMs).toBeLessThanOrEqual(2000)
      transaction(1)
      await Bun.sleep(100)
      expect(sink.only('flush')).toHaveLength(1)
      await until(() => sink.only('flush').length === 2)
      expect(sink.only('flush').map((f) => f.rows)).toEqual([1, 1])
      // Never more than flush_interval_ms, whatever flushes take.
      expect(setup({ flushIntervalMs: 50 }).flusher.gapMs).toBe(50)
      await flusher.stop()
    })
  })
})
