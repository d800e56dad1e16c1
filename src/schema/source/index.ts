// Public face of source table descriptions: a table's columns from information_schema, as ColumnDefs.

export { describeSourceTable, type SourceQuery, type SourceTableShape } from './describe-table.ts'
export { parseLabels } from './column-type-text.ts'
export { SourceTableError } from './errors.ts'
