// MariaDB's own column types end to end: UUID, INET6 and INET4 (bytes in the binlog, text in a
// SELECT) become ClickHouse's UUID, IPv6 and IPv4, and COMPRESSED columns arrive uncompressed,
// through the copy, the stream (a UUID primary key that changes included), DDL and `verify`.

import { afterEach, expect, test } from 'bun:test'
import { ReplicationContext } from './support/context.ts'

let ctx: ReplicationContext | null = null
afterEach(async () => {
  await ctx?.close()
  ctx = null
})

test('UUID, INET6, INET4 and COMPRESSED columns: copy, stream, DDL, verify', async () => {
  ctx = await ReplicationContext.open('mariadb10', 't_rep_maria_types')
  const { sql } = ctx
  await sql.query('CREATE TABLE ids (u UUID PRIMARY KEY, i6 INET6 NOT NULL, i4 INET4, z VARCHAR(300) COMPRESSED, zb MEDIUMBLOB COMPRESSED)')
  await sql.query('CREATE TABLE seen (i6 INET6, i4 INET4, note TEXT COMPRESSED)')
  await sql.query(`INSERT INTO ids VALUES
    ('123e4567-e89b-12d3-a456-426655440000', '2001:db8::1', '10.0.0.1', REPEAT('compressible ', 20), REPEAT(x'00ff', 40000)),
    ('00000000-0000-0000-0000-000000000000', '::', '0.0.0.0', '', ''),
    ('ffffffff-ffff-ffff-ffff-ffffffffffff', '::ffff:192.168.1.1', NULL, 'short', NULL)`)
  await sql.query(
    "INSERT INTO ids (u, i6, i4, z) SELECT UUID(), CONCAT('fe80::', HEX(seq)), CONCAT('10.1.', seq DIV 256, '.', seq % 256), REPEAT(seq, 50) FROM seq_1_to_500",
  )
  await sql.query("INSERT INTO seen VALUES ('1:0:0:2::3', '1.2.3.4', REPEAT('n', 500)), (NULL, NULL, NULL)")
  ctx.start()
  await ctx.waitEqual()

  await sql.query(`INSERT INTO ids VALUES (UUID(), '::1.2.3.4', '255.255.255.255', REPEAT('ü', 250), RANDOM_BYTES(2000))`)
  await sql.query("UPDATE ids SET i6 = '1:2:3:4:5:6:7:0', z = REPEAT('x', 299) WHERE u = '123e4567-e89b-12d3-a456-426655440000'")
  await sql.query("UPDATE ids SET u = '01890a5d-ac96-774b-bcce-b302099a8057' WHERE u = '00000000-0000-0000-0000-000000000000'")
  await sql.query("DELETE FROM ids WHERE i4 LIKE '10.1.0.%'")
  await sql.query("UPDATE seen SET note = REPEAT('m', 1000), i4 = '9.9.9.9' WHERE i4 = '1.2.3.4'")
  await ctx.waitEqual()

  await sql.query('ALTER TABLE ids ADD COLUMN origin UUID NULL AFTER u, ADD COLUMN t TINYTEXT COMPRESSED')
  await sql.query("UPDATE ids SET origin = UUID(), t = REPEAT('t', 200) WHERE i4 LIKE '10.1.1.%'")
  await sql.query('CREATE TABLE later (a INET4 PRIMARY KEY, b TEXT COMPRESSED)')
  await sql.query("INSERT INTO later VALUES ('1.1.1.1', REPEAT('later ', 100)), ('8.8.8.8', 'x')")
  await ctx.waitEqual()

  const types = await ctx.ch.query({
    query: `SELECT name, type FROM system.columns WHERE database = '${ctx.db}' AND table = 'ids' ORDER BY position`,
    format: 'JSONEachRow',
  })
  expect(((await types.json()) as { name: string; type: string }[]).slice(0, 6)).toEqual([
    { name: 'u', type: 'UUID' },
    { name: 'origin', type: 'Nullable(UUID)' },
    { name: 'i6', type: 'IPv6' },
    { name: 'i4', type: 'Nullable(IPv4)' },
    { name: 'z', type: 'Nullable(String)' },
    { name: 'zb', type: 'Nullable(String)' },
  ])
  const { code, out } = await ctx.cli('verify', '--retries', '0', '--chunk-rows', '100')
  expect({ code, out }).toMatchObject({ code: 0 })
  expect(out).toContain('ids')
  expect(await ctx.stop()).toBe(0)
}, 120_000)
