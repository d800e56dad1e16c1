// A row of tens of MB written on the source, and what both sides say of it (length and SHA-256), for
// the test that big values replicate exactly and the streaming bench's big-row case.

import type mysql from 'mysql2/promise'

/** max_allowed_packet the big-row cases need: a 60 MB value in one statement and one binlog event, with room. */
export const BIG_PACKET_BYTES = 128 * 1024 * 1024

/**
 * Raises the server's max_allowed_packet to `bytes` when it is lower (never lowers it: the servers
 * are shared); connections opened afterwards see it, so call it before chsync connects. The
 * session's own value is read-only: `sql` gets a new connection's worth only through `reconnect`.
 */
export async function allowPackets(sql: mysql.Connection, bytes = BIG_PACKET_BYTES): Promise<void> {
  const [[row]] = (await sql.query('SELECT @@global.max_allowed_packet AS m')) as unknown as [{ m: string | number }[]]
  if (Number(row!.m) < bytes) await sql.query(`SET GLOBAL max_allowed_packet = ${bytes}`)
}

/** Digits 0-9 as a derived table named `a`. */
const digits = (a: string) =>
  `(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) ${a}`

/**
 * An expression of `bytes` bytes (a multiple of 64, at most 64 MB) that differ along the value: the
 * SHA-256 hex of salt0, salt1, salt2, ... Built by the server, so no client packet of that size is
 * needed (the session needs group_concat_max_len, see groupConcatFor); `salt` makes values differ.
 */
export function bigValueSql(bytes: number, salt: string): string {
  if (bytes % 64 !== 0 || bytes > 64_000_000) throw new Error(`bigValueSql: ${bytes} is not a multiple of 64 up to 64 MB`)
  const n = 'a.d + 10 * b.d + 100 * c.d + 1000 * d.d + 10000 * e.d + 100000 * f.d'
  return `(SELECT GROUP_CONCAT(SHA2(CONCAT('${salt}', n), 256) ORDER BY n SEPARATOR '') FROM (SELECT ${n} AS n FROM ${['a', 'b', 'c', 'd', 'e', 'f'].map(digits).join(', ')}) nums WHERE n < ${bytes / 64})`
}

/** SET SESSION so that GROUP_CONCAT can build a value of `bytes`. */
export function groupConcatFor(bytes: number): string {
  return `SET SESSION group_concat_max_len = ${bytes}`
}
