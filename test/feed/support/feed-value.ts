// What a consumer of the feed does with a JSON value: turns it back into the decoder's Cell by the
// column's type, following docs/change-feed.md. The type test compares the result with SELECT.

import { type Cell, type ColumnDef, ColumnType } from '../../../src/model/index.ts'

const BINARY_COLLATION = 63

function bytes(v: unknown, col: ColumnDef): Uint8Array {
  if (typeof v !== 'string') throw new Error(`${col.name}: expected base64 text, got ${JSON.stringify(v)}`)
  return new Uint8Array(Buffer.from(v, 'base64'))
}

export function cellFromFeed(v: unknown, col: ColumnDef): Cell {
  if (v === null) return null
  switch (col.type) {
    case ColumnType.LONGLONG:
    case ColumnType.BIT:
      if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new Error(`${col.name}: ${v} is a number beyond 2^53`)
      return BigInt(v as string | number)
    case ColumnType.DATETIME:
    case ColumnType.DATETIME2:
      return (v as string).replace('T', ' ')
    case ColumnType.TIMESTAMP:
    case ColumnType.TIMESTAMP2: {
      const s = v as string
      if (!s.endsWith('Z')) throw new Error(`${col.name}: a TIMESTAMP must end in Z, got ${s}`)
      return s.slice(0, -1).replace('T', ' ')
    }
    case ColumnType.GEOMETRY:
      return bytes(v, col)
    case ColumnType.STRING:
    case ColumnType.VARCHAR:
    case ColumnType.VAR_STRING:
    case ColumnType.TINY_BLOB:
    case ColumnType.MEDIUM_BLOB:
    case ColumnType.LONG_BLOB:
    case ColumnType.BLOB:
      return col.collation === BINARY_COLLATION ? bytes(v, col) : (v as string)
  }
  return v as Cell
}
