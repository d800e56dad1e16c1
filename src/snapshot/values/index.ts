// Public face of snapshot values: the select list of a snapshot SELECT and its values as binlog cells.

export { snapshotSelectList, selectExpression, quoteIdentifier } from './select-list.ts'
export { parseSnapshotCell } from './parse-cell.ts'
export { decodesAsText } from './charset-choice.ts'
