// Seeded random documents and random partial updates against the real MySQL 9.7 (database
// t_json_live): the bytes the server writes to its binlog, decoded (and diffs applied), must
// print exactly as `SELECT` prints the same rows. Needs the MySQL test server (test/servers/up).

import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Connection } from 'mysql2/promise'
import { Cursor } from '../../../src/binlog/cursor.ts'
import { applyJsonDiffs, decodeJson, jsonText, readJsonDiffs } from '../../../src/binlog/values/json/index.ts'
import { mysqlJsonCodec } from '../../../src/binlog/values/json-codec.ts'
import { binlogPosition, connectMysql, readRowsEvents, type ColumnBytes } from './support/binlog-capture.ts'
import { paths, RandomJson, sqlPath, toJsonText, type Plain } from './support/random-json.ts'
import { seeded } from '../../support/random.ts'

const DB = 't_json_live'
let conn: Connection

beforeAll(async () => {
  conn = await connectMysql()
  await conn.query(`DROP DATABASE IF EXISTS ${DB}`)
  await conn.query(`CREATE DATABASE ${DB}`)
  await conn.query(`CREATE TABLE ${DB}.docs (id INT NOT NULL PRIMARY KEY, j JSON)`)
  await conn.query(`CREATE TABLE ${DB}.upd (id INT NOT NULL PRIMARY KEY, j JSON, k JSON)`)
})

afterAll(async () => {
  await conn?.query(`DROP DATABASE IF EXISTS ${DB}`)
  await conn?.end()
})

const idOf = (b: ColumnBytes) => b!.readInt32LE(0)

async function selectAll(table: string, columns: string): Promise<Map<number, Record<string, string | null>>> {
  const [rows] = await conn.query(`SELECT id, ${columns} FROM ${DB}.${table}`)
  return new Map((rows as Record<string, string | null>[]).map((r) => [Number(r.id), r]))
}

