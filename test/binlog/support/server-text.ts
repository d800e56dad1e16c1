// Compares a decoded cell with the value the server itself returns for it in a text-protocol
// SELECT (raw bytes, no client-side conversion), by the column's type.

import mysql from 'mysql2/promise'
import { type Cell, type ColumnDef, ColumnType, JsonText } from '../../../src/model/index.ts'
import type { SourceOptions } from '../../../src/binlog/index.ts'
import { SOURCES, type TestServer } from '../../support/servers.ts'

/** Rows of `sql` with every value as the raw bytes the server sent (null for NULL). */
export async function selectRaw(server: TestServer, sql: string, on?: SourceOptions): Promise<(Buffer | null)[][]> {
  const o = on ?? SOURCES[server]
  const conn = await mysql.createConnection({
    host: o.host,
    port: o.port,
    user: o.user,
    password: o.password,
    charset: 'utf8mb4_general_ci',
    rowsAsArray: true,
    typeCast: (field) => field.buffer(),
  })
  try {
    await conn.query("SET time_zone = '+00:00'")
    const [rows] = await conn.query(sql)
    return rows as (Buffer | null)[][]
  } finally {
    await conn.end()
  }
}

/** A select list for `columns` whose text is exact for every type. */
export function selectColumns(columns: ColumnDef[]): string {
  return columns.map((c) => (c.type === ColumnType.FLOAT ? `CAST(\`${c.name}\` AS DOUBLE)` : `\`${c.name}\``)).join(', ')
}

/** Why `cell` differs from the server's `raw` text for column `col`, or null when they match. */
export function mismatch(cell: Cell, raw: Buffer | null, col: ColumnDef): string | null {
  if (raw === null) return cell === null ? null : `expected NULL, decoded ${show(cell)}`
  if (cell === null || cell === undefined) return `expected ${raw.toString('utf8')}, decoded ${show(cell)}`
  const text = raw.toString('utf8')
  switch (col.type) {
    case ColumnType.FLOAT:
      // Selected as CAST(... AS DOUBLE) (see selectColumns): MariaDB prints FLOAT with 6 digits only.
      return Number(text) === cell ? null : `float ${text} vs ${show(cell)}`
    case ColumnType.DOUBLE:
      return Number(text) === cell ? null : `double ${text} vs ${show(cell)}`
    case ColumnType.BIT: {
      const v = BigInt('0x' + (raw.toString('hex') || '0'))
      return v === cell ? null : `bit ${v} vs ${show(cell)}`
    }
    case ColumnType.YEAR:
      return Number(text) === cell ? null : `year ${text} vs ${show(cell)}`
    case ColumnType.SET:
      return Array.isArray(cell) && cell.join(',') === text ? null : `set ${text} vs ${show(cell)}`
    case ColumnType.VECTOR: {
      if (!Array.isArray(cell)) return `vector vs ${show(cell)}`
      const f = new Float32Array(cell as number[])
      return Buffer.from(f.buffer).equals(raw) ? null : `vector ${raw.toString('hex')} vs ${show(cell)}`
    }
  }
  if (cell instanceof Uint8Array)
    return Buffer.from(cell).equals(raw) ? null : `bytes ${raw.toString('hex')} vs ${Buffer.from(cell).toString('hex')}`
  if (typeof cell === 'string') return cell === text ? null : `${JSON.stringify(text)} vs ${JSON.stringify(cell)}`
  // A JSON document from MySQL's binlog: the bytes SELECT sent, byte for byte, and their text.
  if (cell instanceof JsonText)
    return Buffer.from(cell.bytes).equals(raw) && cell.toString() === text ? null : `json ${JSON.stringify(text)} vs ${show(cell)}`
  if (typeof cell === 'number' || typeof cell === 'bigint') return String(cell) === text ? null : `${text} vs ${show(cell)}`
  return `unexpected cell ${show(cell)}`
}

/** A cell as deep equality should see it: a JSON document by its bytes, not by the buffer around them. */
export function comparable(cell: Cell): unknown {
  return cell instanceof JsonText ? { json: Buffer.from(cell.bytes).toString('hex') } : cell
}

export function show(cell: Cell): string {
  if (cell instanceof Uint8Array) return `0x${Buffer.from(cell).toString('hex')}`
  return JSON.stringify(cell, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(cell)
}
