// Table options of CREATE and ALTER TABLE. The ones translation uses are typed (engine,
// charset, collation, comment, auto_increment, row format, system versioning); every other
// known option, and MariaDB's engine-defined `name = value` options, land in `other`.

import type { TableOptions } from './ast.ts'
import { acceptCharsetKeyword, charsetName } from './data-type.ts'
import { optionValue } from './key-definition.ts'
import type { TokenStream } from './token-stream.ts'

/** Options that take `[=] value` and mean nothing for the data columns. */
const VALUED = new Set([
  'AVG_ROW_LENGTH',
  'CHECKSUM',
  'TABLE_CHECKSUM',
  'COMPRESSION',
  'CONNECTION',
  'DELAY_KEY_WRITE',
  'ENCRYPTION',
  'ENGINE_ATTRIBUTE',
  'SECONDARY_ENGINE_ATTRIBUTE',
  'INSERT_METHOD',
  'KEY_BLOCK_SIZE',
  'MAX_ROWS',
  'MIN_ROWS',
  'PACK_KEYS',
  'PASSWORD',
  'STATS_AUTO_RECALC',
  'STATS_PERSISTENT',
  'STATS_SAMPLE_PAGES',
  'SECONDARY_ENGINE',
  'AUTOEXTEND_SIZE',
  'PAGE_CHECKSUM',
  'PAGE_COMPRESSED',
  'PAGE_COMPRESSION_LEVEL',
  'TRANSACTIONAL',
  'ENCRYPTED',
  'ENCRYPTION_KEY_ID',
  'SEQUENCE',
  'IETF_QUOTES',
])

export function emptyTableOptions(): TableOptions {
  return {
    engine: null,
    charset: null,
    collation: null,
    comment: null,
    autoIncrement: null,
    rowFormat: null,
    withSystemVersioning: false,
    other: {},
  }
}

/** Whether a table option starts here. `alter`: in ALTER TABLE, where ALGORITHM= and LOCK= are not options. */
export function startsTableOption(ts: TokenStream, alter: boolean): boolean {
  const t = ts.peek()
  // MariaDB prints engine-defined options with quoted names: `PAGE_COMPRESSED`='1'.
  if (t.kind === 'quoted') return ts.isPunct('=', 1)
  if (t.kind !== 'word') return false
  switch (t.upper) {
    case 'ENGINE':
    case 'TYPE':
    case 'AUTO_INCREMENT':
    case 'CHARSET':
    case 'COLLATE':
    case 'COMMENT':
    case 'ROW_FORMAT':
    case 'UNION':
    case 'TABLESPACE':
      return true
    case 'DEFAULT':
      return ts.isAnyWord(['CHARSET', 'CHARACTER', 'CHAR', 'COLLATE'], 1)
    case 'CHARACTER':
    case 'CHAR':
      return ts.isWord('SET', 1)
    case 'WITH':
      return ts.isWord('SYSTEM', 1)
    case 'START':
      return ts.isWord('TRANSACTION', 1)
    case 'DATA':
    case 'INDEX':
      return ts.isWord('DIRECTORY', 1)
    case 'STORAGE':
      return ts.isAnyWord(['DISK', 'MEMORY'], 1)
    default:
      if (VALUED.has(t.upper)) return true
      // MariaDB engine-defined option: name = value.
      return ts.isPunct('=', 1) && !(alter && (t.upper === 'ALGORITHM' || t.upper === 'LOCK'))
  }
}

/**
 * Options until none starts. CREATE TABLE allows commas between them; ALTER TABLE leaves
 * commas to its action list (`commas` false).
 */
export function parseTableOptions(ts: TokenStream, options: TableOptions, commas: boolean, alter: boolean): TableOptions {
  let first = true
  for (;;) {
    if (!first && commas && ts.isPunct(',')) {
      ts.next()
      if (!startsTableOption(ts, alter)) ts.fail('expected a table option')
    }
    if (!startsTableOption(ts, alter)) return options
    tableOption(ts, options)
    first = false
  }
}

function tableOption(ts: TokenStream, options: TableOptions): void {
  ts.acceptWord('DEFAULT')
  const name = ts.next()
  const word = name.kind === 'quoted' ? name.value.toUpperCase() : name.upper
  switch (word) {
    case 'ENGINE':
    case 'TYPE':
      ts.acceptEquals()
      options.engine = ts.symbol('an engine name')
      return
    case 'AUTO_INCREMENT':
      ts.acceptEquals()
      options.autoIncrement = ts.bigInteger('an AUTO_INCREMENT value')
      return
    case 'CHARSET':
    case 'CHARACTER':
    case 'CHAR':
      if (word !== 'CHARSET') ts.expectWord('SET')
      ts.acceptEquals()
      options.charset = charsetName(ts)
      return
    case 'COLLATE':
      ts.acceptEquals()
      options.collation = charsetName(ts)
      return
    case 'COMMENT':
      ts.acceptEquals()
      options.comment = ts.string('a table comment')
      return
    case 'ROW_FORMAT':
      ts.acceptEquals()
      options.rowFormat = ts.symbol('a row format').toUpperCase()
      return
    case 'WITH':
      ts.expectWord('SYSTEM', 'VERSIONING')
      options.withSystemVersioning = true
      return
    case 'START':
      ts.expectWord('TRANSACTION')
      options.other['START TRANSACTION'] = ''
      return
    case 'DATA':
    case 'INDEX':
      ts.expectWord('DIRECTORY')
      ts.acceptEquals()
      options.other[`${word} DIRECTORY`] = ts.string('a directory')
      return
    case 'UNION':
      ts.acceptEquals()
      ts.expectPunct('(')
      options.other.UNION = ts.until((t) => t.kind === 'punct' && t.value === ')')
      ts.expectPunct(')')
      return
    case 'TABLESPACE':
      ts.acceptEquals()
      options.other.TABLESPACE = ts.symbol('a tablespace name')
      if (ts.acceptWord('STORAGE')) options.other.STORAGE = ts.expectAnyWord(['DISK', 'MEMORY'], 'DISK or MEMORY')
      return
    case 'STORAGE':
      options.other.STORAGE = ts.expectAnyWord(['DISK', 'MEMORY'], 'DISK or MEMORY')
      return
    default:
      ts.acceptEquals()
      options.other[word] = ts.acceptWord('DEFAULT') ? 'DEFAULT' : optionValue(ts)
  }
}

/** [DEFAULT] CHARACTER SET / COLLATE / ENCRYPTION / READ ONLY / COMMENT of CREATE and ALTER DATABASE. */
export function parseDatabaseOptions(ts: TokenStream): { charset: string | null; collation: string | null; comment: string | null } {
  const result = { charset: null as string | null, collation: null as string | null, comment: null as string | null }
  for (;;) {
    const withDefault = ts.acceptWord('DEFAULT')
    if (acceptCharsetKeyword(ts)) {
      ts.acceptEquals()
      result.charset = charsetName(ts)
    } else if (ts.acceptWord('COLLATE')) {
      ts.acceptEquals()
      result.collation = charsetName(ts)
    } else if (ts.acceptWord('COMMENT')) {
      ts.acceptEquals()
      result.comment = ts.string('a database comment')
    } else if (ts.acceptWord('ENCRYPTION')) {
      ts.acceptEquals()
      ts.string('Y or N')
    } else if (ts.acceptWords('READ', 'ONLY')) {
      ts.acceptEquals()
      optionValue(ts)
    } else if (ts.atEnd() && !withDefault) {
      return result
    } else {
      ts.fail('expected a database option')
    }
  }
}
