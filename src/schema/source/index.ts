// Public face of source table descriptions: a table's columns (as ColumnDefs) and foreign keys from information_schema.

export { describeSourceTable, type SourceQuery, type SourceTableShape } from './describe-table.ts'
export { describeAllForeignKeys, describeForeignKeys } from './foreign-keys.ts'
export { parseLabels } from './column-type-text.ts'
export { SourceTableError } from './errors.ts'
