// [[target.layout]] on a table: which sorting keys and partitions fit its primary key, and the
// CREATE TABLE it gives (checked on the ClickHouse engine in test/replication/layout.server.test.ts).

import { describe, expect, test } from 'bun:test'
import { blankShape, type ColumnDef, columnDef, ColumnType, type ColumnTypeCode } from '../../src/model/index.ts'
import type { TableLayout } from '../../src/config/index.ts'
import { createTableSql, targetTable } from '../../src/sink/clickhouse/index.ts'
import { layoutProblem } from '../../src/sink/clickhouse/layout.ts'

const col = (index: number, name: string, type: ColumnTypeCode): ColumnDef => columnDef(index, name, blankShape(type))
const layout = (over: Partial<TableLayout>): TableLayout => ({
  tables: 'events',
  partitionBy: null,
  orderBy: null,
  ttl: null,
  settings: new Map(),
  indexes: [],
  codecs: new Map(),
  mode: 'replacing',
  ...over,
})
const naming = (l: TableLayout | null) => ({
  database: (db: string) => db,
  override: () => undefined,
  jsonType: 'String' as const,
  timeType: 'Time64' as const,
  cluster: null,
  layout: () => l,
})
const columns = [
  col(0, 'day', ColumnType.DATE),
  col(1, 'id', ColumnType.LONG),
  col(2, 'v', ColumnType.LONG),
  col(3, 'tenant id', ColumnType.LONG),
]
const keyed = (key: number[]) => targetTable({ database: 'd', table: 'events', columns, primaryKey: key }, naming(null))

describe('what fits the key', () => {
  test('the key columns in any order, inside functions, quoted or not', () => {
    expect(layoutProblem(keyed([0, 1]), layout({ orderBy: '(id, toStartOfMonth(day), day)', partitionBy: 'toYYYYMM(`day`)' }))).toBeNull()
    expect(layoutProblem(keyed([3, 1]), layout({ orderBy: '(`tenant id`, id)', partitionBy: 'intDiv(`tenant id`, 100)' }))).toBeNull()
    // Function names and text are not columns.
    expect(layoutProblem(keyed([1]), layout({ orderBy: '(id)', partitionBy: "if(id > 0, 'v', 'day')" }))).toBeNull()
  })
  test('a key column left out, or another column named, is refused with why', () => {
    expect(layoutProblem(keyed([0, 1]), layout({ orderBy: '(id)' }))).toBe(
      '[[target.layout]] for "events": order_by "(id)" leaves out the primary key column day: different rows would merge into one',
    )
    expect(layoutProblem(keyed([1]), layout({ partitionBy: 'v % 10' }))).toBe(
      '[[target.layout]] for "events": partition_by "v % 10" names v, not in the primary key (id): a row whose v changes would be kept twice',
    )
    expect(layoutProblem(keyed([]), layout({ partitionBy: 'day' }))).toContain('the table has no primary key')
    expect(
      layoutProblem(keyed([]), layout({ ttl: 'day + INTERVAL 1 YEAR', settings: new Map([['index_granularity', '1024']]) })),
    ).toBeNull()
  })
})

test('CREATE TABLE with the whole layout, clauses in ClickHouse order, CODEC after COMMENT', () => {
  const l = layout({
    partitionBy: 'toYYYYMM(day)',
    orderBy: '(day, id)',
    ttl: 'day + INTERVAL 1 YEAR',
    settings: new Map([
      ['index_granularity', '4096'],
      ['storage_policy', "'hot'"],
    ]),
    indexes: ['INDEX ix_v v TYPE minmax GRANULARITY 4'],
    codecs: new Map([['v', 'Delta, ZSTD']]),
  })
  const t = targetTable({ database: 'd', table: 'events', columns: columns.slice(0, 3), primaryKey: [0, 1] }, naming(l))
  expect(createTableSql(t, naming(l), 'chsync o t')).toBe(
    'CREATE TABLE IF NOT EXISTS `d`.`events` (\n' +
      "  `day` Date32 COMMENT 'chsync',\n  `id` Int32 COMMENT 'chsync',\n  `v` Int32 COMMENT 'chsync' CODEC(Delta, ZSTD),\n" +
      "  `_version` UInt64 COMMENT 'chsync',\n  `_is_deleted` UInt8 COMMENT 'chsync',\n  INDEX ix_v v TYPE minmax GRANULARITY 4\n" +
      ') ENGINE = ReplacingMergeTree(_version, _is_deleted)\nPARTITION BY toYYYYMM(day)\nORDER BY (day, id)\nTTL day + INTERVAL 1 YEAR\n' +
      "SETTINGS index_granularity = 4096, storage_policy = 'hot'\nCOMMENT 'chsync o t'",
  )
})

test('a history table with a layout: its order_by, then _version; the partitioning as given', () => {
  const l = layout({ mode: 'history', partitionBy: 'toYYYYMM(day)', orderBy: '(day, id)' })
  const t = targetTable({ database: 'd', table: 'events', columns: columns.slice(0, 3), primaryKey: [0, 1] }, naming(l))
  expect(t.history).toBe(true)
  expect(createTableSql(t, naming(l), 'chsync o t')).toEndWith(
    ") ENGINE = ReplacingMergeTree()\nPARTITION BY toYYYYMM(day)\nORDER BY (day, id, _version)\nCOMMENT 'chsync o t'",
  )
})
