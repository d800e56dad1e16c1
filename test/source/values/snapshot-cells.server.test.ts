// The snapshot path against the binlog path on real servers: for every type family (and the odd
// tables), describeSourceTable gives the ColumnDefs the TABLE_MAP gives, and the values of a
// SELECT built by snapshotSelectList, parsed by parseSnapshotCell, deep-equal the binlog's cells
// (and so hash to the same row key).

import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type mysql from 'mysql2/promise'
import type { Cell, Row } from '../../../src/model/index.ts'
import { describeSourceTable } from '../../../src/schema/source/index.ts'
import { keyHash } from '../../../src/sink/clickhouse/encode/index.ts'
import { parseSnapshotCell, snapshotSelectList } from '../../../src/source/index.ts'
import { comparable, selectRaw, show } from '../../binlog/support/server-text.ts'
import { SERVERS, flavorOf, sqlSession } from '../../support/servers.ts'
import { type FamilyCapture, captureFamilies } from '../../sink/encode/support/families.ts'
import { MARIADB_FIXED_BINARY, ODD_FAMILY, ODD_STATEMENTS } from './support/odd-tables.ts'

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  let capture: FamilyCapture
  let sql: mysql.Connection
  beforeAll(async () => {
    capture = await captureFamilies(server, 't_map_snap', {
      extra: [ODD_FAMILY],
      statements: [...ODD_STATEMENTS, ...(flavor === 'mariadb' ? MARIADB_FIXED_BINARY : [])],
    })
    sql = await sqlSession(server)
  })
  afterAll(() => sql?.end())

  const query = async (text: string, params: string[]) => (await sql.query(text, params))[0] as Record<string, unknown>[]

  test('describeSourceTable equals the TABLE_MAP of every table', async () => {
    expect(capture.tables.length).toBe(16)
    const problems: string[] = []
    for (const t of capture.tables) {
      const shape = await describeSourceTable(query, capture.database, t.name)
      shape.columns.forEach((c, i) => {
        const want = t.table.columns[i] as unknown as Record<string, unknown>
        const got = c as unknown as Record<string, unknown>
        // MariaDB's TABLE_MAP has no COLUMN_VISIBILITY (every column reads as visible);
        // information_schema tells the truth, and that is what describeSourceTable keeps.
        if (flavor === 'mariadb' && c.name === 'hid') {
          expect([got.visible, want.visible]).toEqual([false, true])
          got.visible = true
        }
        // Only the catalog knows MariaDB's UUID and INET types; a TABLE_MAP shows BINARY(n).
        if (got.fixedBinaryType !== undefined) {
          expect(want.fixedBinaryType).toBeUndefined()
          delete got.fixedBinaryType
        }
        for (const k of new Set([...Object.keys(want), ...Object.keys(got)]))
          if (!Bun.deepEquals(got[k], want[k]))
            problems.push(`${t.name}.${c.name} ${k}: described ${show(got[k] as Cell)}, TABLE_MAP ${show(want[k] as Cell)}`)
      })
      expect({ table: t.name, count: shape.columns.length }).toEqual({ table: t.name, count: t.table.columns.length })
      expect({ table: t.name, key: shape.primaryKey, prefixes: shape.primaryKeyPrefixes }).toEqual({
        table: t.name,
        key: t.table.primaryKey,
        prefixes: t.table.primaryKeyPrefixes,
      })
    }
    expect(problems).toEqual([])
  })

  test('the odd table has what it is meant to test', () => {
    const odd = capture.tables.find((t) => t.name === 'f_odd')!.table.columns
    expect(odd.find((c) => c.name === 'e')!.enumValues).toEqual([
      'a\\b',
      'tab\there',
      'nl\nx',
      "q'x",
      'dq"',
      'zero\0x',
      'cr\rx',
      'ctrl\x1a',
      'pct%',
      'ü',
    ])
    expect(odd.find((c) => c.name === 'hid')!.visible).toBe(flavor === 'mysql' ? false : true)
    const prefix = capture.tables.find((t) => t.name === 'k_prefix')!.table
    expect(prefix.primaryKey).toEqual([0, 1])
    expect(prefix.primaryKeyPrefixes[0]).toBeGreaterThan(0)
  })

  for (const withRegistry of [true, false]) {
    test(`SELECT values parse into the binlog's cells (${withRegistry ? "the server's collations" : 'built-in charset list'})`, async () => {
      const problems: string[] = []
      let compared = 0
      for (const t of capture.tables) {
        const charsets = withRegistry ? capture.charsets : undefined
        const { columns } = await describeSourceTable(query, capture.database, t.name)
        const key = t.table.primaryKey.length > 0 ? t.table.primaryKey : columns.map((_, i) => i)
        const order = key.map((i) => `\`${columns[i].name}\``).join(', ')
        const raw = await selectRaw(
          server,
          `SELECT ${snapshotSelectList(columns, charsets)} FROM \`${capture.database}\`.\`${t.name}\` ORDER BY ${order}`,
        )
        const parsed: Row[] = raw.map((r) => r.map((v, i) => parseSnapshotCell(v, columns[i], charsets)))
        if (t.table.primaryKey.length === 0) {
          // Keyless: the same multiset of rows; duplicates collapse in the binlog model, so compare hashes.
          const fromBinlog = new Set(t.rows.map(keyHash))
          expect({ table: t.name, hashes: [...new Set(parsed.map(keyHash))].sort() }).toEqual({
            table: t.name,
            hashes: [...fromBinlog].sort(),
          })
          continue
        }
        expect({ table: t.name, rows: parsed.length }).toEqual({ table: t.name, rows: t.rows.length })
        parsed.forEach((row, r) => {
          if (keyHash(row) !== keyHash(t.rows[r])) problems.push(`${t.name} row ${r}: key hashes differ`)
          row.forEach((cell, c) => {
            compared++
            const want: Cell = t.rows[r][c]
            if (
              !Bun.deepEquals(comparable(cell), comparable(want), true) ||
              (cell !== null && want !== null && Object.getPrototypeOf(cell) !== Object.getPrototypeOf(want))
            )
              problems.push(
                `${t.name} row ${r} ${columns[c].name}: snapshot ${show(cell)} (${cell?.constructor?.name}) vs binlog ${show(want)} (${want?.constructor?.name})`,
              )
          })
        })
      }
      expect(problems).toEqual([])
      expect(compared).toBeGreaterThan(400)
    })
  }
})
