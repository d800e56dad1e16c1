// CONVERT TO CHARACTER SET on a column TABLE_MAP already describes.

import {
  BINARY_COLLATION,
  type BinlogShape,
  blankShape,
  blob,
  BLOB_MAX_BYTES,
  blobPackLength,
  type ColumnDef,
  ColumnType,
  fixedString,
  isCharacterType,
  isEnumOrSet,
  variableString,
} from '../../model/index.ts'
import type { Collation } from './collations.ts'

/**
 * A text column after CONVERT TO CHARACTER SET: it keeps its number of characters, so CHAR and
 * VARCHAR byte lengths scale with the widest character, a VARCHAR past 65535 bytes becomes a
 * TEXT type, and a TEXT type grows to the smallest one holding as many characters as before
 * (latin1 TEXT → utf8mb4 MEDIUMTEXT); ENUM and SET only change collation.
 */
export function convertedColumn(column: ColumnDef, from: Collation, to: Collation): ColumnDef {
  const shape = blankShape(column.type)
  const chars = (bytes: number) => Math.floor(bytes / from.maxLength)
  let converted: BinlogShape
  switch (column.type) {
    case ColumnType.STRING:
      converted = fixedString(shape, chars(column.length) * to.maxLength, to.id)
      break
    case ColumnType.VARCHAR:
      converted = variableString(shape, chars(column.length) * to.maxLength, to.id)
      break
    case ColumnType.BLOB:
      converted = blob(shape, convertedPackLength(column, from, to), to.id)
      break
    default:
      return { ...column, collation: to.id }
  }
  return { ...column, ...converted, nullable: column.nullable, unsigned: column.unsigned }
}

/** The TEXT length-prefix size holding, in `to`, as many characters as `column` holds in `from`. */
export function convertedPackLength(column: ColumnDef, from: Collation, to: Collation): number {
  const bytes = column.type === ColumnType.BLOB ? (BLOB_MAX_BYTES[column.length] ?? BLOB_MAX_BYTES[4]) : column.length
  return blobPackLength(Math.floor(bytes / from.maxLength) * to.maxLength)
}

/** Whether a ColumnDef holds text in a character set (so CONVERT TO CHARACTER SET changes it). */
export function holdsText(column: ColumnDef): boolean {
  if (column.collation === undefined || column.collation === BINARY_COLLATION) return false
  return isCharacterType(column.type) || isEnumOrSet(column.type)
}
