// Where a copy's chunk has got to: the rows handed to the sink so far and the key of the last one,
// kept as its packet and the offsets of the key's values (the row object is reused; the packet is
// not) and turned into a resume cursor only when asked, so a row costs a few integer copies.

import type { CharsetRegistry } from '../binlog/index.ts'
import type { ColumnDef, SourceTable } from '../model/index.ts'
import { decodesAsText } from '../source/index.ts'
import type { CursorValue } from './key-ranges.ts'
import type { TextRow } from './text-result.ts'

export class ChunkTrail {
  /** Rows of the chunk written to the sink. */
  count = 0
  private table: SourceTable | null = null
  private buf: Buffer | null = null
  private at = new Int32Array(0)

  constructor(private readonly charsets: CharsetRegistry) {}

  /** True once a row of a table without a primary key was noted: its scan has no resume point. */
  get keyless(): boolean {
    return this.table !== null && this.table.primaryKey.length === 0
  }

  /** The row (read with this shape) is in the sink. */
  note(table: SourceTable, row: TextRow): void {
    const pk = table.primaryKey
    if (this.table !== table) {
      this.table = table
      this.at = new Int32Array(pk.length * 2)
    }
    this.buf = row.buf
    for (let k = 0; k < pk.length; k++) {
      this.at[2 * k] = row.at[2 * pk[k]]
      this.at[2 * k + 1] = row.at[2 * pk[k] + 1]
    }
    this.count++
  }

  /** Starts over (a keyless scan read again from its beginning). */
  clear(): void {
    this.count = 0
  }

  /** The primary key of the last row noted, as a resume cursor (call when count > 0). */
  last(): CursorValue[] {
    const t = this.table!
    return t.primaryKey.map((c, k) => {
      const s = this.at[2 * k]
      return cursorValue(s < 0 ? null : this.buf!.subarray(s, this.at[2 * k + 1]), t.columns[c], this.charsets)
    })
  }
}

function cursorValue(raw: Buffer | null, col: ColumnDef, charsets: CharsetRegistry): CursorValue {
  if (raw === null) throw new Error(`primary key column ${col.name} is NULL`)
  return col.collation === undefined || decodesAsText(col, charsets) ? { s: raw.toString('utf8') } : { x: raw.toString('hex') }
}
