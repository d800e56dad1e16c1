// End to end on real servers: every type family on MySQL 9.7 and MariaDB 10.11 is written,
// captured from the binlog, mapped (schema/types), encoded as RowBinary (sink/clickhouse/encode)
// and inserted into a ReplacingMergeTree table on the ClickHouse test server; SELECT … FINAL must
// show every source row with every value as the mapping says (clamped dates as the rule says),
// and the clamp counters must count exactly the clamped values.

import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { ClickHouseClient } from '@clickhouse/client'
import type { Row } from '../../../src/model/index.ts'
import { type TargetColumn, mapColumn } from '../../../src/schema/types/index.ts'
import { ClampCounter, EncodeError, RowBinaryWriter, RowEncoder } from '../../../src/sink/clickhouse/encode/index.ts'
import { selectRaw, show } from '../../binlog/support/server-text.ts'
import { SERVERS, flavorOf, type TestServer } from '../../support/servers.ts'
import { clickhouse, freshClickHouseDatabase, insertRowBinary, run, selectRows } from './support/clickhouse.ts'
import { actualValue, clampedDate, clampedDatetime, clickhouseExpression, expectedValue, sourceExpression } from './support/expected.ts'
import { type CapturedTable, type FamilyCapture, captureFamilies } from './support/families.ts'

// Overrides per family and column: wider integers, Bool, Float64, wider decimals and time
// precision, Array(String), and String (the text form) for a column of every kind.
const OVERRIDES: Record<string, Record<string, string>> = {
  integers: {
    ti: 'Int64',
    tu: 'Int16',
    si: 'string',
    su: 'Int32',
    mi: 'Float64',
    mu: 'UInt64',
    i: 'Int128',
    iu: 'Int64',
    bi: 'String',
    bu: 'UInt256',
    b1: 'Bool',
  },
  decimals: {
    d65: 'String',
    d10: 'Decimal(20, 4)',
    d5: 'Decimal(76, 10)',
    d18: 'Decimal(38, 9)',
    d9: 'Nullable(String)',
    d20: 'LowCardinality(String)',
    d1: 'Decimal(9, 8)',
  },
  floats: { f: 'Float64', d: 'String', fu: 'String', r: 'string' },
  bits: { b1: 'Bool', b7: 'Int8', b8: 'UInt8', b17: 'Float32', b33: 'Int64', b64: 'String' },
  temporal: {
    d: 'String',
    dt0: 'LowCardinality(String)',
    dt1: "DateTime64(6, 'UTC')",
    dt3: 'String',
    ts0: 'String',
    ts2: "DateTime64(9, 'UTC')",
    t0: 'Time64(3)',
    t1: 'Time64(6)',
    t5: 'String',
    y: 'Int16',
  },
  strings: { c: 'LowCardinality(String)', tx: 'String' },
  binaries: { vb: 'String', bn: 'Nullable(String)' },
  enums_sets: { e: 'String', s: 'Array(String)', s64: 'String', e300: 'String' },
  json: { j2: 'String' },
  geometry: { g: 'String' },
  vectors: { v: 'String' },
}

let ch: ClickHouseClient
beforeAll(() => {
  ch = clickhouse()
})
afterAll(() => ch?.close())

/** Every change of the table as RowBinary rows with increasing versions; a key change is a tombstone plus a row. */
function encodeChanges(t: CapturedTable, encoder: RowEncoder): Uint8Array {
  const w = new RowBinaryWriter(256)
  let version = 1n
  for (const c of t.changes) {
    const v = version++
    if (c.before && (!c.after || c.before[0] !== c.after[0])) encoder.encode(w, c.before, v, true)
    if (c.after) encoder.encode(w, c.after, v, false)
  }
  return w.take()
}

/** Values the out-of-range rule changes, counted the way the encoder must count them. */
function expectedClamps(t: CapturedTable, targets: TargetColumn[]): Record<string, number> {
  const counts: Record<string, number> = {}
  const check = (row: Row) =>
    targets.forEach((tc, i) => {
      const v = row[i]
      if (typeof v !== 'string') return
      const clamped =
        tc.kind === 'date32'
          ? clampedDate(v) !== v
          : tc.kind === 'datetime64'
            ? clampedDatetime(v, tc.scale).slice(0, 19) !== v.slice(0, 19)
            : false
      if (clamped) counts[tc.name] = (counts[tc.name] ?? 0) + 1
    })
  for (const c of t.changes) {
    if (c.before && (!c.after || c.before[0] !== c.after[0])) check(c.before)
    if (c.after) check(c.after)
  }
  return counts
}

async function replicate(t: CapturedTable, chTable: string, targets: TargetColumn[]): Promise<ClampCounter> {
  const clamps = new ClampCounter()
  const encoder = new RowEncoder(targets, clamps)
  const cols = targets.map((c) => `\`${c.name}\` ${c.type}`).join(', ')
  await run(
    ch,
    `CREATE TABLE ${chTable} (${cols}, _version UInt64, _is_deleted UInt8) ENGINE = ReplacingMergeTree(_version, _is_deleted) ORDER BY id`,
  )
  await insertRowBinary(ch, chTable, encodeChanges(t, encoder))
  return clamps
}

