// The values of a copy's SELECT: its select list, and each text-protocol value read as the binlog cell it equals.

export { snapshotSelectList, selectExpression, quoteIdentifier } from './select-list.ts'
export { parseSnapshotCell } from './parse-cell.ts'
export { decodesAsText } from './charset-choice.ts'
