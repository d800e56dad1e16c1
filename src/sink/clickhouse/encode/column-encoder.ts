// One RowBinary encoder per target column: `(writer, cell) => void`, chosen once per table from
// the column's mapping, so writing a value is a direct call with no type dispatch.

import { type Cell, JsonText } from '../../../model/index.ts'
import type { TargetColumn } from '../../../schema/types/index.ts'
import { ClampCounter } from './clamp.ts'
import { decimalEncoder } from './decimal.ts'
import { EncodeError, describeCell } from './errors.ts'
import { date32Encoder, datetime64Encoder, time64Encoder } from './temporal.ts'
import { textForm } from './text-form.ts'
import { geometryToWkt } from './wkt.ts'
import { CHUNK_BYTES, type RowBinaryWriter } from './writer.ts'

export type Encoder = (w: RowBinaryWriter, cell: Cell) => void

// RowBinary of ClickHouse's UUID (two UInt64, each little-endian: the text's bytes 7..0, then
// 15..8), IPv6 (network order, as it is) and IPv4 (a UInt32, little-endian) from MariaDB's bytes.
const FIXED_BINARY_WRITERS = {
  uuid: (w: RowBinaryWriter, b: Uint8Array) => {
    w.raw(b.subarray(0, 8).toReversed())
    w.raw(b.subarray(8, 16).toReversed())
  },
  ipv6: (w: RowBinaryWriter, b: Uint8Array) => w.raw(b),
  ipv4: (w: RowBinaryWriter, b: Uint8Array) => w.u32(((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0),
}

/** How a column writes NULL: a Nullable byte, not at all (refused), or its value encoder does (arrays). */
export enum NullForm {
  Nullable = 0,
  Refused = 1,
  InValue = 2,
}

/** A column's value encoder (non-NULL cells) and how it writes NULL: what a row's encoding loops over. */
export interface ColumnParts {
  name: string
  value: Encoder
  nulls: NullForm
}

export function columnParts(col: TargetColumn, clamps: ClampCounter = new ClampCounter()): ColumnParts {
  // SET and VECTOR columns are arrays, which ClickHouse cannot make Nullable: NULL is [].
  const nulls = col.kind === 'set' || col.kind === 'vector' ? NullForm.InValue : col.nullable ? NullForm.Nullable : NullForm.Refused
  return { name: col.name, value: valueEncoder(col, clamps), nulls }
}

/** The error for a NULL or missing cell the column cannot write. */
export function nullCellError(name: string, cell: null | undefined): EncodeError {
  return cell === null
    ? new EncodeError(name, 'NULL in a column that is NOT NULL at the source')
    : new EncodeError(name, describeCell(undefined))
}

export function columnEncoder(col: TargetColumn, clamps: ClampCounter = new ClampCounter()): Encoder {
  const { name, value, nulls } = columnParts(col, clamps)
  if (nulls === NullForm.InValue) return value
  const nullable = nulls === NullForm.Nullable
  return (w, cell) => {
    if (cell === null || cell === undefined) {
      if (cell === null && nullable) return w.u8(1)
      throw nullCellError(name, cell)
    }
    if (nullable) w.u8(0)
    value(w, cell)
  }
}

const OPEN_BRACE = 0x7b

/** A JSON document's bytes as a String: copied from where they lie, or a large one kept by reference (see bytesString). */
function writeJsonText(w: RowBinaryWriter, doc: JsonText): void {
  if (doc.end - doc.start < CHUNK_BYTES) w.bytesFrom(doc.buf, doc.start, doc.end)
  else w.bytesString(doc.bytes)
}

/** The first code of a text that is not a space, tab, CR or LF (NaN when there is none). */
function firstNonBlank(length: number, codeAt: (i: number) => number): number {
  for (let i = 0; i < length; i++) {
    const c = codeAt(i)
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return c
  }
  return Number.NaN
}

function valueEncoder(col: TargetColumn, clamps: ClampCounter): Encoder {
  const name = col.name
  const bad = (what: string, cell: Cell) => new EncodeError(name, `expected ${what}, got ${describeCell(cell)}`)
  const notObject = (cell: Cell) => new EncodeError(name, `ClickHouse's JSON type holds objects only, got ${describeCell(cell)}`)
  const int = (cell: Cell): number => {
    if (typeof cell === 'number') return cell
    if (typeof cell === 'bigint') return Number(cell)
    throw bad('a number', cell)
  }
  const big = (cell: Cell): bigint => {
    if (typeof cell === 'bigint') return cell
    if (typeof cell === 'number') return BigInt(cell)
    throw bad('a number', cell)
  }
  switch (col.kind) {
    case 'int8':
    case 'uint8':
      return (w, cell) => w.u8(int(cell))
    case 'int16':
    case 'uint16':
      return (w, cell) => w.u16(int(cell))
    case 'int32':
    case 'uint32':
      return (w, cell) => w.u32(int(cell))
    case 'int64':
      return (w, cell) => (typeof cell === 'number' ? w.i64n(cell) : w.i64(big(cell)))
    case 'uint64':
      return (w, cell) => (typeof cell === 'number' ? w.i64n(cell) : w.u64(big(cell)))
    case 'int128':
    case 'uint128':
    case 'int256':
    case 'uint256': {
      const bytes = col.kind.endsWith('128') ? 16 : 32
      return (w, cell) => (typeof cell === 'number' ? w.wideN(cell, bytes) : w.wide(big(cell), bytes))
    }
    case 'bool':
      return (w, cell) => w.u8(int(cell) !== 0 ? 1 : 0)
    case 'float32':
      return (w, cell) => w.f32(int(cell))
    case 'float64':
      return (w, cell) => w.f64(int(cell))
    case 'decimal':
      return decimalEncoder(col)
    case 'date32':
      return date32Encoder(col, clamps)
    case 'datetime64':
      return datetime64Encoder(col, clamps)
    case 'time64':
      return time64Encoder(col)
    case 'string':
      return (w, cell) => {
        if (typeof cell === 'string') w.string(cell)
        else if (cell instanceof Uint8Array) w.bytesString(cell)
        else if (cell instanceof JsonText) writeJsonText(w, cell)
        else throw bad('a string', cell)
      }
    case 'fixed': {
      // FixedString(n) on the wire: exactly n bytes, no length; shorter text is padded with 0x00.
      const n = col.bytes
      return (w, cell) => {
        if (typeof cell !== 'string' && !(cell instanceof Uint8Array)) throw bad('text', cell)
        const b = typeof cell === 'string' ? Buffer.from(cell, 'utf8') : cell
        if (b.length > n) throw bad(`at most ${n} bytes`, cell)
        w.raw(b)
        if (b.length < n) w.raw(new Uint8Array(n - b.length))
      }
    }
    case 'text': {
      const source = col.source
      return (w, cell) => {
        const t = textForm(cell!, source)
        if (typeof t === 'string') w.string(t)
        else w.bytesString(t)
      }
    }
    case 'wkt':
      return (w, cell) => {
        if (!(cell instanceof Uint8Array)) throw bad('GEOMETRY bytes', cell)
        let text: string
        try {
          text = geometryToWkt(cell)
        } catch (err) {
          throw new EncodeError(name, `GEOMETRY value is not valid WKB: ${(err as Error).message}`, { cause: err })
        }
        w.string(text)
      }
    case 'set':
      return (w, cell) => {
        if (cell === null) return w.u8(0)
        if (!Array.isArray(cell)) throw bad('SET labels', cell)
        w.varint(cell.length)
        for (let i = 0; i < cell.length; i++) w.string(cell[i] as string)
      }
    case 'vector':
      return (w, cell) => {
        if (cell === null) return w.u8(0)
        if (!Array.isArray(cell)) throw bad('VECTOR components', cell)
        w.varint(cell.length)
        for (let i = 0; i < cell.length; i++) w.f32(cell[i] as number)
      }
    case 'uuid':
    case 'ipv6':
    case 'ipv4': {
      const size = col.kind === 'ipv4' ? 4 : 16
      const write = FIXED_BINARY_WRITERS[col.kind]
      return (w, cell) => {
        if (!(cell instanceof Uint8Array) || cell.length !== size) throw bad(`${size} bytes`, cell)
        write(w, cell)
      }
    }
    case 'json':
      return (w, cell) => {
        // ClickHouse's JSON type holds objects only; anything else would fail the whole insert.
        if (typeof cell === 'string') {
          if (firstNonBlank(cell.length, (i) => cell.charCodeAt(i)) !== OPEN_BRACE) throw notObject(cell)
          w.string(cell)
        } else if (cell instanceof JsonText) {
          const { buf, start } = cell
          if (firstNonBlank(cell.end - start, (i) => buf[start + i]) !== OPEN_BRACE) throw notObject(cell)
          writeJsonText(w, cell)
        } else throw bad('JSON text', cell)
      }
  }
}
