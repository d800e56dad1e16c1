// A String column that holds another type's values (a type override): its text back to the cell
// the binlog gives for the source column, the inverse of encode/text-form.ts.

import { type Cell, type ColumnDef, ColumnType, columnTypeName, unhandledColumnType } from '../../../model/index.ts'

export class TextFormError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TextFormError'
  }
}

/**
 * `bytes` as written for `col`; `asText` says whether the source column's cells are text (its
 * charset decodes) rather than bytes.
 */
export function cellFromTextForm(bytes: Uint8Array, col: ColumnDef, asText: boolean): Cell {
  const text = () => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
  if (col.fixedBinaryType !== undefined) return fixedBinaryBytes(col.fixedBinaryType, text())
  switch (col.type) {
    case ColumnType.TINY:
    case ColumnType.SHORT:
    case ColumnType.INT24:
    case ColumnType.LONG:
    case ColumnType.YEAR:
    case ColumnType.DOUBLE:
      return Number(text())
    case ColumnType.FLOAT:
      return Math.fround(Number(text()))
    case ColumnType.LONGLONG:
    case ColumnType.BIT:
      return BigInt(text())
    case ColumnType.SET: {
      const t = text()
      return t === '' ? [] : t.split(',')
    }
    case ColumnType.VECTOR: {
      const t = text()
      return t === '[]'
        ? []
        : t
            .slice(1, -1)
            .split(',')
            .map((v) => Math.fround(Number(v)))
    }
    case ColumnType.GEOMETRY:
      return bytes
    // DECIMAL, temporal, JSON and ENUM cells are text.
    case ColumnType.NEWDECIMAL:
    case ColumnType.JSON:
    case ColumnType.ENUM:
    case ColumnType.DATE:
    case ColumnType.NEWDATE:
    case ColumnType.DATETIME:
    case ColumnType.DATETIME2:
    case ColumnType.TIMESTAMP:
    case ColumnType.TIMESTAMP2:
    case ColumnType.TIME:
    case ColumnType.TIME2:
      return text()
    // Character columns: text or bytes by charset.
    case ColumnType.VARCHAR:
    case ColumnType.VAR_STRING:
    case ColumnType.STRING:
    case ColumnType.TINY_BLOB:
    case ColumnType.MEDIUM_BLOB:
    case ColumnType.LONG_BLOB:
    case ColumnType.BLOB:
    case ColumnType.NULL:
      return asText ? text() : bytes
  }
  throw new TextFormError(`type ${columnTypeName(unhandledColumnType(col.type))} has no text form`)
}

/** MariaDB's UUID, INET6 and INET4 from their text form to the bytes the binlog carries. */
export function fixedBinaryBytes(type: 'uuid' | 'inet6' | 'inet4', text: string): Uint8Array {
  switch (type) {
    case 'uuid': {
      const hex = text.replaceAll('-', '')
      if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new TextFormError(`not a UUID: ${JSON.stringify(text)}`)
      return Uint8Array.from(Buffer.from(hex, 'hex'))
    }
    case 'inet4':
      return inet4(text)
    case 'inet6':
      return inet6(text)
  }
}

function inet4(text: string): Uint8Array {
  const parts = text.split('.')
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255))
    throw new TextFormError(`not an IPv4 address: ${JSON.stringify(text)}`)
  return Uint8Array.from(parts.map(Number))
}

/** Groups of hex, one "::" for a run of zero groups, an IPv4 address as the last 32 bits. */
function inet6(text: string): Uint8Array {
  const bad = () => new TextFormError(`not an IPv6 address: ${JSON.stringify(text)}`)
  const out = new Uint8Array(16)
  let tail = text
  let v4: Uint8Array | null = null
  const lastColon = text.lastIndexOf(':')
  if (text.slice(lastColon + 1).includes('.')) {
    v4 = inet4(text.slice(lastColon + 1))
    tail = text.slice(0, lastColon + 1) + '0:0'
  }
  const halves = tail.split('::')
  if (halves.length > 2) throw bad()
  const groups = (s: string) =>
    s === ''
      ? []
      : s.split(':').map((g) => {
          if (!/^[0-9a-fA-F]{1,4}$/.test(g)) throw bad()
          return parseInt(g, 16)
        })
  const head = groups(halves[0])
  const rest = halves.length === 2 ? groups(halves[1]) : []
  if (halves.length === 1 ? head.length !== 8 : head.length + rest.length > 7) throw bad()
  const words = [...head, ...new Array(8 - head.length - rest.length).fill(0), ...rest]
  words.forEach((w, i) => {
    out[2 * i] = w >> 8
    out[2 * i + 1] = w & 0xff
  })
  if (v4 !== null) out.set(v4, 12)
  return out
}
