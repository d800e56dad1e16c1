// The error encoding raises: a cell that does not fit what its column's mapping expects.

import { JsonText } from '../../../model/index.ts'

export class EncodeError extends Error {
  readonly code = 'encode'

  constructor(
    /** The column whose value could not be written. */
    readonly column: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`column ${column}: ${reason}`, options)
    this.name = 'EncodeError'
  }
}

/** A short, printable picture of a cell for error messages. */
export function describeCell(cell: unknown): string {
  if (cell === null) return 'NULL'
  if (cell === undefined) return 'a missing value (the row image lacks the column: binlog_row_image must be FULL)'
  if (cell instanceof Uint8Array) return `${cell.length} bytes`
  if (typeof cell === 'bigint') return `bigint ${cell}`
  if (cell instanceof JsonText) return describeCell(cell.toString())
  const text = JSON.stringify(cell) ?? String(cell)
  return `${typeof cell} ${text.length > 80 ? text.slice(0, 77) + '...' : text}`
}
