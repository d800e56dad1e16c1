// The bench's tables: parents and a child table of a million rows in ClickHouse, as chsync would
// have copied them, and the tracked tables (columns as TABLE_MAP gives them, the foreign key) that
// the cascade works from. Each child row gets a parent at random, as real children do: the rows of
// one parent are spread over the whole table.

import type { ClickHouseClient } from '@clickhouse/client'
import { type ColumnDef, ColumnType, type TrackedTable } from '../../src/model/index.ts'

export const DATABASE = 'bench_cascade'
/** utf8mb4_general_ci, as MariaDB numbers it. */
export const UTF8MB4 = 45

function int(name: string, index: number, nullable: boolean): ColumnDef {
  return {
    index,
    name,
    type: ColumnType.LONG,
    meta: 0,
    nullable,
    unsigned: false,
    length: 0,
    precision: 0,
    scale: 0,
    fsp: 0,
    bits: 0,
    visible: true,
  }
}

function varchar(name: string, index: number): ColumnDef {
  return {
    index,
    name,
    type: ColumnType.VARCHAR,
    meta: 400,
    nullable: true,
    unsigned: false,
    length: 400,
    precision: 0,
    scale: 0,
    fsp: 0,
    bits: 0,
    visible: true,
    collation: UTF8MB4,
  }
}

export const PARENT: TrackedTable = {
  database: DATABASE,
  table: 'orders',
  columns: [int('id', 0, false), varchar('customer', 1)],
  primaryKey: [0],
  foreignKeys: [],
}

export function child(action: 'CASCADE' | 'SET NULL'): TrackedTable {
  return {
    database: DATABASE,
    table: 'items',
    columns: [int('id', 0, false), int('order_id', 1, true), varchar('sku', 2), int('qty', 3, true)],
    primaryKey: [0],
    foreignKeys: [
      {
        name: 'items_ibfk_1',
        columns: ['order_id'],
        parent: { database: DATABASE, table: 'orders', columns: ['id'] },
        onDelete: action,
        onUpdate: 'CASCADE',
      },
    ],
  }
}

/** Fresh target tables: `parents` orders, `children` items with a random order each. */
export async function createTables(ch: ClickHouseClient, parents: number, children: number, bloom: boolean): Promise<void> {
  await ch.command({ query: `DROP DATABASE IF EXISTS ${DATABASE} SYNC` })
  await ch.command({ query: `CREATE DATABASE ${DATABASE}` })
  const system = '_version UInt64, _is_deleted UInt8'
  await ch.command({
    query: `CREATE TABLE ${DATABASE}.orders (id Int32, customer Nullable(String), ${system}) ENGINE = ReplacingMergeTree(_version, _is_deleted) ORDER BY id`,
  })
  const index = bloom ? ', INDEX order_id_bloom order_id TYPE bloom_filter GRANULARITY 1' : ''
  await ch.command({
    query: `CREATE TABLE ${DATABASE}.items (id Int32, order_id Nullable(Int32), sku Nullable(String), qty Nullable(Int32), ${system}${index}) ENGINE = ReplacingMergeTree(_version, _is_deleted) ORDER BY id`,
  })
  await ch.command({
    query: `INSERT INTO ${DATABASE}.orders SELECT number + 1, concat('customer ', toString(number)), 1, 0 FROM numbers(${parents})`,
  })
  await ch.command({
    query: `INSERT INTO ${DATABASE}.items SELECT number + 1, toInt32(cityHash64(number) % ${parents}) + 1, concat('sku-', toString(number % 5000)), toInt32(number % 7 + 1), 1, 0 FROM numbers(${children})`,
  })
  await ch.command({ query: `OPTIMIZE TABLE ${DATABASE}.items FINAL` })
}
