// A cell as JSON text that loses nothing: integers beyond 2^53 and decimals as strings, bytes as
// base64, dates and times as ISO 8601 text. The table in docs/change-feed.md documents each type.

import { type Cell, type ColumnDef, ColumnType } from '../../model/index.ts'
import { fixedBinaryText } from '../../binlog/index.ts'

/** Writes one cell (never undefined) as JSON text. */
export type JsonValueWriter = (cell: Exclude<Cell, undefined>) => string

const MAX_SAFE_TEXT = String(Number.MAX_SAFE_INTEGER)

/** A number as JSON: -0 keeps its sign; NaN and infinities (no MySQL type holds them) as strings. */
export function numberJson(n: number): string {
  if (Number.isFinite(n)) return n === 0 && 1 / n < 0 ? '-0' : String(n)
  return `"${n}"`
}

/** A 64-bit integer: a JSON number when a double holds it exactly, else a string of its digits. */
export function bigintJson(n: bigint): string {
  // Decided on the digits (cheaper than comparing bigints): up to 15 digits always fit, 16 digits
  // fit up to 9007199254740991 (same length: compared as text).
  const text = n.toString()
  const digits = text.charCodeAt(0) === 45 ? text.slice(1) : text
  const fits = digits.length < 16 || (digits.length === 16 && digits <= MAX_SAFE_TEXT)
  return fits ? text : `"${text}"`
}

export function bytesJson(b: Uint8Array): string {
  return `"${Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64')}"`
}

/** Any cell by its JavaScript type; temporal columns go through `temporalJson` first. */
export function cellJson(cell: Exclude<Cell, undefined>): string {
  if (cell === null) return 'null'
  switch (typeof cell) {
    case 'string':
      return JSON.stringify(cell)
    case 'number':
      return numberJson(cell)
    case 'bigint':
      return bigintJson(cell)
  }
  if (cell instanceof Uint8Array) return bytesJson(cell)
  // SET labels or VECTOR components.
  const items = cell as (string | number)[]
  let out = '['
  for (let i = 0; i < items.length; i++) {
    const v = items[i]
    out += (i ? ',' : '') + (typeof v === 'number' ? numberJson(v) : JSON.stringify(v))
  }
  return out + ']'
}

/** DATETIME "2024-02-29 12:34:56.789" → "2024-02-29T12:34:56.789"; TIMESTAMP (UTC) gets a "Z". */
function temporalWriter(utc: boolean): JsonValueWriter {
  return (cell) => {
    if (typeof cell !== 'string') return cellJson(cell)
    const space = cell.indexOf(' ')
    const iso = space < 0 ? cell : `${cell.slice(0, space)}T${cell.slice(space + 1)}`
    return `"${iso}${utc ? 'Z' : ''}"`
  }
}

const datetimeJson = temporalWriter(false)
const timestampJson = temporalWriter(true)

/** The writer for a column: by its type where the type matters, else by the cell's own type. */
export function jsonValueWriter(col: ColumnDef): JsonValueWriter {
  const fixed = col.fixedBinaryType
  if (fixed) return (cell) => (cell instanceof Uint8Array ? `"${fixedBinaryText(fixed, cell)}"` : cellJson(cell))
  switch (col.type) {
    case ColumnType.DATETIME:
    case ColumnType.DATETIME2:
      return datetimeJson
    case ColumnType.TIMESTAMP:
    case ColumnType.TIMESTAMP2:
      return timestampJson
  }
  return cellJson
}
