// A cell as a ClickHouse constant of its target column's type, for `WHERE (columns) IN (...)`.
// The cell goes through the column's encoder and back first, so that it is compared as stored
// (a clamped date as the date written); text and bytes travel as unhex() and never need escaping.

import type { Cell } from '../../../model/index.ts'
import { type CharsetRegistry, fixedBinaryText } from '../../../binlog/index.ts'
import type { TargetColumn } from '../../../schema/types/index.ts'
import { ClampCounter, RowBinaryWriter, columnEncoder } from '../encode/index.ts'
import { type CellDecoder, RowBinaryReader, compileDecoders } from './row-reader.ts'

export class LiteralError extends Error {
  constructor(column: string, why: string) {
    super(`column ${column}: ${why}`)
    this.name = 'LiteralError'
  }
}

/** Makes constants for one column; null cells have none (NULL never equals anything). */
export function literalMaker(col: TargetColumn, charsets: CharsetRegistry): (cell: Exclude<Cell, null | undefined>) => string {
  const encode = columnEncoder(col, new ClampCounter())
  const [decode] = compileDecoders([col], charsets) as [CellDecoder]
  const w = new RowBinaryWriter(256)
  const canonical = (cell: Cell): Cell => {
    w.reset()
    encode(w, cell)
    return decode(new RowBinaryReader(Buffer.from(w.bytes())))
  }
  if (col.kind === 'string' || col.kind === 'text') {
    // The bytes as stored: a String column compares bytes, and an overridden column holds text forms.
    return (cell) => {
      w.reset()
      encode(w, cell)
      const r = new RowBinaryReader(Buffer.from(w.bytes()))
      if (col.nullable) r.u8()
      return `unhex('${r.string().toString('hex')}')`
    }
  }
  return (cell) => constant(col, canonical(cell))
}

function float(v: number): string {
  if (Number.isNaN(v)) return 'nan'
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf'
  return Object.is(v, -0) ? '-0.' : String(v)
}

function constant(col: TargetColumn, cell: Cell): string {
  switch (col.kind) {
    case 'int8':
    case 'uint8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'uint32':
    case 'int64':
    case 'uint64':
    case 'int128':
    case 'uint128':
    case 'int256':
    case 'uint256':
    case 'bool':
      return String(cell)
    case 'float32':
      return `toFloat32(${float(cell as number)})`
    case 'float64':
      return float(cell as number)
    case 'decimal':
      return `CAST('${cell as string}' AS Decimal(${col.precision}, ${col.scale}))`
    case 'date32':
      return `toDate32('${cell as string}')`
    case 'datetime64':
      return `toDateTime64('${cell as string}', ${col.scale}, 'UTC')`
    case 'time64':
      return `CAST('${cell as string}' AS Time64(${col.scale}))`
    case 'uuid':
      return `toUUID('${fixedBinaryText('uuid', cell as Uint8Array)}')`
    case 'ipv6':
      return `toIPv6('${fixedBinaryText('inet6', cell as Uint8Array)}')`
    case 'ipv4':
      return `toIPv4('${fixedBinaryText('inet4', cell as Uint8Array)}')`
    case 'string':
    case 'text':
    case 'fixed':
      // Made from the stored bytes above (fixed: the text; ClickHouse pads the constant as it did the value).
      return `unhex('${Buffer.from(cell instanceof Uint8Array ? cell : String(cell)).toString('hex')}')`
    case 'wkt':
    case 'json':
    case 'set':
    case 'vector':
      throw new LiteralError(col.name, `a ${col.kind} column cannot hold a foreign key`)
  }
}
