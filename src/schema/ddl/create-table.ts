// CREATE [OR REPLACE] [TEMPORARY] TABLE: column and key definitions, options, partitioning,
// LIKE and ... SELECT; then the table-level facts derived from them (primary key, unique keys,
// implied NOT NULL, implicit TIMESTAMP defaults).

import type { ColumnDefinition, CreateTableLikeStatement, CreateTableStatement, IndexDefinition } from './ast.ts'
import { parseColumnDefinition, setNotNull } from './column-definition.ts'
import { parseConstraint, startsConstraint } from './key-definition.ts'
import { parsePartitionBy, startsPartitionBy } from './partitioning.ts'
import { emptyTableOptions, parseTableOptions } from './table-options.ts'
import type { TokenStream } from './token-stream.ts'

export interface CreateHead {
  orReplace: boolean
  temporary: boolean
}

/** After CREATE [OR REPLACE] [TEMPORARY] TABLE. */
export function parseCreateTable(ts: TokenStream, head: CreateHead): CreateTableStatement | CreateTableLikeStatement {
  const ifNotExists = ts.acceptWords('IF', 'NOT', 'EXISTS')
  const table = ts.tableRef()
  const untranslatable = head.temporary ? ('temporary_table' as const) : null

  const parenthesisedLike = ts.isPunct('(') && ts.isWord('LIKE', 1)
  if (parenthesisedLike) ts.next()
  if (ts.acceptWord('LIKE')) {
    const like = ts.tableRef()
    if (parenthesisedLike) ts.expectPunct(')')
    ts.expectEnd()
    return { kind: 'create_table_like', table, like, ifNotExists, ...head, untranslatable }
  }

  const statement: CreateTableStatement = {
    kind: 'create_table',
    table,
    ifNotExists,
    ...head,
    columns: [],
    indexes: [],
    primaryKey: null,
    uniqueKeys: [],
    foreignKeys: [],
    checks: [],
    periods: [],
    options: emptyTableOptions(),
    partitioning: null,
    select: null,
    untranslatable,
  }
  const tableIndexes: IndexDefinition[] = []
  if (ts.isPunct('(') && !startsQuery(ts, 1)) {
    ts.next()
    do {
      if (!startsConstraint(ts)) {
        statement.columns.push(parseColumnDefinition(ts))
        continue
      }
      const element = parseConstraint(ts)
      if (element.kind === 'index') tableIndexes.push(element.index)
      else if (element.kind === 'foreign_key') statement.foreignKeys.push(element.foreignKey)
      else if (element.kind === 'check') statement.checks.push(element.check)
      else statement.periods.push(element.period)
    } while (ts.acceptPunct(','))
    ts.expectPunct(')')
  }
  parseTableOptions(ts, statement.options, true, false)
  if (startsPartitionBy(ts)) statement.partitioning = parsePartitionBy(ts)
  if (ts.isAnyWord(['IGNORE', 'REPLACE', 'AS']) || startsQuery(ts, 0)) {
    ts.acceptAnyWord(['IGNORE', 'REPLACE'])
    ts.acceptWord('AS')
    if (!startsQuery(ts, 0)) ts.fail('expected SELECT')
    statement.select = ts.until(() => false)
    statement.untranslatable ??= 'create_table_select'
  }
  ts.expectEnd()
  derive(statement, tableIndexes, ts.settings.explicitDefaultsForTimestamp)
  return statement
}

/** A query where CREATE TABLE ... [AS] expects one: SELECT, WITH, TABLE, VALUES or `(`. */
function startsQuery(ts: TokenStream, offset: number): boolean {
  return ts.isAnyWord(['SELECT', 'WITH', 'TABLE', 'VALUES'], offset) || ts.isPunct('(', offset)
}

function derive(statement: CreateTableStatement, tableIndexes: IndexDefinition[], explicitDefaultsForTimestamp: boolean): void {
  for (const column of statement.columns) {
    const part = { column: column.name, expression: null, length: null, descending: false }
    if (column.primaryKey) {
      statement.indexes.push({
        kind: 'primary',
        name: 'PRIMARY',
        constraint: null,
        parts: [part],
        using: null,
        comment: null,
        invisible: false,
      })
    }
    if (column.unique) {
      statement.indexes.push({
        kind: 'unique',
        name: null,
        constraint: null,
        parts: [{ ...part }],
        using: null,
        comment: null,
        invisible: false,
      })
    }
  }
  statement.indexes.push(...tableIndexes)
  const primary = statement.indexes.find((index) => index.kind === 'primary')
  if (primary !== undefined) {
    statement.primaryKey = primary.parts
    for (const part of primary.parts) {
      const column = part.column === null ? undefined : findColumn(statement.columns, part.column)
      if (column !== undefined) setNotNull(column, 'primary_key')
    }
  }
  statement.uniqueKeys = statement.indexes.filter((index) => index.kind === 'unique')
  if (!explicitDefaultsForTimestamp) implicitTimestampDefaults(statement.columns)
}

/**
 * explicit_defaults_for_timestamp OFF: the first TIMESTAMP column without NULL, DEFAULT or ON
 * UPDATE gets DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP; later NOT NULL ones without
 * a DEFAULT get the zero timestamp.
 */
function implicitTimestampDefaults(columns: ColumnDefinition[]): void {
  let first = true
  for (const column of columns) {
    if (column.type.name !== 'timestamp') continue
    const wasFirst = first
    first = false
    if (column.nullable || column.default !== null || column.generated !== null || column.rowPeriod !== null) continue
    const fsp = column.type.fsp ?? 0
    if (wasFirst && column.onUpdateCurrentTimestamp === null) {
      const text = fsp > 0 ? `CURRENT_TIMESTAMP(${fsp})` : 'CURRENT_TIMESTAMP'
      column.default = { kind: 'current_timestamp', text, fsp }
      column.onUpdateCurrentTimestamp = { fsp }
    } else {
      const zero = '0000-00-00 00:00:00' + (fsp > 0 ? '.' + '0'.repeat(fsp) : '')
      column.default = { kind: 'string', text: `'${zero}'`, value: zero }
    }
  }
}

/** Column names compare case-insensitively on both servers. */
function findColumn(columns: ColumnDefinition[], name: string): ColumnDefinition | undefined {
  const lower = name.toLowerCase()
  return columns.find((column) => column.name.toLowerCase() === lower)
}
