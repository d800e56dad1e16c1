// The narrow window of exactly once: a crash after the Kafka transaction committed and before the
// state file did. The next start finds the transaction's position record newer than the state file
// and makes it the state, a copy's progress to its last row written included (so nothing is sent
// again); a state file newer than the last record (commits without Kafka in between) stays as it
// is. A flush that ended inside a source transaction (its position the transaction's start): the
// replay leaves out the changes the position record says are in Kafka. Against kcat's mock cluster.

import { afterAll, expect, test } from 'bun:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../../src/config/index.ts'
import { createLogger, silentLogger } from '../../src/log/index.ts'
import type { DdlChange, RowChange } from '../../src/model/index.ts'
import { KafkaSink } from '../../src/sink/kafka/index.ts'
import { type Checkpoint, StateStore, type TableState } from '../../src/state/index.ts'
import { KafkaBroker } from '../support/kafka-broker.ts'
import { sourceTable } from './contract/contract.ts'

const dir = mkdtempSync(join(tmpdir(), 'chsync-kafka-recovery-'))
let broker: KafkaBroker | null = null
afterAll(async () => {
  await broker?.stop()
  rmSync(dir, { recursive: true, force: true })
})

test('a commit that reached Kafka and not the state file is recovered from the position record', async () => {
  broker = await KafkaBroker.start()
  const statePath = join(dir, 'state.db')
  const brokers = broker.brokers.map((b) => `"${b}"`).join(', ')
  const config = loadConfig({
    env: {},
    text: `[sink]\nkind = "kafka"\n[sink.kafka]\nbrokers = [${brokers}]\ntopic_prefix = "t12r"\n[state]\npath = "${statePath}"\n`,
  })
  const logs: string[] = []
  const newSink = () =>
    new KafkaSink({
      config: config.sink.kafka,
      state: () => StateStore.open(statePath),
      log: createLogger({ format: 'json', write: (l) => logs.push(l) }),
    })
  const state = StateStore.open(statePath)
  const before: Checkpoint = { file: 'binlog.000007', offset: 100, gtid: null, version: 10n }
  state.commit(before)

  // A flush whose transaction commits, then the process dies before the state file's commit.
  const first = newSink()
  await first.start()
  const ddl: DdlChange = {
    database: 'shop',
    statement: 'ALTER TABLE t ADD COLUMN c INT',
    changes: [],
    before: [],
    gtid: null,
    position: 'binlog.000007:100',
    timestampMs: 0,
  }
  await first.applyDdl(ddl)
  const after: Checkpoint = { file: 'binlog.000007', offset: 250, gtid: null, version: 10n }
  // A copy in the middle of a chunk: the record carries its last key written, to resume after it.
  const copying: TableState = {
    database: 'shop',
    table: 'orders',
    stage: 'snapshot',
    snapshotVersion: 9n,
    cursor: '[{"s":"1234"}]',
    rowsCopied: 1234,
    rowsEstimate: 5000,
    reason: null,
    failures: 0,
  }
  await first.flush({ seq: state.commitSeq + 1, checkpoint: after, tables: [copying], schemas: [], forgotten: [] })
  await first.close()
  expect(state.checkpoint).toEqual(before)

  const second = newSink()
  await second.start()
  await second.close()
  expect({ checkpoint: state.checkpoint, seq: state.commitSeq }).toEqual({ checkpoint: after, seq: 2 })
  expect(state.table('shop', 'orders')).toEqual(copying)
  expect(logs.some((l) => l.includes('position recovered from the Kafka position record'))).toBe(true)
  expect((await broker.read('t12r.schema_changes')).map((m) => JSON.parse(m.value!).statement)).toEqual([ddl.statement])

  // The state file moves on without Kafka (nothing to send): it is newer, and stays.
  const later: Checkpoint = { file: 'binlog.000008', offset: 4, gtid: null, version: 12n }
  state.commit(later)
  const third = newSink()
  await third.start()
  await third.close()
  expect({ checkpoint: state.checkpoint, seq: state.commitSeq }).toEqual({ checkpoint: later, seq: 3 })
  state.close()
}, 60_000)

