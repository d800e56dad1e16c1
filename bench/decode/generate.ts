// Writes the workload to one server and records the binlog range it took, in a marker table, so
// later runs reuse the data instead of writing it again.

import mysql from 'mysql2/promise'
import { type BenchRange, type BinlogPoint, rangeBytes } from './range.ts'
import { type BenchServer, DATABASE, MARIADB_READER_SQL, TABLE } from './servers.ts'
import { CREATE_NUMBERS_SQL, createTableSql, fillNumbersSql, transactionSql, transactionsFor } from './workload.ts'

const MARKER = 'bench_range'

type Session = mysql.Connection

async function open(server: BenchServer): Promise<Session> {
  const o = server.admin
  const conn = await mysql.createConnection({
    host: o.host,
    port: o.port,
    user: o.user,
    password: o.password,
    multipleStatements: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    charset: 'utf8mb4_general_ci',
  })
  await conn.query("SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES'")
  return conn
}

async function position(sql: Session, server: BenchServer): Promise<BinlogPoint> {
  const [rows] = await sql.query(server.flavor === 'mysql' ? 'SHOW BINARY LOG STATUS' : 'SHOW MASTER STATUS')
  const r = (rows as { File: string; Position: string | number }[])[0]
  if (!r) throw new Error(`${server.name}: binary logging is off`)
  return { file: r.File, offset: Number(r.Position) }
}

async function binlogSizes(sql: Session): Promise<Map<string, number>> {
  const [rows] = await sql.query('SHOW BINARY LOGS')
  return new Map((rows as { Log_name: string; File_size: string | number }[]).map((r) => [r.Log_name, Number(r.File_size)]))
}

/** The recorded range, if it is there for `rows` row changes and its binlog files still are. */
async function recorded(sql: Session, server: BenchServer, rows: number): Promise<BenchRange | null> {
  const [tables] = await sql.query(`SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?`, [DATABASE, MARKER])
  if ((tables as unknown[]).length === 0) return null
  const [found] = await sql.query(`SELECT * FROM ${DATABASE}.${MARKER} WHERE requested = ?`, [rows])
  const m = (found as Record<string, string | number>[])[0]
  if (!m) return null
  const range: BenchRange = {
    flavor: server.flavor,
    requested: Number(m.requested),
    start: { file: String(m.start_file), offset: Number(m.start_offset) },
    end: { file: String(m.end_file), offset: Number(m.end_offset) },
    bytes: Number(m.bytes),
    inserts: Number(m.inserts),
    updates: Number(m.updates),
    deletes: Number(m.deletes),
  }
  const sizes = await binlogSizes(sql)
  if (!sizes.has(range.start.file) || !sizes.has(range.end.file)) return null
  if (rangeBytes(range.start, range.end, sizes) !== range.bytes) return null
  return range
}

export interface GenerateOptions {
  rows: number
  regenerate: boolean
  log: (line: string) => void
}

/** The range to read on `server` (the recorded one, or a freshly written one) and the server's version. */
export async function ensureRange(server: BenchServer, opts: GenerateOptions): Promise<{ range: BenchRange; version: string }> {
  const sql = await open(server)
  try {
    const [v] = await sql.query('SELECT VERSION() AS version')
    const version = (v as { version: string }[])[0].version
    if (server.flavor === 'mariadb') for (const s of MARIADB_READER_SQL) await sql.query(s)
    if (!opts.regenerate) {
      const range = await recorded(sql, server, opts.rows)
      if (range) {
        opts.log(`${server.name}: reusing ${range.start.file}:${range.start.offset} .. ${range.end.file}:${range.end.offset}`)
        return { range, version }
      }
    }
    return { range: await generate(sql, server, opts), version }
  } finally {
    await sql.end()
  }
}

async function generate(sql: Session, server: BenchServer, opts: GenerateOptions): Promise<BenchRange> {
  const began = performance.now()
  // The marker table stays: ranges recorded for other row counts remain valid in the binlog.
  await sql.query(`CREATE DATABASE IF NOT EXISTS ${DATABASE} CHARACTER SET utf8mb4`)
  await sql.query(`USE ${DATABASE}`)
  await sql.query(`DROP TABLE IF EXISTS ${TABLE}, numbers`)
  await sql.query(CREATE_NUMBERS_SQL)
  await sql.query(fillNumbersSql())
  await sql.query(createTableSql(server.flavor))

  const start = await position(sql, server)
  let inserts = 0
  let updates = 0
  let deletes = 0
  const count = transactionsFor(opts.rows)
  for (let k = 0; k < count; k++) {
    const tx = transactionSql(k)
    await sql.query(tx.sql)
    inserts += tx.inserts
    updates += tx.updates
    deletes += tx.deletes
  }
  const end = await position(sql, server)
  const bytes = rangeBytes(start, end, await binlogSizes(sql))

  await sql.query(`CREATE TABLE IF NOT EXISTS ${MARKER} (
    requested INT NOT NULL PRIMARY KEY, start_file VARCHAR(255) NOT NULL, start_offset BIGINT NOT NULL,
    end_file VARCHAR(255) NOT NULL, end_offset BIGINT NOT NULL, bytes BIGINT NOT NULL,
    inserts INT NOT NULL, updates INT NOT NULL, deletes INT NOT NULL, written_at DATETIME NOT NULL)`)
  await sql.query(`REPLACE INTO ${MARKER} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())`, [
    opts.rows,
    start.file,
    start.offset,
    end.file,
    end.offset,
    bytes,
    inserts,
    updates,
    deletes,
  ])
  const seconds = (performance.now() - began) / 1000
  opts.log(
    `${server.name}: wrote ${inserts + updates + deletes} row changes in ${count} transactions, ` +
      `${(bytes / 1e6).toFixed(1)} MB of binlog, in ${seconds.toFixed(1)} s`,
  )
  return { flavor: server.flavor, requested: opts.rows, start, end, bytes, inserts, updates, deletes }
}
