// Text in every Unicode charset arrives as text whatever collation the column has, the uca1400
// defaults of MariaDB 11 included: the collation ids come from the server, and a stream that meets
// an id it does not know asks the server again and decodes the event once more.

import { afterAll, describe, expect, test } from 'bun:test'
import { BinlogStream, CharsetRegistry, type CharsetSource, readCollationList, SourceConnection } from '../../src/binlog/index.ts'
import { SERVERS, SOURCES, flavorOf, freshDatabase, replicaServerId } from '../support/servers.ts'

/** utf8mb3 and ucs2 hold the Basic Multilingual Plane only. */
const textFor = (collation: string) => (/^(utf8mb3|ucs2)_/.test(collation) ? 'grüße €, ok' : 'grüße €, 😀 ok')
const CHARSETS = ['utf8mb4', 'utf8mb3', 'ucs2', 'utf16', 'utf16le', 'utf32']

const connections: SourceConnection[] = []
afterAll(() => connections.forEach((c) => c.close()))

describe.each(SERVERS)('%s', (server) => {
  const flavor = flavorOf(server)
  const open = async () => {
    const c = await SourceConnection.open(SOURCES[server])
    connections.push(c)
    return c
  }

  test('the server lists an id and a character set for every collation a column can have', async () => {
    const conn = await open()
    const list = new Map(await readCollationList((sql) => conn.query(sql), flavor))
    const rows = await conn.query<{ ID: number; CHARACTER_SET_NAME: string }>(
      'SELECT ID, CHARACTER_SET_NAME FROM information_schema.COLLATIONS WHERE ID IS NOT NULL',
    )
    for (const r of rows) expect(list.get(Number(r.ID))).toBe(r.CHARACTER_SET_NAME)
    if (server === 'mariadb11') {
      // The uca1400 collations COLLATIONS lists without an id: utf16_uca1400_ai_ci is 2816 here.
      const [uca] = await conn.query<{ ID: number; CHARACTER_SET_NAME: string }>(
        "SELECT ID, CHARACTER_SET_NAME FROM information_schema.COLLATION_CHARACTER_SET_APPLICABILITY WHERE FULL_COLLATION_NAME = 'utf16_uca1400_ai_ci'",
      )
      expect(list.get(Number(uca.ID))).toBe('utf16')
    }
  })

  test('columns of each Unicode charset in each of its collations decode as text, ids the stream lacked included', async () => {
    const conn = await open()
    const { name, sql } = await freshDatabase(server, 't_bin_collations')
    try {
      // Every collation of these charsets the server has, one column each (the uca1400 ones on 11.8).
      const collations = (
        await conn.query<{ n: string }>(
          `SELECT COLLATION_NAME AS n FROM information_schema.COLLATIONS WHERE CHARACTER_SET_NAME IN (${CHARSETS.map((c) => `'${c}'`).join(', ')}) AND ID IS NOT NULL ORDER BY ID`,
        )
      ).map((r) => r.n)
      if (server === 'mariadb11') {
        const [rows] = await sql.query(
          `SELECT FULL_COLLATION_NAME AS n FROM information_schema.COLLATION_CHARACTER_SET_APPLICABILITY WHERE COLLATION_NAME LIKE 'uca1400%' AND CHARACTER_SET_NAME IN (${CHARSETS.map((c) => `'${c}'`).join(', ')})`,
        )
        const uca = (rows as { n: string }[]).map((r) => r.n)
        expect(uca).toContain('utf32_uca1400_ai_ci')
        collations.push(...uca)
      }
      // InnoDB keeps a row within 8126 bytes: tables of 40 columns of up to 80 bytes each.
      const tables: string[][] = []
      for (let i = 0; i < collations.length; i += 40) tables.push(collations.slice(i, i + 40))
      const start = await conn.currentPosition(flavor)
      for (const [t, cols] of tables.entries()) {
        await sql.query(
          `CREATE TABLE c${t} (id INT PRIMARY KEY, ${cols.map((c, i) => `v${i} VARCHAR(20) COLLATE ${c}`).join(', ')}) CHARSET utf8mb4`,
        )
        await sql.query(`INSERT INTO c${t} VALUES (1, ${cols.map(() => '?').join(', ')})`, cols.map(textFor))
      }

      // The registry starts with the built-in ids only, as if the server had added the others since.
      const registry = new CharsetRegistry()
      const known = new Map(await readCollationList((q) => conn.query(q), flavor))
      let refreshes = 0
      const charsets: CharsetSource = {
        registry,
        refresh: async () => {
          refreshes++
          let added = false
          for (const [id, cs] of known)
            if (!registry.has(id)) {
              registry.add(id, cs)
              added = true
            }
          return added
        },
      }
      const info = await conn.serverInfo()
      const dump = await SourceConnection.open(SOURCES[server])
      const stream = await BinlogStream.open(
        dump,
        info,
        { file: start.file, offset: start.offset },
        { serverId: replicaServerId(), nonBlocking: true },
        charsets,
      )
      const seen = new Map<string, unknown[]>()
      for await (const ev of stream) {
        if (ev.body.kind === 'rows' && ev.body.table.database === name) seen.set(ev.body.table.table, ev.body.after![0])
      }
      stream.close()
      expect(refreshes).toBeGreaterThanOrEqual(1)
      const wrong: string[] = []
      for (const [t, cols] of tables.entries()) {
        const row = seen.get(`c${t}`)
        cols.forEach((c, i) => {
          if (row?.[i + 1] !== textFor(c)) wrong.push(`${c}: ${String(row?.[i + 1])}`)
        })
      }
      expect(wrong).toEqual([])
    } finally {
      await sql.query(`DROP DATABASE IF EXISTS \`${name}\``)
      await sql.end()
    }
  }, 60_000)
})
