// TABLE_MAP's signedness and charset lists walked as the server writes them: tables in which each
// leading type family (YEAR, BIT, ENUM, JSON, GEOMETRY, …) comes before every numeric and character
// type (support/type-order.ts), decoded from the real servers' binlog. Each column's unsigned flag
// and collation id must be what information_schema says, the catalog's own ColumnDefs
// (describeSourceTable, used for the copy) must be the same, and every row must decode to what
// SELECT returns, before-images included (issue 11: YEAR shifted the signedness after it).

import { afterAll, describe, expect, test } from 'bun:test'
import type mysql from 'mysql2/promise'
import { BinlogClient, type Flavor, type TableMapEvent, TransactionReader, fixedBinaryText } from '../../src/binlog/index.ts'
import type { ColumnDef, Row } from '../../src/model/index.ts'
import { describeSourceTable } from '../../src/schema/source/index.ts'
import { SERVERS, flavorOf, SOURCES, freshDatabase, replicaServerId } from '../support/servers.ts'
import { mismatch, selectColumns, selectRaw, show } from './support/server-text.ts'
import { type OrderTable, createStatement, insertStatement, orderTables } from './support/type-order.ts'

const clients: BinlogClient[] = []
afterAll(() => clients.forEach((c) => c.close()))

interface CatalogColumn {
  name: string
  dataType: string
  columnType: string
  collationId: number | null
}

/**
 * information_schema's view of every column of `db`, by table. MariaDB lists the ids of its
 * uca1400 collations (11.x's defaults) only in COLLATION_CHARACTER_SET_APPLICABILITY, by full name.
 */
async function catalog(sql: mysql.Connection, db: string, flavor: Flavor): Promise<Map<string, CatalogColumn[]>> {
  const collations =
    flavor === 'mariadb'
      ? '(SELECT FULL_COLLATION_NAME AS COLLATION_NAME, ID FROM information_schema.COLLATION_CHARACTER_SET_APPLICABILITY)'
      : 'information_schema.COLLATIONS'
  const [rows] = await sql.query(
    `SELECT c.TABLE_NAME AS t, c.COLUMN_NAME AS name, c.DATA_TYPE AS dataType, c.COLUMN_TYPE AS columnType, co.ID AS collationId
     FROM information_schema.COLUMNS c LEFT JOIN ${collations} co ON co.COLLATION_NAME = c.COLLATION_NAME
     WHERE c.TABLE_SCHEMA = ? ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`,
    [db],
  )
  const out = new Map<string, CatalogColumn[]>()
  for (const r of rows as Record<string, unknown>[]) {
    const t = String(r.t)
    if (!out.has(t)) out.set(t, [])
    out.get(t)!.push({
      name: String(r.name),
      dataType: String(r.dataType).toLowerCase(),
      columnType: String(r.columnType),
      collationId: r.collationId === null ? null : Number(r.collationId),
    })
  }
  return out
}

// Byte strings have no COLLATION_NAME in information_schema; TABLE_MAP gives them `binary` (63).
const BYTE_TYPES = new Set(['binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob'])
// MariaDB's UUID/INET6/INET4 travel as BINARY(n): a character column of collation `binary`.
const FIXED_BINARY = new Set(['uuid', 'inet6', 'inet4'])

/** What TABLE_MAP must say about a column, from information_schema alone. */
function expectedFlags(c: CatalogColumn): { name: string; unsigned: boolean; collation: number | undefined } {
  const unsigned = /\bunsigned\b/i.test(c.columnType) || c.dataType === 'year'
  let collation = c.collationId ?? undefined
  if (collation === undefined && (BYTE_TYPES.has(c.dataType) || FIXED_BINARY.has(c.dataType))) collation = 63
  return { name: c.name, unsigned, collation }
}

