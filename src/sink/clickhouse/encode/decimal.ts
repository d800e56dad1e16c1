// DECIMAL text ("-12.50", exactly as the binlog decoder or SELECT gives it) to ClickHouse's
// Decimal(P, S): the value times 10^S as a two's complement integer of 4, 8, 16 or 32 bytes.
// Values below 2^53 (the common case) are scaled with plain numbers; wider ones with BigInt.

import type { Cell } from '../../../model/index.ts'
import type { TargetColumn } from '../../../schema/types/index.ts'
import { EncodeError, describeCell } from './errors.ts'
import type { RowBinaryWriter } from './writer.ts'

const POW10 = Array.from({ length: 77 }, (_, i) => 10 ** i)
const MAX_SAFE = Number.MAX_SAFE_INTEGER

export function decimalEncoder(col: TargetColumn): (w: RowBinaryWriter, cell: Cell) => void {
  const { name, scale, bytes } = col
  const intLimit = col.precision - scale
  const bad = (cell: Cell, why: string) => new EncodeError(name, `${why}, got ${describeCell(cell)}`)
  return (w, cell) => {
    if (typeof cell !== 'string') throw bad(cell, 'expected DECIMAL text')
    const n = cell.length
    let i = 0
    const neg = cell.charCodeAt(0) === 45
    if (neg) i = 1
    let v = 0
    let intDigits = 0
    let fracDigits = -1
    let digits = 0
    for (; i < n; i++) {
      const c = cell.charCodeAt(i)
      if (c === 46) {
        if (fracDigits >= 0) throw bad(cell, 'expected DECIMAL text')
        fracDigits = 0
        continue
      }
      const d = c - 48
      if (d < 0 || d > 9) throw bad(cell, 'expected DECIMAL text')
      v = v * 10 + d
      digits++
      if (fracDigits >= 0) fracDigits++
      else if (v !== 0) intDigits++
    }
    if (digits === 0 || fracDigits === 0) throw bad(cell, 'expected DECIMAL text')
    if (fracDigits < 0) fracDigits = 0
    if (fracDigits > scale) throw bad(cell, `more than ${scale} fraction digits`)
    if (intDigits > intLimit) throw bad(cell, `more than ${intLimit} integer digits`)
    const scaled = v * POW10[scale - fracDigits]
    if (scaled <= MAX_SAFE) {
      // Every partial sum was below the final one, so all of them were exact.
      const s = neg ? -scaled : scaled
      if (bytes === 4) w.u32(s)
      else if (bytes === 8) w.i64n(s)
      else w.wideN(s, bytes)
      return
    }
    let big = BigInt(cell.replace('-', '').replace('.', '')) * 10n ** BigInt(scale - fracDigits)
    if (neg) big = -big
    if (bytes === 8) w.i64(big)
    else w.wide(big, bytes)
  }
}
