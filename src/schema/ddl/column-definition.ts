// One column definition: name, type and attributes in any order, with the nullability the
// server infers when none is written (primary key, AUTO_INCREMENT, SERIAL, row periods, TIMESTAMP).

import type { ColumnDefinition, ColumnPosition } from './ast.ts'
import { parseDefault, isNow, parseNow } from './column-default.ts'
import { acceptCharsetKeyword, charsetName, parseDataType } from './data-type.ts'
import { checkTail, optionValue, parseReferences } from './key-definition.ts'
import { startsPartitionBy } from './partitioning.ts'
import type { TokenStream } from './token-stream.ts'

/** name type attributes... */
export function parseColumnDefinition(ts: TokenStream): ColumnDefinition {
  const name = ts.name('column name')
  const { type, serial } = parseDataType(ts)
  const column: ColumnDefinition = {
    name,
    type,
    nullable: true,
    nullableFrom: 'default',
    default: null,
    onUpdateCurrentTimestamp: null,
    autoIncrement: serial,
    primaryKey: false,
    unique: serial,
    comment: null,
    generated: null,
    rowPeriod: null,
    versioning: null,
    invisible: false,
    srid: null,
    checks: [],
    references: null,
    extra: {},
  }
  let explicitNull: boolean | null = null
  while (!endsColumn(ts)) {
    if (ts.acceptWords('NOT', 'NULL')) explicitNull = false
    else if (ts.acceptWord('NULL')) explicitNull = true
    else if (ts.acceptWords('NOT', 'SECONDARY')) column.extra['NOT SECONDARY'] = ''
    else if (ts.acceptWord('DEFAULT')) column.default = parseDefault(ts)
    else if (ts.acceptWords('ON', 'UPDATE')) {
      if (!isNow(ts)) ts.fail('expected CURRENT_TIMESTAMP or NOW()')
      column.onUpdateCurrentTimestamp = { fsp: parseNow(ts) }
    } else if (ts.acceptWord('AUTO_INCREMENT')) column.autoIncrement = true
    else if (ts.acceptWords('SERIAL', 'DEFAULT', 'VALUE')) {
      // An alias of NOT NULL AUTO_INCREMENT UNIQUE on an integer column.
      column.autoIncrement = true
      column.unique = true
      explicitNull ??= false
    } else if (ts.acceptWords('PRIMARY', 'KEY') || ts.acceptWord('KEY')) column.primaryKey = true
    else if (ts.acceptWord('UNIQUE')) {
      ts.acceptWord('KEY')
      column.unique = true
    } else if (ts.acceptWord('COMMENT')) column.comment = ts.string('a column comment')
    else if (ts.acceptWord('COLLATE')) column.type.collation = charsetName(ts)
    else if (acceptCharsetKeyword(ts)) column.type.charset = charsetName(ts)
    else if (ts.isWord('GENERATED') || ts.isWord('AS')) generated(ts, column)
    else if (ts.acceptWord('VIRTUAL')) setStored(ts, column, false)
    else if (ts.acceptWord('STORED') || ts.acceptWord('PERSISTENT')) setStored(ts, column, true)
    else if (ts.acceptWord('INVISIBLE')) column.invisible = true
    else if (ts.acceptWord('VISIBLE')) column.invisible = false
    else if (ts.acceptWord('COLUMN_FORMAT'))
      column.extra.COLUMN_FORMAT = ts.expectAnyWord(['FIXED', 'DYNAMIC', 'DEFAULT', 'COMPRESSED'], 'FIXED, DYNAMIC or DEFAULT')
    else if (ts.acceptWord('STORAGE')) column.extra.STORAGE = ts.expectAnyWord(['DISK', 'MEMORY', 'DEFAULT'], 'DISK, MEMORY or DEFAULT')
    else if (ts.acceptWord('SRID')) column.srid = ts.integer('an SRID')
    else if (ts.acceptWord('REF_SYSTEM_ID')) {
      ts.acceptEquals()
      column.srid = ts.integer('an SRID')
    } else if (ts.isWord('CHECK') || ts.isWord('CONSTRAINT')) {
      let constraint: string | null = null
      if (ts.acceptWord('CONSTRAINT') && ts.isName()) constraint = ts.name('constraint name')
      ts.expectWord('CHECK')
      column.checks.push(checkTail(ts, constraint))
    } else if (ts.isWord('REFERENCES')) column.references = parseReferences(ts)
    else if (ts.acceptWords('WITH', 'SYSTEM', 'VERSIONING')) column.versioning = 'with'
    else if (ts.acceptWords('WITHOUT', 'SYSTEM', 'VERSIONING')) column.versioning = 'without'
    else if (ts.acceptWord('COMPRESSED')) {
      column.extra.COMPRESSED = ts.acceptPunct('=') ? optionValue(ts) : ''
    } else if (ts.isAnyWord(['ENGINE_ATTRIBUTE', 'SECONDARY_ENGINE_ATTRIBUTE'])) {
      const option = ts.next().upper
      ts.acceptEquals()
      column.extra[option] = ts.string('an attribute value')
    } else if ((ts.peek().kind === 'word' || ts.peek().kind === 'quoted') && ts.isPunct('=', 1)) {
      // MariaDB engine-defined column attribute: name = value (SHOW CREATE quotes the name).
      const option = ts.next().value.toUpperCase()
      ts.next()
      column.extra[option] = optionValue(ts)
    } else ts.fail('unexpected text in a column definition')
  }
  if (explicitNull !== null) {
    column.nullable = explicitNull
    column.nullableFrom = 'explicit'
  }
  // Both servers make these NOT NULL whatever was written (an explicit NULL is refused or ignored).
  if (column.primaryKey) setNotNull(column, 'primary_key')
  else if (column.autoIncrement) setNotNull(column, 'auto_increment')
  else if (column.rowPeriod !== null) setNotNull(column, 'system_versioning')
  else if (explicitNull === null && column.type.name === 'timestamp' && !ts.settings.explicitDefaultsForTimestamp) {
    setNotNull(column, 'timestamp')
  }
  return column
}

