// Public face of verification: compare source tables with their ClickHouse copies, list what
// cannot be compared, and report.
export { isEqual, type TableVerdict, type VerifyContext, verifyTable } from './verify-table.ts'
export { type NotCompared, type SourcePlan, planSource } from './source-tables.ts'
export { type TargetOwner, targetOwner } from './target-owner.ts'
export { type Outcome, outcomeOf, verifyJson, verifyReport } from './report.ts'
