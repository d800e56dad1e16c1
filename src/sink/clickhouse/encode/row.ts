// A row of a replicated table in RowBinary: the table's columns in order, then `_version UInt64`
// and `_is_deleted UInt8` (and `_key UInt64` before them for tables without a primary key).

import type { Row } from '../../../model/index.ts'
import type { TargetColumn } from '../../../schema/types/index.ts'
import { ClampCounter } from './clamp.ts'
import { type Encoder, columnEncoder } from './column-encoder.ts'
import { EncodeError } from './errors.ts'
import type { RowBinaryWriter } from './writer.ts'

export function compileEncoders(columns: readonly TargetColumn[], clamps: ClampCounter = new ClampCounter()): Encoder[] {
  return columns.map((c) => columnEncoder(c, clamps))
}

/**
 * Appends one row. `key` is the `_key` column of keyless tables (see keyHash). A value that cannot
 * be encoded throws EncodeError and leaves the writer as it was before the row.
 */
export function encodeRow(
  w: RowBinaryWriter,
  encoders: readonly Encoder[],
  row: Row,
  version: bigint,
  deleted: boolean,
  key?: bigint,
): void {
  const n = encoders.length
  if (row.length !== n) throw new EncodeError('*', `row has ${row.length} values for ${n} columns`)
  const start = w.length
  try {
    for (let i = 0; i < n; i++) encoders[i](w, row[i])
    if (key !== undefined) w.u64(key)
    w.u64(version)
    w.u8(deleted ? 1 : 0)
  } catch (err) {
    w.truncate(start)
    throw err
  }
}

/** A table's encoders and the counter of values they clamped. */
export class RowEncoder {
  readonly encoders: Encoder[]
  readonly clamps: ClampCounter

  constructor(
    readonly columns: readonly TargetColumn[],
    clamps: ClampCounter = new ClampCounter(),
  ) {
    this.clamps = clamps
    this.encoders = compileEncoders(columns, clamps)
  }

  encode(w: RowBinaryWriter, row: Row, version: bigint, deleted: boolean, key?: bigint): void {
    encodeRow(w, this.encoders, row, version, deleted, key)
  }
}
