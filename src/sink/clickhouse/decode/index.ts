// Reading the target's rows back as the binlog's cells: RowBinary decoders per target column, and
// key values as ClickHouse constants.

export { RowBinaryReader, compileDecoders, readRows, decimalText, type CellDecoder } from './row-reader.ts'
export { literalMaker, LiteralError } from './literal.ts'
export { wktToGeometry, WktError } from './wkt-reader.ts'
export { cellFromTextForm, fixedBinaryBytes, TextFormError } from './text-form.ts'
export { dateText, datetimeText, timeText } from './temporal.ts'
