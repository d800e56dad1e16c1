// Public face of verification: compare source tables with their ClickHouse copies.
export { isEqual, type TableVerdict, type VerifyContext, verifyTable } from './verify-table.ts'
