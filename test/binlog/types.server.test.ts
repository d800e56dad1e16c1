// Every type family, written with INSERT/UPDATE/DELETE on the real servers, decoded from the
// binlog and compared value by value with what SELECT returns from the same server. Before-images
// are checked against the rows decoded earlier; the final state against SELECT.

import { afterAll, describe, expect, test } from 'bun:test'
import { BinlogClient, EventType, type Flavor, type TableMapEvent, TransactionReader } from '../../src/binlog/index.ts'
import type { Row } from '../../src/model/index.ts'
import { SERVERS, flavorOf, SOURCES, freshDatabase, replicaServerId } from '../support/servers.ts'
import { comparable, mismatch, selectColumns, selectRaw, show } from './support/server-text.ts'
import { type TypeFamily, familiesFor } from './support/type-families.ts'

const clients: BinlogClient[] = []
afterAll(() => clients.forEach((c) => c.close()))

function columnNames(f: TypeFamily): string[] {
  return f.columns.map((c) => c.split(' ')[0])
}

/** Writes every family's rows, then changes them: a key change, a row set to NULLs and back, a delete. */
async function writeFamilies(sql: import('mysql2/promise').Connection, flavor: Flavor): Promise<void> {
  for (const f of familiesFor(flavor)) {
    const t = `f_${f.name}`
    const cols = columnNames(f)
    await sql.query(`CREATE TABLE ${t} (id INT PRIMARY KEY, ${f.columns.join(', ')})`)
    await sql.query(`INSERT INTO ${t} VALUES ${f.rows.map((r, i) => `(${i + 1}, ${r.slice(1)}`).join(', ')}`)
    const n = f.rows.length
    const copy = (from: number, to: number) =>
      `UPDATE ${t} a JOIN ${t} b ON b.id = ${from} SET ${cols.map((c) => `a.${c} = b.${c}`).join(', ')} WHERE a.id = ${to}`
    await sql.query('BEGIN')
    await sql.query(`UPDATE ${t} SET id = id + 100 WHERE id = 1`)
    await sql.query(copy(n, 2))
    await sql.query(copy(3, n))
    await sql.query(`DELETE FROM ${t} WHERE id = 3`)
    await sql.query('COMMIT')
  }
  if (flavor === 'mysql') {
    // Partial JSON updates: the after-image holds diffs against the before-image.
    await sql.query("SET SESSION binlog_row_value_options = 'PARTIAL_JSON'")
    await sql.query(`UPDATE f_json SET j = JSON_SET(j, '$.a', 5, '$.new', 'x') WHERE id = 101`)
    await sql.query(`UPDATE f_json SET j = JSON_REPLACE(j, '$.c.d', JSON_ARRAY(1, 2)), j2 = JSON_ARRAY_APPEND(j2, '$', 7) WHERE id = 101`)
    await sql.query(`UPDATE f_json SET j = JSON_REMOVE(j, '$.b[1]') WHERE id = 101`)
    await sql.query(`UPDATE f_json SET j = JSON_SET(j, '$[8000]', 'tail') WHERE id = 6`)
    await sql.query("SET SESSION binlog_row_value_options = ''")
    // Full images again: a document changed to one of the same length (not the before-image's
    // text), a multi-row update where j2 stays the same in each row (the before-image's text).
    await sql.query(`UPDATE f_json SET j = '{"a": 1}' WHERE id = 2`)
    await sql.query(`UPDATE f_json SET j = '{"a": 2}' WHERE id = 2`)
    await sql.query(`UPDATE f_json SET j = JSON_ARRAY(id) WHERE id IN (2, 4, 5)`)
  }
}

describe.each(SERVERS)('%s: decoded values equal SELECT', (server) => {
  const flavor = flavorOf(server)
  for (const compressed of [false, true]) {
    test(compressed ? 'with compressed binlog events' : 'with plain binlog events', async () => {
      const { name, sql } = await freshDatabase(server, compressed ? 't_types_z' : 't_types')
      const client = await BinlogClient.connect(SOURCES[server])
      clients.push(client)
      const start = await client.currentPosition()
      await sql.query("SET SESSION sql_mode = ''")
      if (compressed && flavor === 'mysql') await sql.query('SET SESSION binlog_transaction_compression = ON')
      if (compressed && flavor === 'mariadb') await sql.query('SET GLOBAL log_bin_compress = ON, GLOBAL log_bin_compress_min_len = 10')
      try {
        await writeFamilies(sql, flavor)
      } finally {
        if (compressed && flavor === 'mariadb') await sql.query('SET GLOBAL log_bin_compress = OFF')
        await sql.end()
      }

      const model = new Map<string, Map<string, Row>>()
      const tables = new Map<string, TableMapEvent>()
      const stream = await client.events({ gtid: start.gtidSet!.toString() }, { serverId: replicaServerId(), nonBlocking: true })
      const seen = new Set<number>()
      async function* tap() {
        for await (const ev of stream) {
          seen.add(ev.header.type)
          yield ev
        }
      }
      const items = new TransactionReader(start).read(tap())
      for await (const it of items) {
        if (it.kind !== 'rows') continue
        const ev = it.event
        if (ev.table.database !== name) continue
        const t = ev.table.table
        tables.set(t, ev.table)
        let rows = model.get(t)
        if (!rows) model.set(t, (rows = new Map()))
        const key = (r: Row) => String(r[0])
        for (let i = 0; i < (ev.before ?? ev.after)!.length; i++) {
          const before = ev.before?.[i]
          const after = ev.after?.[i]
          if (before) {
            expect(rows.get(key(before))?.map(comparable)).toEqual(before.map(comparable))
            rows.delete(key(before))
          }
          if (after) rows.set(key(after), after)
        }
      }
      stream.close()
      if (flavor === 'mysql') expect(seen.has(EventType.PARTIAL_UPDATE_ROWS)).toBe(true)
      if (compressed && flavor === 'mysql') expect(stream.stats.payloads).toBeGreaterThan(0)
      if (compressed && flavor === 'mariadb') {
        expect(seen.has(EventType.MARIADB_WRITE_ROWS_COMPRESSED_V1)).toBe(true)
        expect(seen.has(EventType.MARIADB_UPDATE_ROWS_COMPRESSED_V1)).toBe(true)
        expect(seen.has(EventType.MARIADB_QUERY_COMPRESSED)).toBe(true)
      }

      const families = familiesFor(flavor)
      expect([...model.keys()].sort()).toEqual(families.map((f) => `f_${f.name}`).sort())
      for (const f of families) {
        const t = `f_${f.name}`
        const table = tables.get(t)!
        expect(table.columns.map((c) => c.name)).toEqual(['id', ...columnNames(f)])
        const expected = await selectRaw(server, `SELECT ${selectColumns(table.columns)} FROM \`${name}\`.${t} ORDER BY id`)
        const decoded = [...model.get(t)!.values()].sort((a, b) => Number(a[0]) - Number(b[0]))
        expect(decoded.length).toBe(expected.length)
        const problems: string[] = []
        expected.forEach((row, r) =>
          row.forEach((raw, c) => {
            const why = mismatch(decoded[r][c], raw, table.columns[c])
            if (why) problems.push(`${t} id=${show(decoded[r][0])} ${table.columns[c].name}: ${why}`)
          }),
        )
        expect(problems).toEqual([])
      }
    })
  }
})
