// Rows of a target table read back as RowBinary, turned into the cells the binlog decoder gives
// for the source columns: the inverse of the column encoders (encode/column-encoder.ts), so that a
// row read back and written again is the same row. Values the encoders clamped come back clamped.

import { type Cell, ColumnType, type Row } from '../../../model/index.ts'
import type { CharsetRegistry } from '../../../binlog/index.ts'
import type { TargetColumn } from '../../../schema/types/index.ts'
import { dateText, datetimeText, timeText } from './temporal.ts'
import { cellFromTextForm } from './text-form.ts'
import { wktToGeometry } from './wkt-reader.ts'

/** A reader over one RowBinary buffer. */
export class RowBinaryReader {
  pos = 0

  constructor(readonly buf: Buffer) {}

  get done(): boolean {
    return this.pos >= this.buf.length
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length)
      throw new RangeError(`RowBinary ends inside a value (${n} bytes at ${this.pos} of ${this.buf.length})`)
  }

  u8(): number {
    this.need(1)
    return this.buf[this.pos++]
  }

  varint(): number {
    let v = 0
    for (let shift = 0; ; shift += 7) {
      const b = this.u8()
      v += (b & 0x7f) * 2 ** shift
      if ((b & 0x80) === 0) return v
    }
  }

  bytes(n: number): Buffer {
    this.need(n)
    const b = this.buf.subarray(this.pos, this.pos + n)
    this.pos += n
    return b
  }

  string(): Buffer {
    return this.bytes(this.varint())
  }

  /** A little-endian two's complement integer of `n` bytes. */
  signed(n: number): bigint {
    const b = this.bytes(n)
    let v = 0n
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i])
    return BigInt.asIntN(n * 8, v)
  }

  unsigned(n: number): bigint {
    return BigInt.asUintN(n * 8, this.signed(n))
  }
}

export type CellDecoder = (r: RowBinaryReader) => Cell

/** One decoder per column, for the columns as the target table holds them. */
export function compileDecoders(columns: readonly TargetColumn[], charsets: CharsetRegistry): CellDecoder[] {
  return columns.map((col) => {
    const value = valueDecoder(col, charsets)
    // SET and VECTOR are arrays, never Nullable: NULL was written as [].
    if (!col.nullable || col.kind === 'set' || col.kind === 'vector') return value
    return (r) => (r.u8() === 1 ? null : value(r))
  })
}

/** Every row of a RowBinary result. */
export function readRows(buf: Buffer, decoders: readonly CellDecoder[]): Row[] {
  const r = new RowBinaryReader(buf)
  const rows: Row[] = []
  while (!r.done) rows.push(decoders.map((d) => d(r)))
  return rows
}

/** Whether the binlog gives the source column's integers as bigint (BIGINT, BIT) rather than number. */
function bigintCells(col: TargetColumn): boolean {
  return col.source.type === ColumnType.LONGLONG || col.source.type === ColumnType.BIT
}

function valueDecoder(col: TargetColumn, charsets: CharsetRegistry): CellDecoder {
  const asText = charsets.get(col.source.collation).decode !== null
  const int = (n: number, signed: boolean): CellDecoder => {
    if (bigintCells(col)) return (r) => (signed ? r.signed(n) : r.unsigned(n))
    return (r) => Number(signed ? r.signed(n) : r.unsigned(n))
  }
  switch (col.kind) {
    case 'int8':
      return int(1, true)
    case 'uint8':
      return int(1, false)
    case 'int16':
      return int(2, true)
    case 'uint16':
      return int(2, false)
    case 'int32':
      return int(4, true)
    case 'uint32':
      return int(4, false)
    case 'int64':
      return int(8, true)
    case 'uint64':
      return int(8, false)
    case 'int128':
    case 'int256':
      return int(col.kind === 'int128' ? 16 : 32, true)
    case 'uint128':
    case 'uint256':
      return int(col.kind === 'uint128' ? 16 : 32, false)
    case 'bool':
      return (r) => r.u8()
    case 'float32':
      return (r) => r.bytes(4).readFloatLE(0)
    case 'float64':
      return (r) => r.bytes(8).readDoubleLE(0)
    case 'decimal': {
      const { scale, bytes } = col
      // A wider Decimal (an override) holds zeros past the source's scale: the binlog prints without them.
      const drop = col.source.type === ColumnType.NEWDECIMAL && col.source.scale < scale ? 10n ** BigInt(scale - col.source.scale) : 1n
      const printed = drop === 1n ? scale : col.source.scale
      return (r) => decimalText(r.signed(bytes) / drop, printed)
    }
    case 'date32':
      return (r) => dateText(Number(r.signed(4)))
    case 'datetime64':
      return (r) => datetimeText(r.signed(8), col.scale)
    case 'time64':
      return (r) => timeText(r.signed(8), col.scale)
    case 'string':
      // ENUM labels and MySQL's JSON text are text whatever the charset id says.
      if (asText || col.source.type === ColumnType.ENUM || col.source.type === ColumnType.JSON) return (r) => r.string().toString('utf8')
      return (r) => Uint8Array.from(r.string())
    case 'fixed':
      // Text written by the 'fixed' encoder: its padding is not part of it.
      return (r) => r.bytes(col.bytes).toString('utf8').replace(/\0+$/, '')
    case 'text':
      return (r) => cellFromTextForm(r.string(), col.source, asText)
    case 'wkt':
      return (r) => wktToGeometry(r.string().toString('utf8'))
    case 'set':
      return (r) => {
        const n = r.varint()
        const labels: string[] = []
        for (let i = 0; i < n; i++) labels.push(r.string().toString('utf8'))
        return labels
      }
    case 'vector':
      return (r) => {
        const n = r.varint()
        const values: number[] = []
        for (let i = 0; i < n; i++) values.push(r.bytes(4).readFloatLE(0))
        return values
      }
    case 'json':
      // Selected as toJSONString(column): ClickHouse's own text of the document.
      return (r) => r.string().toString('utf8')
    case 'uuid':
      return (r) => {
        const b = r.bytes(16)
        return Uint8Array.from([...b.subarray(0, 8).toReversed(), ...b.subarray(8, 16).toReversed()])
      }
    case 'ipv6':
      return (r) => Uint8Array.from(r.bytes(16))
    case 'ipv4':
      return (r) => {
        const v = r.bytes(4).readUInt32LE(0)
        return Uint8Array.from([v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff])
      }
  }
}

/** A Decimal's scaled integer as the binlog decoder prints DECIMAL: exactly `scale` fraction digits, no negative zero. */
export function decimalText(scaled: bigint, scale: number): string {
  const negative = scaled < 0n
  const digits = (negative ? -scaled : scaled).toString().padStart(scale + 1, '0')
  const text = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`
  return negative ? `-${text}` : text
}
