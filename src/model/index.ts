// Public face of the shared model: what every layer speaks in. Source columns and their types, the
// values of a row, source tables and their shape, the changes that flow from the source to a sink.
// It imports nothing else of the project.

export {
  ColumnType,
  type ColumnTypeCode,
  columnTypeName,
  isCharacterType,
  isColumnTypeCode,
  isEnumOrSet,
  isNumericType,
  unhandledColumnType,
} from './column-type.ts'
export {
  BINARY_COLLATION,
  BLOB_MAX_BYTES,
  blankShape,
  blob,
  blobPackLength,
  columnDef,
  fixedString,
  labelled,
  numeric,
  spatial,
  temporal,
  typed,
  variableString,
  withLength,
  type BinlogShape,
  type ColumnDef,
  type FixedBinaryType,
} from './column-def.ts'
export type { Cell, Row } from './cell.ts'
export { JsonText } from './json-text.ts'
export { isUtf8 } from './utf8.ts'
export { type SourceTable, parseTableName, splitTableKey, tableKey, tableName } from './source-table.ts'
export type { ReferentialAction, TrackedForeignKey, TrackedKey, TrackedKeyPart, TrackedTable } from './tracked-table.ts'
export { sameShape, withCatalogTypes } from './table-shape.ts'
export type { ColumnFill, ColumnPlacement, SchemaChange, SchemaChangeKind, TableName } from './schema-change.ts'
export type { ChangeKind, DdlChange, RowChange } from './change.ts'
export { ShapeChangedError } from './errors.ts'