test('a flush that ended inside a source transaction: its replay leaves out the changes already in Kafka', async () => {
  broker ??= await KafkaBroker.start()
  const statePath = join(dir, 'mid.db')
  const brokers = broker.brokers.map((b) => `"${b}"`).join(', ')
  const config = loadConfig({
    env: {},
    text: `[sink]\nkind = "kafka"\n[sink.kafka]\nbrokers = [${brokers}]\ntopic_prefix = "t12m"\n[state]\npath = "${statePath}"\n`,
  })
  const newSink = () => new KafkaSink({ config: config.sink.kafka, state: () => StateStore.open(statePath), log: silentLogger })
  const state = StateStore.open(statePath)
  const begin: Checkpoint = { file: 'binlog.000009', offset: 4, gtid: null, version: 10n }
  state.commit(begin)
  const table = sourceTable('mid', 't')
  // One source transaction of versions 11..20, the same on its replay after the crash.
  const transaction = Array.from({ length: 10 }, (_, i): RowChange => {
    const id = i + 1
    return {
      kind: 'insert',
      table,
      before: null,
      after: [id, id],
      version: 11n + BigInt(i),
      gtid: null,
      position: 'binlog.000009:4',
      timestampMs: 0,
    }
  })

  // Its first four changes go out with a flush whose position is still the transaction's start; then the crash.
  const first = newSink()
  await first.start()
  for (const c of transaction.slice(0, 4)) first.write(c)
  await first.flush({ seq: state.commitSeq + 1, checkpoint: begin, tables: [], schemas: [], forgotten: [] })
  await first.close()
  state.commit(begin)

  // The replay from the transaction's start: only the changes not in Kafka are written.
  const second = newSink()
  await second.start()
  for (const c of transaction) second.write(c)
  expect(second.pendingRows).toBe(6)
  const end: Checkpoint = { file: 'binlog.000009', offset: 900, gtid: null, version: 20n }
  await second.flush({ seq: state.commitSeq + 1, checkpoint: end, tables: [], schemas: [], forgotten: [] })
  await second.close()
  state.close()
  const versions = (await broker.read(`t12m.${table.database}.t`)).map((m) => Number(m.headers.version)).sort((a, b) => a - b)
  expect(versions).toEqual(Array.from({ length: 10 }, (_, i) => 11 + i))
}, 60_000)

test('a DDL message sent with the position before the statement: its replay leaves it out, once', async () => {
  broker ??= await KafkaBroker.start()
  const statePath = join(dir, 'ddl.db')
  const brokers = broker.brokers.map((b) => `"${b}"`).join(', ')
  const config = loadConfig({
    env: {},
    text: `[sink]\nkind = "kafka"\n[sink.kafka]\nbrokers = [${brokers}]\ntopic_prefix = "t12d"\n[state]\npath = "${statePath}"\n`,
  })
  const newSink = () => new KafkaSink({ config: config.sink.kafka, state: () => StateStore.open(statePath), log: silentLogger })
  const state = StateStore.open(statePath)
  const begin: Checkpoint = { file: 'binlog.000011', offset: 4, gtid: null, version: 10n }
  state.commit(begin)
  const ddl = (n: number, at: number): DdlChange => ({
    database: 'shop',
    statement: `ALTER TABLE t ADD COLUMN c${n} INT`,
    changes: [],
    before: [],
    gtid: null,
    position: `binlog.000011:${at}`,
    timestampMs: 0,
  })
  const statements = async () => (await broker!.read('t12d.schema_changes')).map((m) => JSON.parse(m.value!).statement)

  // Two statements go out with a flush whose position is still the first one's start (a flush
  // asked for before the statements' commit points); then the crash.
  const first = newSink()
  await first.start()
  await first.applyDdl(ddl(1, 4))
  await first.applyDdl(ddl(2, 300))
  await first.flush({ seq: state.commitSeq + 1, checkpoint: begin, tables: [], schemas: [], forgotten: [] })
  await first.close()

  // The replay from there applies both again, then a third: only the third is sent.
  const second = newSink()
  await second.start()
  for (const [n, at] of [
    [1, 4],
    [2, 300],
    [3, 600],
  ])
    await second.applyDdl(ddl(n, at))
  expect(second.pendingRows).toBe(1)
  // Its position is past the second and not the third: the record still lists the third.
  const mid: Checkpoint = { file: 'binlog.000011', offset: 600, gtid: null, version: 10n }
  await second.flush({ seq: state.commitSeq + 1, checkpoint: mid, tables: [], schemas: [], forgotten: [] })
  await second.close()

  const third = newSink()
  await third.start()
  await third.applyDdl(ddl(3, 600))
  await third.applyDdl(ddl(4, 900))
  const end: Checkpoint = { file: 'binlog.000012', offset: 4, gtid: null, version: 10n }
  await third.flush({ seq: state.commitSeq + 1, checkpoint: end, tables: [], schemas: [], forgotten: [] })
  await third.close()
  state.close()
  expect(await statements()).toEqual([1, 2, 3, 4].map((n) => `ALTER TABLE t ADD COLUMN c${n} INT`))
}, 60_000)