async function compare(
  server: TestServer,
  capture: FamilyCapture,
  t: CapturedTable,
  chTable: string,
  targets: TargetColumn[],
): Promise<string[]> {
  const problems: string[] = []
  const source = await selectRaw(
    server,
    `SELECT ${t.table.columns.map((c) => sourceExpression(c, flavorOf(server))).join(', ')} FROM \`${capture.database}\`.${t.name} ORDER BY id`,
  )
  const rows = await selectRows(ch, `SELECT ${targets.map(clickhouseExpression).join(', ')} FROM ${chTable} FINAL ORDER BY id`)
  if (rows.length !== source.length) return [`${t.name}: ${rows.length} rows in ClickHouse, ${source.length} at the source`]
  source.forEach((raw, r) =>
    targets.forEach((tc, i) => {
      const want = expectedValue(raw[i], tc)
      const got = actualValue(rows[r][tc.name], tc)
      if (!Bun.deepEquals(got, want, true))
        problems.push(
          `${t.name} id=${show(raw[0]?.toString() ?? null)} ${tc.name} (${tc.type}): ClickHouse ${show(got as never)}, expected ${show(want as never)}`,
        )
    }),
  )
  return problems
}

describe.each(SERVERS)('%s → ClickHouse', (server) => {
  const flavor = flavorOf(server)
  let capture: FamilyCapture
  const chDb = `t_map_ch_${server}`
  beforeAll(async () => {
    capture = await captureFamilies(server, 't_map_ch')
    await freshClickHouseDatabase(ch, chDb)
  })

  test('every family reads back as the source under the mapping', async () => {
    const problems: string[] = []
    let values = 0
    for (const t of capture.tables) {
      const targets = t.table.columns.map((c) => mapColumn(c, { jsonType: 'String' }))
      const clamps = await replicate(t, `${chDb}.${t.name}`, targets)
      problems.push(...(await compare(server, capture, t, `${chDb}.${t.name}`, targets)))
      expect({ table: t.name, clamped: Object.fromEntries(clamps.byColumn) }).toEqual({
        table: t.name,
        clamped: expectedClamps(t, targets),
      })
      values += t.rows.length * targets.length
    }
    expect(problems).toEqual([])
    expect(values).toBeGreaterThan(400)
  })

  test('per-column overrides read back as the override says', async () => {
    const problems: string[] = []
    let overridden = 0
    for (const t of capture.tables) {
      const overrides = OVERRIDES[t.name.slice(2)] ?? {}
      const targets = t.table.columns.map((c) => mapColumn(c, { jsonType: 'String', override: overrides[c.name] }))
      overridden += targets.filter((x) => overrides[x.name]).length
      await replicate(t, `${chDb}.${t.name}_o`, targets)
      problems.push(...(await compare(server, capture, t, `${chDb}.${t.name}_o`, targets)))
    }
    expect(problems).toEqual([])
    expect(overridden).toBeGreaterThan(flavor === 'mysql' ? 35 : 30)
  })

  test.if(flavor === 'mysql')("json_type = 'JSON': object documents become ClickHouse JSON, others are refused", async () => {
    const t = capture.tables.find((x) => x.name === 'f_json')!
    const targets = t.table.columns.slice(0, 2).map((c) => mapColumn(c, { jsonType: 'JSON' }))
    expect(targets.map((x) => x.type)).toEqual(['Int32', 'Nullable(JSON)'])
    const encoder = new RowEncoder(targets)
    const w = new RowBinaryWriter()
    const sent: Row[] = []
    const refused: string[] = []
    for (const row of t.rows) {
      const image = row.slice(0, 2)
      try {
        encoder.encode(w, image, 1n, false)
        sent.push(image)
      } catch (err) {
        expect(err).toBeInstanceOf(EncodeError)
        expect((err as EncodeError).column).toBe('j')
        refused.push(String(image[1]))
      }
    }
    expect(refused.length).toBeGreaterThan(0)
    expect(refused.every((doc) => !doc.startsWith('{'))).toBe(true)
    expect(sent.length).toBeGreaterThanOrEqual(3)
    const table = `${chDb}.json_type`
    await run(
      ch,
      `CREATE TABLE ${table} (${targets.map((c) => `\`${c.name}\` ${c.type}`).join(', ')}, _version UInt64, _is_deleted UInt8) ENGINE = ReplacingMergeTree(_version, _is_deleted) ORDER BY id`,
    )
    await insertRowBinary(ch, table, w.take())
    const back = await selectRows(ch, `SELECT id, j FROM ${table} FINAL ORDER BY id`, { output_format_json_quote_64bit_integers: 0 })
    // ClickHouse keeps the document, not its text: keys come back sorted, numbers as numbers.
    expect(back).toEqual(sent.map((r) => ({ id: r[0], j: r[1] === null ? null : JSON.parse(String(r[1])) })))
  })

  test('the temporal family clamps what the rule says, and only that', async () => {
    const t = capture.tables.find((x) => x.name === 'f_temporal')!
    const targets = t.table.columns.map((c) => mapColumn(c, { jsonType: 'String' }))
    const counts = expectedClamps(t, targets)
    // '1000-01-01', '9999-12-31', '0000-00-00' and the partial-zero dates of every DATE/DATETIME
    // column; TIMESTAMP only its zero value.
    expect(counts.d).toBeGreaterThanOrEqual(4)
    expect(counts.ts0).toBeGreaterThanOrEqual(1)
    expect(counts.t0).toBeUndefined()
  })
})
