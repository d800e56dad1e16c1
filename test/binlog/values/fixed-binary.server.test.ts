// The text forms of MariaDB's UUID, INET6 and INET4 from their bytes (as the binlog carries
// them) against what the server itself prints for the same values.

import { afterAll, expect, test } from 'bun:test'
import { fixedBinaryText } from '../../../src/binlog/index.ts'
import { freshDatabase } from '../../support/servers.ts'

const { sql } = await freshDatabase('mariadb10', 't_fixed_binary_text')
afterAll(() => sql.end())

const UUIDS = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '123e4567-e89b-12d3-a456-426655440000',
  '01890a5d-ac96-774b-bcce-b302099a8057',
]

const INET6 = [
  '::',
  '::1',
  '::2',
  '::0.1.0.0',
  '::1.2.3.4',
  '::ffff:1.2.3.4',
  '::ffff:0.0.0.0',
  '1::',
  '2001:db8::1',
  '2001:db8:0:0:1:0:0:1',
  '2001:0:0:1:0:0:0:1',
  '1:0:0:2:0:0:3:4',
  'fe80::1:2:3:4',
  '1:2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7:0',
  '0:1:2:3:4:5:6:7',
  '::ffff:1:2',
  '64:ff9b::1.2.3.4',
  'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
  '0:0:0:0:0:1:0:0',
  '1:0::1',
]

const INET4 = ['0.0.0.0', '255.255.255.255', '10.0.0.1', '192.168.1.254']

test('UUID, INET6 and INET4 bytes print as the server prints them', async () => {
  await sql.query('CREATE TABLE v (id INT AUTO_INCREMENT PRIMARY KEY, u UUID, i6 INET6, i4 INET4)')
  const rows = [...UUIDS.map((u) => [u, null, null]), ...INET6.map((a) => [null, a, null]), ...INET4.map((a) => [null, null, a])]
  await sql.query('INSERT INTO v (u, i6, i4) VALUES ?', [rows])
  // MariaDB also makes UUIDs of its own (version 1, with the time fields it reorders in storage).
  await sql.query('INSERT INTO v (u) SELECT UUID() FROM seq_1_to_20')
  const [out] = await sql.query(
    'SELECT CAST(u AS BINARY) AS ub, u, CAST(i6 AS BINARY) AS i6b, i6, CAST(i4 AS BINARY) AS i4b, i4 FROM v ORDER BY id',
  )
  const problems: string[] = []
  let checked = 0
  for (const r of out as Record<string, Buffer | string | null>[]) {
    for (const [type, bytes, shown] of [
      ['uuid', r.ub, r.u],
      ['inet6', r.i6b, r.i6],
      ['inet4', r.i4b, r.i4],
    ] as const) {
      if (bytes === null) continue
      checked++
      const mine = fixedBinaryText(type, bytes as Buffer)
      if (mine !== String(shown)) problems.push(`${type} ${(bytes as Buffer).toString('hex')}: server ${shown}, chsync ${mine}`)
    }
  }
  expect(problems).toEqual([])
  expect(checked).toBe(UUIDS.length + INET6.length + INET4.length + 20)
})
