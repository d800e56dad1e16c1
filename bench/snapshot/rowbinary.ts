// The bench table's rows as ClickHouse will store them, pre-encoded once in RowBinary with
// chsync's own encoders (the target table chsync creates, every row with `_version` 1 and
// `_is_deleted` 0), kept in a file with a JSON note of its row offsets, and reused while the table is.

import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import mysql from 'mysql2'
import type { Flavor } from '../../src/binlog/index.ts'
import type { SourceTable } from '../../src/model/index.ts'
import { describeSourceTable } from '../../src/schema/source/index.ts'
import { RowBinaryWriter, RowEncoder } from '../../src/sink/clickhouse/encode/index.ts'
import { type TargetTable, targetTable } from '../../src/sink/clickhouse/target-table.ts'
import { parseSnapshotCell, snapshotSelectList } from '../../src/source/index.ts'
import { SOURCES, serverOf, sourceSession } from '../support/servers.ts'

/** The offsets list holds where every INDEX_STEP-th row starts. */
export const INDEX_STEP = 10_000

export interface EncodedTable {
  /** RowBinary of every row, in key order. */
  dataPath: string
  rows: number
  bytes: number
  /** Byte offsets of rows 0, INDEX_STEP, 2 * INDEX_STEP, …, and the end. */
  offsets: number[]
}

export const naming = {
  database: (db: string) => db,
  override: () => undefined,
  jsonType: 'String' as const,
  timeType: 'Time64' as const,
  cluster: null,
}

/** The source table as chsync describes it. */
export async function sourceTable(flavor: Flavor, database: string, table: string): Promise<SourceTable> {
  const sql = await sourceSession(flavor)
  try {
    const query = async (text: string, params: string[]) => (await sql.query(text, params))[0] as Record<string, unknown>[]
    const shape = await describeSourceTable(query, database, table)
    return { database, table, columns: shape.columns, primaryKey: shape.primaryKey }
  } finally {
    await sql.end()
  }
}

/** The RowBinary file of the table, written now when `stamp` (what identifies the data) has none. */
export async function encodedTable(
  flavor: Flavor,
  source: SourceTable,
  stamp: string,
  dir: string,
  log: (line: string) => void,
): Promise<EncodedTable> {
  mkdirSync(dir, { recursive: true })
  const dataPath = join(dir, `${stamp}.rowbinary`)
  const metaPath = join(dir, `${stamp}.json`)
  if (existsSync(dataPath) && existsSync(metaPath)) {
    const meta = (await Bun.file(metaPath).json()) as EncodedTable
    if (Bun.file(dataPath).size === meta.bytes) return { ...meta, dataPath }
  }
  const began = performance.now()
  const encoded = await encode(flavor, source, targetTable(source, naming), `${dataPath}.tmp`)
  renameSync(`${dataPath}.tmp`, dataPath)
  await Bun.write(metaPath, JSON.stringify(encoded))
  log(
    `encoded ${encoded.rows.toLocaleString('en-US')} rows into ${(encoded.bytes / 1e6).toFixed(0)} MB of RowBinary in ${((performance.now() - began) / 1000).toFixed(1)} s (${dataPath})`,
  )
  return { ...encoded, dataPath }
}

async function encode(flavor: Flavor, source: SourceTable, target: TargetTable, dataPath: string): Promise<Omit<EncodedTable, 'dataPath'>> {
  const o = SOURCES[serverOf(flavor)]
  const conn = mysql.createConnection({
    host: o.host,
    port: o.port,
    user: o.user,
    password: o.password ?? '',
    charset: 'utf8mb4_general_ci',
    rowsAsArray: true,
    typeCast: (f) => f.buffer(),
  })
  await conn.promise().query("SET time_zone = '+00:00'")
  const out = Bun.file(dataPath).writer({ highWaterMark: 1 << 24 })
  const encoder = new RowEncoder(target.columns)
  const w = new RowBinaryWriter(1 << 22)
  const offsets: number[] = []
  const cols = source.columns
  let rows = 0
  let written = 0
  const key = source.primaryKey.map((i) => `\`${cols[i].name}\``).join(', ')
  await new Promise<void>((resolve, reject) => {
    const stream = conn
      .query(`SELECT ${snapshotSelectList(cols)} FROM \`${source.database}\`.\`${source.table}\` ORDER BY ${key}`)
      .stream({ highWaterMark: 256 })
    stream.on('data', (raw: (Buffer | null)[]) => {
      if (rows % INDEX_STEP === 0) offsets.push(written + w.length)
      const row = raw.map((v, i) => parseSnapshotCell(v, cols[i]))
      encoder.encode(w, row, 1n, false)
      rows++
      if (w.length > 1 << 21) {
        written += w.length
        out.write(w.take())
      }
    })
    stream.on('error', reject)
    stream.on('end', () => resolve())
  })
  conn.destroy()
  written += w.length
  out.write(w.take())
  await out.end()
  offsets.push(written)
  return { rows, bytes: written, offsets }
}
