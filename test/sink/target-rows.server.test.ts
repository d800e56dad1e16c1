// Rows read back from ClickHouse (ClickHouseTargetRows) are the binlog's own cells: every type
// family on MySQL 9.7 and MariaDB 10.11 is captured from the binlog, encoded and inserted as the
// sink does, read back by key, and compared cell by cell with what the binlog gave (values the
// out-of-range rule clamped come back clamped). Every column that can hold a key finds its rows
// by value, and a keyless table's rows hash to their stored _key.

import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { type ClickHouseClient, ClickHouseLogLevel, createClient } from '@clickhouse/client'
import { type Cell, JsonText, type Row, type SourceTable } from '../../src/model/index.ts'
import { CharsetRegistry } from '../../src/binlog/index.ts'
import { loadConfig } from '../../src/config/index.ts'
import { Stats } from '../../src/health/stats.ts'
import { silentLogger } from '../../src/log/index.ts'
import { createSink, targetRows } from '../../src/sink/create-sink.ts'
import { type TargetColumn, mapColumn } from '../../src/schema/types/index.ts'
import { RowBinaryWriter, RowEncoder, keyHash } from '../../src/sink/clickhouse/encode/index.ts'
import { ClickHouseTargetRows } from '../../src/sink/clickhouse/target-rows.ts'
import type { TargetNaming } from '../../src/sink/clickhouse/target-table.ts'
import { show } from '../binlog/support/server-text.ts'
import { CLICKHOUSE_URL, SERVERS, flavorOf } from '../support/servers.ts'
import { freshClickHouseDatabase, insertRowBinary, run } from './encode/support/clickhouse.ts'
import { clampedDate, clampedDatetime } from './encode/support/expected.ts'
import { type CapturedTable, type FamilyCapture, captureFamilies } from './encode/support/families.ts'

// Columns overridden to other types (String text forms, wider numbers): they must read back too.
const OVERRIDES: Record<string, Record<string, string>> = {
  integers: { si: 'String', mi: 'Float64', i: 'Int128', bi: 'String', bu: 'UInt256', b1: 'Bool' },
  decimals: { d65: 'String', d10: 'Decimal(20, 4)' },
  floats: { d: 'String', fu: 'String' },
  temporal: { d: 'String', dt3: 'String', t5: 'String' },
  enums_sets: { s: 'String', e300: 'String' },
  binaries: { vb: 'String' },
  vectors: { v: 'String' },
}

let ch: ClickHouseClient
beforeAll(() => {
  // Quiet: one test reads a table that is not there on purpose.
  ch = createClient({ url: CLICKHOUSE_URL, username: 'default', password: '', log: { level: ClickHouseLogLevel.OFF } })
})
afterAll(() => ch?.close())

function naming(database: string, overrides: Record<string, string> = {}): TargetNaming {
  return {
    database: () => database,
    override: (_db, _t, column) => overrides[column],
    jsonType: 'String',
    timeType: 'Time64',
    cluster: null,
  }
}

/** The cell the target holds for `cell`: the binlog's, or what the out-of-range rule made of it. */
function stored(cell: Cell, col: TargetColumn): Cell {
  // Arrays cannot be Nullable in ClickHouse: a NULL SET or VECTOR is written as [].
  if (cell === null && (col.kind === 'set' || col.kind === 'vector')) return []
  // A Bool override keeps whether the number was 0.
  if (col.kind === 'bool' && typeof cell === 'number') return cell === 0 ? 0 : 1
  // A MySQL JSON document (its text's bytes) in a String column: its text comes back.
  if (cell instanceof JsonText) return cell.toString()
  if (typeof cell !== 'string') return cell
  if (col.kind === 'date32') return clampedDate(cell)
  if (col.kind === 'datetime64' && clampedDatetime(cell, col.scale).slice(0, 19) !== cell.slice(0, 19))
    return clampedDatetime(cell, col.scale)
  return cell
}

async function load(t: CapturedTable, table: SourceTable, targets: TargetColumn[], chTable: string, keyless: boolean): Promise<void> {
  const cols = targets.map((c) => `\`${c.name}\` ${c.type}`).join(', ')
  await run(
    ch,
    `CREATE TABLE ${chTable} (${cols}, ${keyless ? '_key UInt64, ' : ''}_version UInt64, _is_deleted UInt8) ENGINE = ReplacingMergeTree(_version, _is_deleted) ORDER BY ${keyless ? '_key' : 'id'}`,
  )
  const encoder = new RowEncoder(targets)
  const w = new RowBinaryWriter(256)
  for (const row of t.rows) encoder.encode(w, row, 1n, false, keyless ? keyHash(row) : undefined)
  await insertRowBinary(ch, chTable, w.take())
  expect(table.columns.length).toBe(targets.length)
}

