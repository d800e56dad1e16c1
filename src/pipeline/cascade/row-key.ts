// Cells as one comparable text: to match child rows to parent key values and to know a child row
// again when it comes up twice. Numbers and bigints of the same value are the same key, as
// ClickHouse compares them; a JSON document is its text however it is held.

import { type Cell, JsonText, type SourceTable } from '../../model/index.ts'

export function cellsKey(cells: readonly Cell[]): string {
  let s = ''
  for (const cell of cells) {
    const c = cell instanceof JsonText ? cell.toString() : cell
    if (c === null) s += 'N|'
    else if (c === undefined) s += 'U|'
    else if (typeof c === 'number' || typeof c === 'bigint') s += `n${String(c)}|`
    else if (typeof c === 'string') s += `s${c.length}:${c}|`
    else if (c instanceof Uint8Array) s += `x${Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('hex')}|`
    else s += `a${JSON.stringify(c)}|`
  }
  return s
}

/** Which row of the table this is: its primary key, or all of it for a keyless table. */
export function rowIdentity(table: SourceTable, row: readonly Cell[]): string {
  return table.primaryKey.length === 0 ? cellsKey(row) : cellsKey(table.primaryKey.map((i) => row[i]))
}

export function pick(row: readonly Cell[], columns: readonly number[]): Cell[] {
  return columns.map((i) => row[i])
}

/** Whether any cell is NULL or missing from the row image: such a key references nothing. */
export function hasNull(cells: readonly Cell[]): boolean {
  return cells.some((c) => c === null || c === undefined)
}
