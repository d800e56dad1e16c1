// A source table as chsync tracks it: its columns in the binlog's terms (ColumnDef, what TABLE_MAP
// with full metadata says) and its primary key. Built from TABLE_MAP, from information_schema
// (before the first copy) or by applying DDL to the previous version.

import type { ColumnDef } from './column-def.ts'

export interface SourceTable {
  database: string
  table: string
  columns: ColumnDef[]
  /** Indexes into `columns`, in key order; empty for a table without a primary key. */
  primaryKey: number[]
  /**
   * The id of the table's copy in the target, given when the table enters the schema history and
   * kept through renames: the ClickHouse sink marks its table with it, so a rename replayed after
   * a crash can be told done.
   */
  targetId?: string
}

/**
 * The key of a table in maps and the state: the pair (database, table), joined by a character no
 * identifier can hold (U+0000), so that `d`.`a.b` and `d.a`.`b` stay two tables.
 */
export function tableKey(database: string, table: string): string {
  return `${database}\u0000${table}`
}

/** The pair a tableKey was made of. */
export function splitTableKey(key: string): [database: string, table: string] {
  const at = key.indexOf('\u0000')
  return at < 0 ? ['', key] : [key.slice(0, at), key.slice(at + 1)]
}

/** A name as people write it: db.table, with a part in backquotes when it holds a dot, a backquote or a blank. */
export function tableName(database: string, table: string): string {
  return `${namePart(database)}.${namePart(table)}`
}

function namePart(name: string): string {
  return /^[^.`\s]+$/.test(name) ? name : '`' + name.replaceAll('`', '``') + '`'
}

/**
 * Reads "db.table" as people write it: each part bare (no dot) or in backquotes (`a.b`, a
 * backquote doubled inside). null when the text is not one table name.
 */
export function parseTableName(text: string): [database: string, table: string] | null {
  const parts: string[] = []
  let i = 0
  while (i <= text.length) {
    if (text[i] === '`') {
      let part = ''
      i++
      for (;;) {
        if (i >= text.length) return null
        if (text[i] === '`') {
          if (text[i + 1] !== '`') break
          part += '`'
          i += 2
        } else part += text[i++]
      }
      parts.push(part)
      i++
    } else {
      const dot = text.indexOf('.', i)
      const end = dot < 0 ? text.length : dot
      const part = text.slice(i, end)
      if (part === '' || part.includes('`')) return null
      parts.push(part)
      i = end
    }
    if (i === text.length) break
    if (text[i] !== '.') return null
    i++
  }
  return parts.length === 2 && parts[0] !== '' && parts[1] !== '' ? [parts[0], parts[1]] : null
}