/** ENUM/SET labels as COLUMN_TYPE spells them: enum('a','it''s'). */
function labels(columnType: string): string[] | undefined {
  if (!/^(enum|set)\(/i.test(columnType)) return undefined
  return [...columnType.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'"))
}

/** The fields of a ColumnDef the type mapping and the shape comparison look at. */
function shape(c: ColumnDef) {
  const { name, type, meta, nullable, unsigned, collation, length, precision, scale, fsp, bits, enumValues, setValues, vectorDimensions } =
    c
  return { name, type, meta, nullable, unsigned, collation, length, precision, scale, fsp, bits, enumValues, setValues, vectorDimensions }
}

/** Inserts rows 1-4, then, in one transaction: a key change, a row copied over another, a NULL row filled, a delete. */
async function write(sql: mysql.Connection, t: OrderTable): Promise<void> {
  await sql.query(createStatement(t))
  await sql.query(insertStatement(t))
  const cols = t.columns.map(([n]) => n).filter((n) => n !== 'id')
  const copy = (from: number, to: number) =>
    `UPDATE ${t.name} a JOIN ${t.name} b ON b.id = ${from} SET ${cols.map((c) => `a.${c} = b.${c}`).join(', ')} WHERE a.id = ${to}`
  await sql.query('BEGIN')
  await sql.query(`UPDATE ${t.name} SET id = id + 100 WHERE id = 1`)
  await sql.query(copy(2, 3))
  await sql.query(copy(101, 4))
  await sql.query(`DELETE FROM ${t.name} WHERE id = 2`)
  await sql.query('COMMIT')
}

/** Rows of every table of `db` decoded from the binlog since `start`, each before-image checked against the row it replaces. */
async function decodeAll(client: BinlogClient, start: Awaited<ReturnType<BinlogClient['currentPosition']>>, db: string) {
  const model = new Map<string, Map<string, Row>>()
  const maps = new Map<string, TableMapEvent>()
  const beforeProblems: string[] = []
  const stream = await client.events({ gtid: start.gtidSet!.toString() }, { serverId: replicaServerId(), nonBlocking: true })
  for await (const it of new TransactionReader(start).read(stream)) {
    if (it.kind !== 'rows' || it.event.table.database !== db) continue
    const ev = it.event
    const t = ev.table.table
    maps.set(t, ev.table)
    const keyAt = ev.table.columns.findIndex((c) => c.name === 'id')
    const key = (r: Row) => String(r[keyAt])
    let rows = model.get(t)
    if (!rows) model.set(t, (rows = new Map()))
    for (let i = 0; i < (ev.before ?? ev.after)!.length; i++) {
      const before = ev.before?.[i]
      const after = ev.after?.[i]
      if (before) {
        if (show(rows.get(key(before)) as never) !== show(before as never))
          beforeProblems.push(`${t} before-image of id ${key(before)}: ${show(before as never)}`)
        rows.delete(key(before))
      }
      if (after) rows.set(key(after), after)
    }
  }
  stream.close()
  return { model, maps, beforeProblems }
}

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  test('a leading type family leaves the signedness and collation of every later column as the server has it', async () => {
    const { name: db, sql } = await freshDatabase(server, 't_tm_order')
    const client = await BinlogClient.connect(SOURCES[server])
    clients.push(client)
    const start = await client.currentPosition()
    const tables = orderTables(flavor)
    try {
      for (const t of tables) await write(sql, t)
    } catch (err) {
      await sql.end()
      throw err
    }
    const { model, maps, beforeProblems } = await decodeAll(client, start, db)
    expect(beforeProblems).toEqual([])
    expect([...maps.keys()].sort()).toEqual(tables.map((t) => t.name).sort())
    const info = await catalog(sql, db, flavor)

    const flagProblems: string[] = []
    const catalogProblems: string[] = []
    const valueProblems: string[] = []
    for (const t of tables) {
      const map = maps.get(t.name)!
      const cat = info.get(t.name)!
      // One table at a time, so that a failure names the table and the columns.
      const decodedFlags = map.columns.map((c) => ({ name: c.name, unsigned: c.unsigned, collation: c.collation }))
      const expected = cat.map(expectedFlags)
      decodedFlags.forEach((d, i) => {
        if (JSON.stringify(d) !== JSON.stringify(expected[i]))
          flagProblems.push(
            `${t.name}.${d.name} (${cat[i].columnType}): decoded ${JSON.stringify(d)}, server ${JSON.stringify(expected[i])}`,
          )
      })
      map.columns.forEach((c, i) => {
        const want = labels(cat[i].columnType)
        if (want && JSON.stringify(c.enumValues ?? c.setValues) !== JSON.stringify(want))
          flagProblems.push(`${t.name}.${c.name}: labels ${JSON.stringify(c.enumValues ?? c.setValues)}, server ${JSON.stringify(want)}`)
      })

      // The copy reads the same shape from the catalog; a difference would make the stream reshape the target.
      const described = await describeSourceTable(
        async (text, params) => (await sql.query(text, params))[0] as Record<string, unknown>[],
        db,
        t.name,
      )
      described.columns.forEach((c, i) => {
        const a = JSON.stringify(shape(c))
        const b = JSON.stringify(shape(map.columns[i]))
        if (a !== b) catalogProblems.push(`${t.name}.${c.name}: catalog ${a}, TABLE_MAP ${b}`)
      })

      const fixed = cat.map((c) => (FIXED_BINARY.has(c.dataType) ? (c.dataType as 'uuid' | 'inet6' | 'inet4') : undefined))
      const keyAt = map.columns.findIndex((c) => c.name === 'id')
      const selected = await selectRaw(server, `SELECT ${selectColumns(map.columns)} FROM \`${db}\`.${t.name} ORDER BY id`)
      const decoded = [...model.get(t.name)!.values()].sort((a, b) => Number(a[keyAt]) - Number(b[keyAt]))
      expect({ table: t.name, ids: decoded.map((r) => Number(r[keyAt])) }).toEqual({ table: t.name, ids: [3, 4, 101] })
      selected.forEach((row, r) =>
        row.forEach((raw, i) => {
          const cell = decoded[r][i]
          const f = fixed[i]
          const why =
            f && cell instanceof Uint8Array && raw
              ? fixedBinaryText(f, cell) === raw.toString()
                ? null
                : `${raw} vs ${fixedBinaryText(f, cell)}`
              : mismatch(cell, raw, map.columns[i])
          if (why) valueProblems.push(`${t.name} id=${show(decoded[r][keyAt])} ${map.columns[i].name} (${cat[i].columnType}): ${why}`)
        }),
      )
    }
    await sql.end()
    expect(flagProblems).toEqual([])
    expect(catalogProblems).toEqual([])
    expect(valueProblems).toEqual([])
    // Both ways of sending charsets were exercised: a default with exceptions, and one per column.
    const defaults = [...maps.values()].map((m) => m.defaultCollation !== undefined)
    expect({ withDefault: defaults.includes(true), perColumn: defaults.includes(false) }).toEqual({ withDefault: true, perColumn: true })
  }, 120_000)
})
