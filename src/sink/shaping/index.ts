// Public face of column shaping: what leaves chsync of each source table.

export { ColumnShaping, columnShaping } from './column-shaping.ts'
export { ShapedSink } from './shaped-sink.ts'
export { ShapedTargetRows } from './shaped-target-rows.ts'
