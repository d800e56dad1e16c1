// Schema changes from DDL: what a parsed statement does to the tracked source tables (the model's
// SchemaChange), with each column described as TABLE_MAP describes it.

export type { SchemaContext } from './context.ts'
export { effectivePrimaryKey } from './tracked-table.ts'
export { CollationCatalog, collationsQuery, readCollationCatalog, type Collation, type CollationRow } from './collations.ts'
export { columnDefFromAst, type ColumnCharsetDefaults } from './column-def.ts'
export { schemaChanges } from './schema-changes.ts'
export { applyChanges } from './apply.ts'
export { SchemaChangeError, type SchemaChangeErrorCode } from './errors.ts'
export { fillOf } from './fill.ts'
