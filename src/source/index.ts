// Public face of what talks to the source outside the binlog stream: connection options from the
// configuration, and a copy's SELECT whose text-protocol values read as the binlog's cells.

export { sourceOptions } from './source-options.ts'
export { decodesAsText, parseSnapshotCell, quoteIdentifier, selectExpression, snapshotSelectList } from './values/index.ts'