/** NOT NULL by a rule; an explicit NOT NULL stays the reason, an explicit NULL is overridden. */
export function setNotNull(column: ColumnDefinition, from: ColumnDefinition['nullableFrom']): void {
  if (column.nullable || column.nullableFrom !== 'explicit') column.nullableFrom = from
  column.nullable = false
}

/** [GENERATED ALWAYS] AS (expr) [VIRTUAL | STORED | PERSISTENT], or MariaDB's AS ROW START | END. */
function generated(ts: TokenStream, column: ColumnDefinition): void {
  if (ts.acceptWord('GENERATED')) ts.expectWord('ALWAYS')
  ts.expectWord('AS')
  if (ts.acceptWord('ROW')) {
    column.rowPeriod = ts.expectAnyWord(['START', 'END'], 'START or END') === 'START' ? 'start' : 'end'
    return
  }
  column.generated = { expression: ts.group(), stored: false }
  if (ts.acceptWord('VIRTUAL')) column.generated.stored = false
  else if (ts.acceptWord('STORED') || ts.acceptWord('PERSISTENT')) column.generated.stored = true
}

function setStored(ts: TokenStream, column: ColumnDefinition, stored: boolean): void {
  if (column.generated === null) ts.fail('VIRTUAL, STORED or PERSISTENT without AS (expression)')
  column.generated.stored = stored
}

/**
 * The end of a column definition: `,`, `)`, the statement's end, FIRST / AFTER, or (in ALTER
 * TABLE) a partitioning clause that follows without a comma.
 */
function endsColumn(ts: TokenStream): boolean {
  if (ts.atEnd() || ts.isPunct(',') || ts.isPunct(')')) return true
  return ts.isWord('FIRST') || ts.isWord('AFTER') || startsPartitionBy(ts) || ts.isWords('REMOVE', 'PARTITIONING')
}

/** FIRST | AFTER column, or nothing. */
export function parsePosition(ts: TokenStream): ColumnPosition | null {
  if (ts.acceptWord('FIRST')) return { first: true }
  if (ts.acceptWord('AFTER')) return { first: false, after: ts.name('column name') }
  return null
}
