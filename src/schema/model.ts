// A source table as chsync tracks it: its columns in the binlog's terms (ColumnDef, what TABLE_MAP
// with full metadata says) and its primary key. Built from TABLE_MAP, from information_schema
// (before the first copy) or by applying DDL to the previous version.

import type { ColumnDef } from '../binlog/index.ts'

export interface SourceTable {
  database: string
  table: string
  columns: ColumnDef[]
  /** Indexes into `columns`, in key order; empty for a table without a primary key. */
  primaryKey: number[]
}

export function tableKey(database: string, table: string): string {
  return `${database}.${table}`
}
