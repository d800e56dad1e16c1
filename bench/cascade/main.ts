// `bun bench/cascade/main.ts [--children N] [--parents N] [--events N]`: what emulated foreign-key
// actions cost on a child table of a million rows. Rows events deleting 1, 10, 100 and 1000 parent
// orders each go through ForeignKeyActions as the applier does it — flush the parents' tombstones,
// read the children from ClickHouse (one SELECT … FINAL per event), write their tombstones (CASCADE)
// or new rows (SET NULL) — timed part by part; then the same with a bloom-filter index on the
// child's key column in ClickHouse. Prints a table and one verdict line.

import { Readable } from 'node:stream'
import type { ClickHouseClient } from '@clickhouse/client'
import { CharsetRegistry } from '../../src/binlog/index.ts'
import type { Row, RowChange, TrackedTable } from '../../src/model/index.ts'
import { ForeignKeyActions } from '../../src/pipeline/cascade/index.ts'
import { ClickHouseTargetRows } from '../../src/sink/clickhouse/index.ts'
import { RowBinaryWriter, RowEncoder, ROW_BINARY_INSERT_SETTINGS } from '../../src/sink/clickhouse/encode/index.ts'
import { targetTable, type TargetNaming } from '../../src/sink/clickhouse/target-table.ts'
import { clickhouse } from '../support/clickhouse.ts'
import { serversUp } from '../support/servers.ts'
import { DATABASE, PARENT, UTF8MB4, child, createTables } from './tables.ts'

const log = (line: string) => process.stderr.write(`[bench-cascade] ${line}\n`)
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i < 0 ? fallback : Number(process.argv[i + 1])
}
const CHILDREN = arg('children', 1_000_000)
const PARENTS = arg('parents', 100_000)
const EVENTS = arg('events', 10)
const SIZES = [1, 10, 100, 1000]
const NAMING: TargetNaming = { database: (db) => db, override: () => undefined, jsonType: 'String', timeType: 'Time64', cluster: null }

interface Figures {
  action: string
  index: string
  parentsPerEvent: number
  events: number
  childChanges: number
  flushMs: number[]
  readMs: number[]
  writeMs: number[]
}

async function insert(ch: ClickHouseClient, table: TrackedTable, changes: RowChange[]): Promise<void> {
  const target = targetTable(table, NAMING)
  const encoder = new RowEncoder(target.columns)
  const w = new RowBinaryWriter(1 << 16)
  for (const c of changes) {
    if (c.kind === 'delete') encoder.encode(w, c.before as Row, c.version, true)
    else encoder.encode(w, c.after as Row, c.version, false)
  }
  const r = await ch.exec({
    query: `INSERT INTO ${DATABASE}.${table.table} FORMAT RowBinary`,
    values: Readable.from([w.take()]),
    clickhouse_settings: ROW_BINARY_INSERT_SETTINGS,
  })
  r.stream.destroy()
}

async function run(ch: ClickHouseClient, action: 'CASCADE' | 'SET NULL', bloom: boolean): Promise<Figures[]> {
  await createTables(ch, PARENTS, CHILDREN, bloom)
  const items = child(action)
  const target = new ClickHouseTargetRows(ch, NAMING, new CharsetRegistry([[UTF8MB4, 'utf8mb4']]))
  const actions = new ForeignKeyActions({ flavor: 'mariadb', enabled: true, target, tables: () => [PARENT, items] })
  let version = 10n
  let nextParent = 1
  const out: Figures[] = []
  for (const size of SIZES) {
    const f: Figures = {
      action,
      index: bloom ? 'bloom_filter' : 'none',
      parentsPerEvent: size,
      events: EVENTS,
      childChanges: 0,
      flushMs: [],
      readMs: [],
      writeMs: [],
    }
    for (let e = 0; e < EVENTS; e++) {
      const parents: RowChange[] = []
      for (let i = 0; i < size; i++) {
        const id = nextParent++
        parents.push({
          kind: 'delete',
          table: PARENT,
          before: [id, `customer ${id - 1}`],
          after: null,
          version: ++version,
          gtid: null,
          position: null,
          timestampMs: 0,
        })
      }
      // MariaDB's flags for a plain DELETE: STMT_END_F.
      if (!actions.needed(1, parents)) throw new Error('the parents set off no action')
      let t = performance.now()
      await insert(ch, PARENT, parents)
      f.flushMs.push(performance.now() - t)
      t = performance.now()
      const children = await actions.changes(parents)
      f.readMs.push(performance.now() - t)
      t = performance.now()
      if (children.length > 0) await insert(ch, items, children)
      f.writeMs.push(performance.now() - t)
      f.childChanges += children.length
    }
    log(`${action}, index ${f.index}, ${size} parents/event: ${f.childChanges} child changes, read p50 ${p(f.readMs, 0.5).toFixed(1)} ms`)
    out.push(f)
  }
  return out
}

function p(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)

serversUp()
const ch = clickhouse()
const all: Figures[] = []
try {
  for (const bloom of [false, true]) for (const action of ['CASCADE', 'SET NULL'] as const) all.push(...(await run(ch, action, bloom)))
  const [{ n }] = (await (await ch.query({ query: `SELECT count() AS n FROM ${DATABASE}.items FINAL`, format: 'JSONEachRow' })).json()) as {
    n: string
  }[]
  log(`child rows left after the last run: ${n}`)
} finally {
  await ch.command({ query: `DROP DATABASE IF EXISTS ${DATABASE} SYNC` }).catch(() => {})
  await ch.close()
}

const head = [
  'action',
  'index',
  'parents/event',
  'events',
  'child changes',
  'flush ms p50',
  'read ms p50',
  'read ms max',
  'write ms p50',
  'ms/event p50',
  'child changes/s',
]
const lines = all.map((f) => {
  const perEvent = f.flushMs.map((x, i) => x + f.readMs[i] + f.writeMs[i])
  return [
    f.action,
    f.index,
    f.parentsPerEvent,
    f.events,
    f.childChanges,
    p(f.flushMs, 0.5).toFixed(1),
    p(f.readMs, 0.5).toFixed(1),
    Math.max(...f.readMs).toFixed(1),
    p(f.writeMs, 0.5).toFixed(1),
    p(perEvent, 0.5).toFixed(1),
    Math.round(f.childChanges / (sum(perEvent) / 1000)).toLocaleString('en-US'),
  ].map(String)
})
console.log(
  `child table: ${CHILDREN.toLocaleString('en-US')} rows, ${PARENTS.toLocaleString('en-US')} parents (${(CHILDREN / PARENTS).toFixed(0)} children each, spread at random); ClickHouse engine through the test HTTP adapter`,
)
console.log([head, ...lines].map((r) => r.map((c, i) => (i < 2 ? c.padEnd(12) : c.padStart(15))).join(' ')).join('\n'))
const plain = all.filter((f) => f.index === 'none' && f.action === 'CASCADE')
console.log(
  `cascade: one event of 1 parent costs ${p(plain[0].readMs, 0.5).toFixed(0)} ms to read its children from ${CHILDREN.toLocaleString('en-US')} rows; 1000 parents per event: ${Math.round(plain[plain.length - 1].childChanges / (sum(plain[plain.length - 1].readMs) / 1000)).toLocaleString('en-US')} child rows/s read`,
)
