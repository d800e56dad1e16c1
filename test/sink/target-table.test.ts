// The DDL chsync sends to ClickHouse for a table: engine, key, system columns, ON CLUSTER, and
// the marks that say chsync made the table and its columns.

import { expect, test } from 'bun:test'
import { blankShape, type ColumnDef, columnDef, ColumnType, type ColumnTypeCode } from '../../src/model/index.ts'
import { createTableSql, targetTable } from '../../src/sink/clickhouse/index.ts'

function col(index: number, name: string, type: ColumnTypeCode, nullable = false): ColumnDef {
  return columnDef(index, name, blankShape(type), nullable)
}

const naming = (cluster: string | null) => ({
  database: (db: string) => `ch_${db}`,
  override: () => undefined,
  jsonType: 'String' as const,
  timeType: 'Time64' as const,
  cluster,
})
const source = {
  database: 'shop',
  table: 'orders',
  columns: [col(0, 'id', ColumnType.LONG), col(1, 'v', ColumnType.LONGLONG, true)],
  primaryKey: [0],
}

test('a table with a key: ReplacingMergeTree ordered by it', () => {
  expect(createTableSql(targetTable(source, naming(null)), naming(null), "chsync o1 t'1")).toBe(
    "CREATE TABLE IF NOT EXISTS `ch_shop`.`orders` (\n  `id` Int32 COMMENT 'chsync',\n  `v` Nullable(Int64) COMMENT 'chsync',\n  `_version` UInt64 COMMENT 'chsync',\n" +
      "  `_is_deleted` UInt8 COMMENT 'chsync'\n) ENGINE = ReplacingMergeTree(_version, _is_deleted)\nORDER BY (`id`)\nCOMMENT 'chsync o1 t\\'1'",
  )
})

test('a cluster: ON CLUSTER and the replicated engine', () => {
  const sql = createTableSql(targetTable(source, naming('main')), naming('main'), 'chsync o t')
  expect(sql).toContain('`ch_shop`.`orders` ON CLUSTER `main` (')
  expect(sql).toContain(
    "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version, _is_deleted)",
  )
})

test('a table without a key: ordered by the row hash _key', () => {
  const sql = createTableSql(targetTable({ ...source, primaryKey: [] }, naming(null)), naming(null), 'chsync o t')
  expect(sql).toContain("`_key` UInt64 COMMENT 'chsync',\n  `_version` UInt64")
  expect(sql).toEndWith("ORDER BY `_key`\nCOMMENT 'chsync o t'")
})

test('history mode: every version kept, ordered by the key and _version, with _op and _ts; its Replicated form on a cluster', async () => {
  const history = (cluster: string | null) => ({
    ...naming(cluster),
    layout: () => ({
      tables: '*',
      partitionBy: null,
      orderBy: null,
      ttl: null,
      settings: new Map(),
      indexes: [],
      codecs: new Map(),
      mode: 'history' as const,
    }),
  })
  const sql = createTableSql(targetTable(source, history(null)), history(null), 'chsync o t')
  expect(sql).toBe(
    "CREATE TABLE IF NOT EXISTS `ch_shop`.`orders` (\n  `id` Int32 COMMENT 'chsync',\n  `v` Nullable(Int64) COMMENT 'chsync',\n  `_version` UInt64 COMMENT 'chsync',\n" +
      "  `_is_deleted` UInt8 COMMENT 'chsync',\n  `_op` Enum8('insert' = 1, 'update' = 2, 'delete' = 3) COMMENT 'chsync',\n  `_ts` DateTime64(3, 'UTC') COMMENT 'chsync'\n" +
      ") ENGINE = ReplacingMergeTree()\nORDER BY (`id`, _version)\nCOMMENT 'chsync o t'",
  )
  const onCluster = createTableSql(targetTable(source, history('main')), history('main'), 'chsync o t')
  expect(onCluster).toBe(
    sql
      .replace('`orders` (', '`orders` ON CLUSTER `main` (')
      .replace('ReplacingMergeTree()', "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')"),
  )
  const keyless = createTableSql(targetTable({ ...source, primaryKey: [] }, history(null)), history(null), 'chsync o t')
  expect(keyless).toContain('ORDER BY (`_key`, _version)')
})
