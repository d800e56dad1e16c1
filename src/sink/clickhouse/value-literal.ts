// A source value as an exact ClickHouse expression of its column's type: the DEFAULT that fills the
// rows already there when a column is added with a value the source filled in.

import type { TargetColumn } from '../../schema/types/index.ts'
import { parseSnapshotCell } from '../../source/index.ts'
import { ClampCounter, RowBinaryWriter, columnEncoder } from './encode/index.ts'
import { literal } from './ownership.ts'
import type { ClickHouseServer } from './server.ts'

/**
 * Encoded like any row value, read back as text through the format() table function and cast
 * again. null when the value does not encode (the caller copies the table instead).
 */
export async function valueLiteral(server: ClickHouseServer, col: TargetColumn, raw: Buffer): Promise<string | null> {
  let bytes: Buffer
  try {
    const w = new RowBinaryWriter(256)
    columnEncoder(col, new ClampCounter())(w, parseSnapshotCell(raw, col.source))
    bytes = Buffer.from(w.bytes())
  } catch {
    return null
  }
  const data = [...bytes].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')
  const [row] = await server.query<{ h: string }>(
    `SELECT hex(toString(v)) AS h FROM format(RowBinary, ${literal(`v ${col.type}`)}, '${data}')`,
  )
  return `CAST(unhex('${row.h}') AS ${col.type})`
}
