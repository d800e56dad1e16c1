// `_key UInt64` of tables without a primary key: a hash of the full row image. The binlog decoder
// and the snapshot reader produce equal cells for equal rows, so hashing a canonical encoding of
// the cells gives the same key whichever way the row arrived.

import { type Cell, JsonText, type Row } from '../../../model/index.ts'
import { RowBinaryWriter } from './writer.ts'

// Canonical encoding: per cell a tag byte, then the value (numbers as float64, bigints as their
// 64 low bits, strings as UTF-8 and bytes with a LEB128 length, arrays with a LEB128 count).
const NULL = 0
const MISSING = 1
const NUMBER = 2
const BIGINT = 3
const STRING = 4
const BYTES = 5
const LABELS = 6
const NUMBERS = 7

const scratch = new RowBinaryWriter(4096)

export function keyHash(row: Row): bigint {
  const w = scratch
  w.reset()
  for (let i = 0; i < row.length; i++) canonical(w, row[i])
  return Bun.hash.xxHash64(w.bytes())
}

function canonical(w: RowBinaryWriter, cell: Cell): void {
  if (cell === null) return w.u8(NULL)
  if (cell === undefined) return w.u8(MISSING)
  switch (typeof cell) {
    case 'number':
      w.u8(NUMBER)
      return w.f64(cell)
    case 'bigint':
      w.u8(BIGINT)
      return w.u64(BigInt.asUintN(64, cell))
    case 'string':
      w.u8(STRING)
      return w.string(cell)
  }
  if (cell instanceof Uint8Array) {
    w.u8(BYTES)
    return w.bytesString(cell)
  }
  if (cell instanceof JsonText) {
    // The bytes w.string() writes for its text: the same key as a copied row's string.
    w.u8(STRING)
    return w.bytesFrom(cell.buf, cell.start, cell.end)
  }
  const items = cell as (string | number)[]
  const labels = items.length === 0 || typeof items[0] === 'string'
  w.u8(labels ? LABELS : NUMBERS)
  w.varint(items.length)
  for (const v of items) {
    if (labels) w.string(v as string)
    else w.f64(v as number)
  }
}