function differences(t: CapturedTable, targets: TargetColumn[], back: Row[]): string[] {
  const byId = new Map(back.map((r) => [Number(r[0]), r]))
  const problems: string[] = []
  if (back.length !== t.rows.length) problems.push(`${t.name}: ${back.length} rows back of ${t.rows.length}`)
  for (const row of t.rows) {
    const got = byId.get(Number(row[0]))
    if (got === undefined) continue
    targets.forEach((tc, i) => {
      const want = stored(row[i], tc)
      if (!Bun.deepEquals(got[i], want, true))
        problems.push(
          `${t.name} id=${String(row[0])} ${tc.name} (${tc.type}): back ${show(got[i] as never)} (${typeof got[i]}), binlog ${show(want as never)} (${typeof want})`,
        )
    })
  }
  return problems
}

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  let capture: FamilyCapture
  const chDb = `t_rows_back_${server}`
  beforeAll(async () => {
    capture = await captureFamilies(server, 't_rows_back')
    await freshClickHouseDatabase(ch, chDb)
  })

  test('rows read back by key are the binlog cells, for every family, mapped and overridden', async () => {
    const problems: string[] = []
    let cells = 0
    for (const overridden of [false, true]) {
      for (const t of capture.tables) {
        const overrides = overridden ? OVERRIDES[t.name.slice(2)] : {}
        if (overrides === undefined) continue
        const n = naming(chDb, overrides)
        const table: SourceTable = {
          database: capture.database,
          table: `${t.name}${overridden ? '_o' : ''}`,
          columns: t.table.columns,
          primaryKey: t.table.primaryKey,
        }
        const targets = table.columns.map((c) =>
          mapColumn(c, { jsonType: 'String', override: n.override(table.database, table.table, c.name) }),
        )
        await load(t, table, targets, `${chDb}.${table.table}`, false)
        const back = await new ClickHouseTargetRows(ch, n, capture.charsets).rowsWhere(table, [
          { columns: [0], values: t.rows.map((r) => [r[0]]) },
        ])
        problems.push(...differences(t, targets, back))
        cells += back.length * targets.length
      }
    }
    expect(problems).toEqual([])
    expect(cells).toBeGreaterThan(700)
  })

  test('every column that can hold a foreign key finds its rows by value', async () => {
    const problems: string[] = []
    let columns = 0
    for (const t of capture.tables) {
      const table: SourceTable = { database: capture.database, table: t.name, columns: t.table.columns, primaryKey: t.table.primaryKey }
      const targets = table.columns.map((c) => mapColumn(c, { jsonType: 'String' }))
      const reader = new ClickHouseTargetRows(ch, naming(chDb), capture.charsets)
      for (let i = 1; i < targets.length; i++) {
        if (['wkt', 'json', 'set', 'vector'].includes(targets[i].kind)) continue
        // Each value with the id: a pair that only the right row holds.
        const values = t.rows.filter((r) => r[i] !== null).map((r) => [r[0], r[i]])
        const back = await reader.rowsWhere(table, [{ columns: [0, i], values }])
        const ids = back.map((r) => Number(r[0])).sort((a, b) => a - b)
        const want = t.rows
          .filter((r) => r[i] !== null)
          .map((r) => Number(r[0]))
          .sort((a, b) => a - b)
        if (JSON.stringify(ids) !== JSON.stringify(want))
          problems.push(`${t.name}.${targets[i].name} (${targets[i].type}): found ${ids.join(',')}, want ${want.join(',')}`)
        columns++
      }
    }
    expect(problems).toEqual([])
    expect(columns).toBeGreaterThan(flavor === 'mysql' ? 50 : 40)
  })

  test('a keyless table: rows hash to their stored _key', async () => {
    const t = capture.tables.find((x) => x.name === 'f_strings')!
    const table: SourceTable = { database: capture.database, table: 'keyless', columns: t.table.columns, primaryKey: [] }
    const targets = table.columns.map((c) => mapColumn(c, { jsonType: 'String' }))
    await load(t, table, targets, `${chDb}.keyless`, true)
    const inexact: number[] = []
    const reader = new ClickHouseTargetRows(ch, naming(chDb), capture.charsets, { onInexact: (_t, n) => inexact.push(n) })
    const back = await reader.rowsWhere(table, [{ columns: [0], values: t.rows.map((r) => [r[0]]) }])
    expect(differences(t, targets, back)).toEqual([])
    expect(back.map(keyHash).sort()).toEqual(t.rows.map(keyHash).sort())
    expect(inexact).toEqual([])
  })

  test('a table the target does not have has no rows; NULL keys match nothing', async () => {
    const t = capture.tables[0]
    const reader = new ClickHouseTargetRows(ch, naming(chDb), capture.charsets)
    const missing: SourceTable = {
      database: capture.database,
      table: 'not_there',
      columns: t.table.columns,
      primaryKey: t.table.primaryKey,
    }
    expect(await reader.rowsWhere(missing, [{ columns: [0], values: [[1]] }])).toEqual([])
    const table: SourceTable = { database: capture.database, table: t.name, columns: t.table.columns, primaryKey: t.table.primaryKey }
    expect(await reader.rowsWhere(table, [{ columns: [0], values: [[null]] }])).toEqual([])
  })
})

test('the sink the configuration makes: ClickHouse reads its rows back, a change feed has none', () => {
  const load = (sink: string) =>
    loadConfig({
      text: `[source]\nurl = "mysql://repl@127.0.0.1:33307"\n[target]\nurl = "http://default@127.0.0.1:18123"\n[sink]\nkind = "${sink}"\n`,
      env: { CHSYNC_SOURCE_PASSWORD: 'x' },
    })
  const charsets = new CharsetRegistry([[45, 'utf8mb4']])
  const stats = new Stats()
  const log = silentLogger
  const ch = load('clickhouse')
  expect(targetRows(createSink(ch, stats, log), ch, charsets, () => {})).toBeInstanceOf(ClickHouseTargetRows)
  const feed = load('ndjson')
  expect(targetRows(createSink(feed, stats, log), feed, charsets, () => {})).toBeNull()
})