describe('against MySQL 9.7', () => {
  test('random documents', async () => {
    const gen = new RandomJson(seeded(7))
    const docs: string[] = []
    for (let i = 0; i < 400; i++) {
      // Every 40th document is big enough for the large format (4-byte offsets).
      const big = i % 40 === 39
      const top = big
        ? i % 80 === 79
          ? gen.object(2, 3000)
          : gen.array(2, 5000)
        : i % 3 === 0
          ? gen.array(4)
          : i % 3 === 1
            ? gen.object(4)
            : gen.value(3)
      docs.push(toJsonText(top))
    }
    const from = await binlogPosition(conn)
    for (let i = 0; i < docs.length; i += 25) {
      const batch = docs.slice(i, i + 25)
      await conn.query(
        `INSERT INTO ${DB}.docs VALUES ${batch.map(() => '(?, CAST(? AS JSON))').join(', ')}`,
        batch.flatMap((d, k) => [i + k + 1, d]),
      )
    }
    const to = await binlogPosition(conn)
    const selected = await selectAll('docs', 'j')
    let checked = 0
    let large = 0
    for (const event of readRowsEvents(from, to, DB, 'docs')) {
      for (const row of event.rows) {
        const [id, j] = row.after!.columns
        expect({ id: idOf(id), text: jsonText(decodeJson(j!)) }).toEqual({ id: idOf(id), text: selected.get(idOf(id))!.j! })
        if (j![0] === 0x01 || j![0] === 0x03) large++
        checked++
      }
    }
    expect(checked).toBe(docs.length)
    expect(large).toBeGreaterThanOrEqual(8)
    // 400 documents, 10 of them with thousands of members: seconds on a loaded machine.
  }, 60_000)

  test('documents of a few shapes, printed in binlog order as rows decoding prints them (key templates)', async () => {
    const gen = new RandomJson(seeded(31))
    type Shape = { [key: string]: Shape | Shape[] | 'leaf' }
    const shape = (depth: number): Shape => {
      const o: Shape = {}
      const n = 1 + gen.int(6)
      for (let i = 0; i < n; i++) {
        const r = gen.int(5)
        o[gen.key()] = depth > 0 && r === 0 ? shape(depth - 1) : depth > 0 && r === 1 ? [shape(depth - 1), shape(depth - 1)] : 'leaf'
      }
      return o
    }
    const fill = (s: Shape): Plain => {
      const o: { [key: string]: Plain } = {}
      for (const [k, v] of Object.entries(s)) o[k] = v === 'leaf' ? gen.value(1) : Array.isArray(v) ? v.map(fill) : fill(v)
      return o
    }
    // The same shape with one key's last character changed to another of the same UTF-8 length.
    const variant = (s: Shape): Shape => {
      const keys = Object.keys(s)
      const k = keys[gen.int(keys.length)]
      const last = k.charCodeAt(k.length - 1)
      if (!(last < 0x7f)) return s
      const o: Shape = {}
      for (const [key, v] of Object.entries(s)) o[key === k ? k.slice(0, -1) + (last === 0x78 ? 'y' : 'x') : key] = v
      return o
    }
    const shapes = Array.from({ length: 6 }, () => shape(2))
    const docs: string[] = []
    for (let i = 0; i < 600; i++) {
      const s = shapes[gen.int(i < 300 ? 2 : shapes.length)]
      docs.push(toJsonText(fill(gen.int(8) === 0 ? variant(s) : s)))
    }
    const from = await binlogPosition(conn)
    for (let i = 0; i < docs.length; i += 50) {
      const batch = docs.slice(i, i + 50)
      await conn.query(
        `INSERT INTO ${DB}.docs VALUES ${batch.map(() => '(?, CAST(? AS JSON))').join(', ')}`,
        batch.flatMap((d, k) => [5000 + i + k, d]),
      )
    }
    const to = await binlogPosition(conn)
    const selected = await selectAll('docs', 'j')
    const memo = mysqlJsonCodec.newColumnMemo()
    // Counted so that this test shows the templates were used, not only that the text is right.
    const match = memo.match.bind(memo)
    let hits = 0
    memo.match = (...args) => {
      const t = match(...args)
      if (t) hits++
      return t
    }
    let checked = 0
    for (const event of readRowsEvents(from, to, DB, 'docs')) {
      for (const row of event.rows) {
        const [id, j] = row.after!.columns
        const text = mysqlJsonCodec.textOf(j!, 0, j!.length, memo).toString()
        expect({ id: idOf(id), text }).toEqual({ id: idOf(id), text: selected.get(idOf(id))!.j! })
        checked++
      }
    }
    expect(checked).toBe(docs.length)
    expect(hits).toBeGreaterThan(100)
  }, 60_000)

  test('random decimals, dates, times and datetimes made by SQL', async () => {
    const next = seeded(11)
    const gen = new RandomJson(next)
    const digits = (n: number) => Array.from({ length: n }, () => gen.int(10)).join('') || '0'
    const pad = (v: number, n = 2) => String(v).padStart(n, '0')
    const rows: [string, unknown[]][] = []
    for (let i = 0; i < 200; i++) {
      const precision = 1 + gen.int(65)
      const scale = gen.int(Math.min(30, precision) + 1)
      const decimal = (next() < 0.5 ? '-' : '') + digits(precision - scale) + (scale ? '.' + digits(scale) : '')
      const fsp = gen.int(7)
      const frac = fsp ? '.' + digits(fsp) : ''
      const date = `${pad(1 + gen.int(9999), 4)}-${pad(1 + gen.int(12))}-${pad(1 + gen.int(28))}`
      const time = `${next() < 0.5 ? '-' : ''}${gen.int(839)}:${pad(gen.int(60))}:${pad(gen.int(60))}${frac}`
      const datetime = `${date} ${pad(gen.int(24))}:${pad(gen.int(60))}:${pad(gen.int(60))}${frac}`
      rows.push([
        `JSON_ARRAY(CAST(? AS DECIMAL(${precision},${scale})), CAST(? AS DATE), CAST(? AS TIME(${fsp})), ` +
          `CAST(? AS DATETIME(${fsp})), CAST(? AS DOUBLE), CAST(? AS UNSIGNED), CAST(? AS SIGNED))`,
        [decimal, date, time, datetime, gen.double(), String(gen.int(2 ** 32) * 2 ** 20 + gen.int(2 ** 20)), gen.integer()],
      ])
    }
    const from = await binlogPosition(conn)
    for (let i = 0; i < rows.length; i++) {
      await conn.query(`INSERT INTO ${DB}.docs VALUES (${1000 + i}, ${rows[i][0]})`, rows[i][1])
    }
    const to = await binlogPosition(conn)
    const selected = await selectAll('docs', 'j')
    let checked = 0
    for (const event of readRowsEvents(from, to, DB, 'docs')) {
      for (const row of event.rows) {
        const [id, j] = row.after!.columns
        expect(jsonText(decodeJson(j!))).toBe(selected.get(idOf(id))!.j!)
        checked++
      }
    }
    expect(checked).toBe(rows.length)
  })

  test('random partial updates', async () => {
    const next = seeded(23)
    const gen = new RandomJson(next)
    const n = 250
    const plain: Plain[] = []
    const values: unknown[] = []
    for (let id = 1; id <= n; id++) {
      const j = gen.object(3, 10)
      j.long = 'a string that makes the document larger than most diffs '.repeat(2)
      j.list = gen.array(2, 12)
      plain.push(j)
      values.push(id, toJsonText(j), toJsonText(gen.array(2, 12)))
    }
    await conn.query(`INSERT INTO ${DB}.upd VALUES ${plain.map(() => '(?, CAST(? AS JSON), CAST(? AS JSON))').join(', ')}`, values)
    await conn.query(`SET SESSION binlog_row_value_options = 'PARTIAL_JSON'`)

    const from = await binlogPosition(conn)
    for (let id = 1; id <= n; id++) {
      const doc = plain[id - 1]
      const existing = paths(doc)
      // Paths and values go as parameters, in the order their placeholders appear.
      const args: unknown[] = []
      const path = (p: string) => {
        args.push(p)
        return '?'
      }
      const value = () => {
        args.push(toJsonText(gen.value(2)))
        return 'CAST(? AS JSON)'
      }
      const somePath = () => {
        const p = gen.pick(existing)
        return path(next() < 0.2 && typeof p[p.length - 1] === 'number' ? sqlPath([...p.slice(0, -1), 'last']) : sqlPath(p))
      }
      let expr = 'j'
      for (let ops = 1 + gen.int(3); ops > 0; ops--) {
        const r = next()
        if (r < 0.3) expr = `JSON_SET(${expr}, ${somePath()}, ${value()})`
        else if (r < 0.45) expr = `JSON_REPLACE(${expr}, ${somePath()}, ${value()})`
        else if (r < 0.65) expr = `JSON_REMOVE(${expr}, ${somePath()})`
        else if (r < 0.85) expr = `JSON_SET(${expr}, ${path(sqlPath([gen.key() + 'new']))}, ${value()})`
        else expr = `JSON_SET(${expr}, ${path(sqlPath(['list', 12 + gen.int(5)]))}, ${value()})`
      }
      const sets = [`j = ${expr}`]
      if (next() < 0.3) sets.push(`k = JSON_SET(k, '$[0]', ${value()})`)
      await conn.query(`UPDATE ${DB}.upd SET ${sets.join(', ')} WHERE id = ${id}`, args)
    }
    const to = await binlogPosition(conn)
    await conn.query(`SET SESSION binlog_row_value_options = ''`)
    const selected = await selectAll('upd', 'j, k')

    let rows = 0
    let diffColumns = 0
    for (const event of readRowsEvents(from, to, DB, 'upd')) {
      expect(event.type).toBe(39)
      for (const row of event.rows) {
        const after = row.after!
        const id = idOf(after.columns[0])
        for (const [i, column, bit] of [
          [1, 'j', 1],
          [2, 'k', 2],
        ] as const) {
          const bytes = after.columns[i]!
          let text: string
          if ((after.partialBits ?? 0) & bit) {
            diffColumns++
            const diffs = readJsonDiffs(Cursor.of(bytes), bytes.length)
            text = jsonText(applyJsonDiffs(decodeJson(row.before![i]!), diffs))
          } else {
            text = jsonText(decodeJson(bytes))
          }
          expect({ id, column, text }).toEqual({ id, column, text: selected.get(id)![column]! })
        }
        rows++
      }
    }
    expect(rows).toBeGreaterThan(n * 0.9) // an UPDATE that changes nothing writes no row
    expect(diffColumns).toBeGreaterThan(n)
  })
})
