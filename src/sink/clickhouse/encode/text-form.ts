// The text form of any cell, for columns overridden to String: what SELECT prints where that is
// exact, JavaScript's shortest round-trip form for floating-point numbers.

import { type Cell, type ColumnDef, ColumnType, JsonText } from '../../../model/index.ts'
import { fixedBinaryText } from '../../../binlog/index.ts'

/** The shortest decimal that reads back as the same float32 (FLOAT cells are float32 values). */
export function float32Text(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0' : '0'
  if (!Number.isFinite(v)) return String(v)
  for (let p = 1; p < 9; p++) {
    const s = v.toPrecision(p)
    if (Math.fround(Number(s)) === v) return String(Number(s))
  }
  return String(Number(v.toPrecision(9)))
}

function float64Text(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v)
}

/** Text or bytes for a String column holding a value of `col`'s type. */
export function textForm(cell: Exclude<Cell, null | undefined>, col: ColumnDef): string | Uint8Array {
  if (cell instanceof Uint8Array && col.fixedBinaryType) return fixedBinaryText(col.fixedBinaryType, cell)
  if (typeof cell === 'string' || cell instanceof Uint8Array) return cell
  if (cell instanceof JsonText) return cell.bytes
  if (typeof cell === 'bigint') return String(cell)
  if (typeof cell === 'number') return col.type === ColumnType.FLOAT ? float32Text(cell) : float64Text(cell)
  if (col.type === ColumnType.VECTOR) return `[${(cell as number[]).map(float32Text).join(',')}]`
  return (cell as string[]).join(',')
}
