// The live servers the copy and streaming benchmarks use (test/servers/up starts them), and a
// plain session on a source for writing bench data.

import mysql from 'mysql2/promise'
import type { Flavor, SourceOptions } from '../../src/binlog/index.ts'
import { CLICKHOUSE_URL, SOURCES, serverOf } from '../../test/support/servers.ts'

export { CLICKHOUSE_URL, SOURCES, serverOf }

/** Brings the test servers up (idempotent); throws when they cannot start. */
export function serversUp(): void {
  const up = Bun.spawnSync(['bash', `${import.meta.dir}/../../test/servers/up`], { stdout: 'inherit', stderr: 'inherit' })
  if (up.exitCode !== 0) throw new Error('test/servers/up failed')
}

export type Session = mysql.Connection

/** A session as chsync's account, UTC, utf8mb4, several statements per query allowed. */
export async function sourceSession(flavor: Flavor, database?: string): Promise<Session> {
  const o: SourceOptions = SOURCES[serverOf(flavor)]
  const conn = await mysql.createConnection({
    host: o.host,
    port: o.port,
    user: o.user,
    password: o.password,
    database,
    multipleStatements: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    charset: 'utf8mb4_general_ci',
  })
  await conn.query("SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES'")
  return conn
}

/** The source's end of binlog: the file and offset the next transaction starts at. */
export async function binlogEnd(sql: Session, flavor: Flavor): Promise<{ file: string; offset: number }> {
  const [rows] = await sql.query(flavor === 'mysql' ? 'SHOW BINARY LOG STATUS' : 'SHOW MASTER STATUS')
  const r = (rows as { File: string; Position: string | number }[])[0]
  if (!r) throw new Error(`${flavor}: binary logging is off`)
  return { file: r.File, offset: Number(r.Position) }
}

/** Bytes of binlog from `start` to `end`, across file rotations (the files must still be there). */
export async function binlogBytesBetween(
  sql: Session,
  start: { file: string; offset: number },
  end: { file: string; offset: number },
): Promise<number> {
  const [logs] = await sql.query('SHOW BINARY LOGS')
  let bytes = 0
  for (const r of logs as { Log_name: string; File_size: string | number }[]) {
    const f = r.Log_name
    if (f < start.file || f > end.file) continue
    bytes += (f === end.file ? end.offset : Number(r.File_size)) - (f === start.file ? start.offset : 0)
  }
  return bytes
}
