// A row of a replicated table in RowBinary: the table's columns in order, then `_version UInt64`
// and `_is_deleted UInt8` (and `_key UInt64` before them for tables without a primary key).

import type { Row } from '../../../model/index.ts'
import type { TargetColumn } from '../../../schema/types/index.ts'
import { ClampCounter } from './clamp.ts'
import { type Encoder, NullForm, columnParts, nullCellError } from './column-encoder.ts'
import { EncodeError } from './errors.ts'
import type { RowBinaryWriter } from './writer.ts'

/**
 * A table's column encoders and the counter of values they clamped. A row is one loop over the
 * columns that writes the Nullable byte itself and calls each value's encoder directly: no
 * per-cell wrapper for NULL handling.
 */
export class RowEncoder {
  readonly clamps: ClampCounter
  private readonly names: string[]
  private readonly values: Encoder[]
  private readonly nulls: NullForm[]

  constructor(
    readonly columns: readonly TargetColumn[],
    clamps: ClampCounter = new ClampCounter(),
  ) {
    this.clamps = clamps
    const parts = columns.map((c) => columnParts(c, clamps))
    this.names = parts.map((p) => p.name)
    this.values = parts.map((p) => p.value)
    this.nulls = parts.map((p) => p.nulls)
  }

  /**
   * Appends one row. `key` is the `_key` column of keyless tables (see keyHash). A value that
   * cannot be encoded throws EncodeError and leaves the writer as it was before the row.
   */
  encode(w: RowBinaryWriter, row: Row, version: bigint, deleted: boolean, key?: bigint): void {
    const { values, nulls } = this
    const n = values.length
    if (row.length !== n) throw new EncodeError('*', `row has ${row.length} values for ${n} columns`)
    const start = w.length
    try {
      for (let i = 0; i < n; i++) {
        const cell = row[i]
        const form = nulls[i]
        if (form === NullForm.InValue) values[i](w, cell)
        else if (cell === null || cell === undefined) {
          if (cell === null && form === NullForm.Nullable) w.u8(1)
          else throw nullCellError(this.names[i], cell)
        } else {
          if (form === NullForm.Nullable) w.u8(0)
          values[i](w, cell)
        }
      }
      if (key !== undefined) w.u64(key)
      w.u64(version)
      w.u8(deleted ? 1 : 0)
    } catch (err) {
      w.truncate(start)
      throw err
    }
  }
}
