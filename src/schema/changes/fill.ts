// What an added column holds in the rows that existed before ALTER TABLE ... ADD COLUMN: the
// server fills them without writing a single row event, so the copy must fill them the same way.

import { type ColumnDef, type ColumnFill, ColumnType, unhandledColumnType } from '../../model/index.ts'
import type { ColumnDefinition } from '../ddl/index.ts'

export function fillOf(def: ColumnDefinition, col: ColumnDef): ColumnFill {
  if (def.generated) return { kind: 'unknown', reason: 'generated column' }
  if (def.autoIncrement) return { kind: 'unknown', reason: 'AUTO_INCREMENT column' }
  const d = def.default
  if (d === null) return col.nullable ? { kind: 'null' } : implicitDefault(col)
  // The copy holds MariaDB's UUID and INET values as bytes, a DEFAULT says them as text.
  if (col.fixedBinaryType && d.kind !== 'null')
    return { kind: 'unknown', reason: `DEFAULT of a ${col.fixedBinaryType.toUpperCase()} column` }
  switch (d.kind) {
    case 'null':
      return { kind: 'null' }
    case 'string':
    case 'number':
      return { kind: 'value', raw: Buffer.from(d.value, 'utf8') }
    case 'boolean':
      return { kind: 'value', raw: Buffer.from(d.value ? '1' : '0') }
    default:
      return { kind: 'unknown', reason: `DEFAULT ${d.text}` }
  }
}

/** The value a NOT NULL column without DEFAULT gets (the type's implicit default). */
function implicitDefault(col: ColumnDef): ColumnFill {
  const frac = col.fsp > 0 ? '.' + '0'.repeat(col.fsp) : ''
  const text = (s: string): ColumnFill => ({ kind: 'value', raw: Buffer.from(s, 'utf8') })
  switch (col.type) {
    case ColumnType.TINY:
    case ColumnType.SHORT:
    case ColumnType.INT24:
    case ColumnType.LONG:
    case ColumnType.LONGLONG:
    case ColumnType.FLOAT:
    case ColumnType.DOUBLE:
    case ColumnType.NEWDECIMAL:
      return text('0')
    case ColumnType.YEAR:
      return text('0000')
    case ColumnType.BIT:
      return { kind: 'value', raw: Buffer.alloc((col.bits + 7) >> 3) }
    case ColumnType.DATE:
      return text('0000-00-00')
    case ColumnType.DATETIME:
    case ColumnType.DATETIME2:
    case ColumnType.TIMESTAMP:
    case ColumnType.TIMESTAMP2:
      return text(`0000-00-00 00:00:00${frac}`)
    case ColumnType.TIME:
    case ColumnType.TIME2:
      return text(`00:00:00${frac}`)
    case ColumnType.ENUM:
      return text(col.enumValues?.[0] ?? '')
    case ColumnType.SET:
    case ColumnType.VARCHAR:
    case ColumnType.VAR_STRING:
    case ColumnType.STRING:
    case ColumnType.BLOB:
    case ColumnType.TINY_BLOB:
    case ColumnType.MEDIUM_BLOB:
    case ColumnType.LONG_BLOB:
      return text('')
    case ColumnType.NEWDATE:
    case ColumnType.JSON:
    case ColumnType.GEOMETRY:
    case ColumnType.VECTOR:
    case ColumnType.NULL:
      return { kind: 'unknown', reason: 'no known implicit default for this type' }
  }
  return { kind: 'unknown', reason: `no known implicit default for type ${unhandledColumnType(col.type)}` }
}
