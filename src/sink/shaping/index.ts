// Public face of column shaping: what leaves chsync of each source table.

export { ColumnExclusion } from './column-exclusion.ts'
export { ShapedSink } from './shaped-sink.ts'
export { ShapedTargetRows } from './shaped-target-rows.ts'
