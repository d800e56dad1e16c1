// Public face of the ClickHouse sink.
export { ClickHouseSink, type ClickHouseSinkOptions } from './sink.ts'
export { type TargetNaming, type TargetTable, targetTable, createTableSql } from './target-table.ts'
export { ClickHouseTargetRows, type ClickHouseTargetRowsOptions } from './target-rows.ts'
export { clientLog } from './client-log.ts'
export { existingTarget } from './time-choice.ts'
export { keyHash } from './encode/key-hash.ts'
export { currentRowsFrom } from './history.ts'
