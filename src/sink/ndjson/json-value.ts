// A cell as JSON that loses nothing: integers beyond 2^53 and decimals as strings, bytes as
// base64, dates and times as ISO 8601 text. The table in docs/change-feed.md documents each type.
// The writers put the JSON straight into a line buffer (json-bytes.ts); the functions returning
// text are the same writers, for keys and messages.

import { type Cell, type ColumnDef, ColumnType, JsonText } from '../../model/index.ts'
import { fixedBinaryText } from '../../binlog/index.ts'
import { isAscii, writeAscii, writeBase64, writeBigint, writeNumber, writeQuotedText, writeString, writeUtf8String } from './json-bytes.ts'
import { LineBuffer } from './line-buffer.ts'

/** Writes one cell (never undefined) as JSON into a line buffer. */
export type JsonBytesWriter = (out: LineBuffer, cell: Exclude<Cell, undefined>) => void

/** Writes one cell (never undefined) as JSON text. */
export type JsonValueWriter = (cell: Exclude<Cell, undefined>) => string

/** Any cell by its JavaScript type; temporal columns go through their own writer first. */
function writeCell(out: LineBuffer, cell: Exclude<Cell, undefined>): void {
  if (cell === null) return writeAscii(out, 'null')
  switch (typeof cell) {
    case 'string':
      return writeString(out, cell)
    case 'number':
      return writeNumber(out, cell)
    case 'bigint':
      return writeBigint(out, cell)
  }
  if (cell instanceof Uint8Array) return writeBase64(out, cell)
  // A JSON document: the string of its text, as when it was one.
  if (cell instanceof JsonText) return writeUtf8String(out, cell.buf, cell.start, cell.end)
  // SET labels or VECTOR components.
  const items = cell as (string | number)[]
  writeAscii(out, '[')
  for (let i = 0; i < items.length; i++) {
    if (i) writeAscii(out, ',')
    const v = items[i]
    if (typeof v === 'number') writeNumber(out, v)
    else writeString(out, v)
  }
  writeAscii(out, ']')
}

const QUOTE = 0x22
const T = 0x54
const Z = 0x5a

/** DATETIME "2024-02-29 12:34:56.789" → "2024-02-29T12:34:56.789"; TIMESTAMP (UTC) gets a "Z". */
function temporalWriter(utc: boolean): JsonBytesWriter {
  return (out, cell) => {
    if (typeof cell !== 'string') return writeCell(out, cell)
    const space = cell.indexOf(' ')
    if (!isAscii(cell)) {
      const iso = space < 0 ? cell : `${cell.slice(0, space)}T${cell.slice(space + 1)}`
      return writeQuotedText(out, utc ? `${iso}Z` : iso)
    }
    const n = cell.length
    out.reserve(n + 3)
    const b = out.buf
    let p = out.pos
    b[p++] = QUOTE
    for (let i = 0; i < n; i++) b[p++] = i === space ? T : cell.charCodeAt(i)
    if (utc) b[p++] = Z
    b[p++] = QUOTE
    out.pos = p
  }
}

const datetimeBytes = temporalWriter(false)
const timestampBytes = temporalWriter(true)

/** The writer for a column: by its type where the type matters, else by the cell's own type. */
export function jsonBytesWriter(col: ColumnDef): JsonBytesWriter {
  const fixed = col.fixedBinaryType
  if (fixed) return (out, cell) => (cell instanceof Uint8Array ? writeQuotedText(out, fixedBinaryText(fixed, cell)) : writeCell(out, cell))
  switch (col.type) {
    case ColumnType.DATETIME:
    case ColumnType.DATETIME2:
      return datetimeBytes
    case ColumnType.TIMESTAMP:
    case ColumnType.TIMESTAMP2:
      return timestampBytes
  }
  return writeCell
}

const scratch = new LineBuffer(256)

/** What a writer puts into a line buffer, as text. */
function asText<T>(write: (out: LineBuffer, value: T) => void, value: T): string {
  scratch.pos = 0
  write(scratch, value)
  return scratch.buf.toString('utf8', 0, scratch.pos)
}

export const numberJson = (n: number): string => asText(writeNumber, n)
export const bigintJson = (n: bigint): string => asText(writeBigint, n)
export const cellJson: JsonValueWriter = (cell) => asText(writeCell, cell)

/** The text form of jsonBytesWriter(col). */
export function jsonValueWriter(col: ColumnDef): JsonValueWriter {
  const write = jsonBytesWriter(col)
  return (cell) => asText(write, cell)
}
