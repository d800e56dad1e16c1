// Table constraints and indexes: PRIMARY KEY, UNIQUE, INDEX / KEY, FULLTEXT, SPATIAL, VECTOR,
// FOREIGN KEY ... REFERENCES, CHECK, and MariaDB's PERIOD FOR. Shared by CREATE TABLE,
// ALTER TABLE ... ADD and CREATE INDEX.

import type {
  CheckDefinition,
  ForeignKeyDefinition,
  ForeignKeyTarget,
  IndexDefinition,
  IndexKind,
  KeyPart,
  PeriodDefinition,
} from './ast.ts'
import type { ReferentialAction } from '../../model/index.ts'
import type { TokenStream } from './token-stream.ts'

export type TableConstraint =
  | { kind: 'index'; index: IndexDefinition; ifNotExists: boolean }
  | { kind: 'foreign_key'; foreignKey: ForeignKeyDefinition; ifNotExists: boolean }
  | { kind: 'check'; check: CheckDefinition }
  | { kind: 'period'; period: PeriodDefinition }

const INDEX_WORDS = ['PRIMARY', 'UNIQUE', 'INDEX', 'KEY', 'FULLTEXT', 'SPATIAL', 'FOREIGN', 'CHECK', 'VECTOR']
const CONSTRAINT_WORDS = ['CONSTRAINT', ...INDEX_WORDS.filter((w) => w !== 'VECTOR')]

/** Whether a table element (or an ALTER ... ADD) is a constraint or index rather than a column. */
export function startsConstraint(ts: TokenStream): boolean {
  if (ts.isAnyWord(CONSTRAINT_WORDS)) return true
  if (ts.isWord('VECTOR') && ts.isAnyWord(['INDEX', 'KEY'], 1)) return true
  return ts.isWords('PERIOD', 'FOR')
}

export function parseConstraint(ts: TokenStream): TableConstraint {
  if (ts.acceptWords('PERIOD', 'FOR')) return { kind: 'period', period: periodTail(ts) }
  let constraint: string | null = null
  const named = ts.acceptWord('CONSTRAINT')
  if (named && ts.isName()) constraint = ts.name('constraint name')
  const word = named
    ? ts.expectAnyWord(['PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK'], 'PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK')
    : ts.expectAnyWord(INDEX_WORDS, 'PRIMARY KEY, UNIQUE, INDEX, KEY, FOREIGN KEY or CHECK')
  switch (word) {
    case 'CHECK':
      return { kind: 'check', check: checkTail(ts, constraint) }
    case 'FOREIGN': {
      ts.expectWord('KEY')
      const ifNotExists = ts.acceptWords('IF', 'NOT', 'EXISTS')
      const name = ts.isName() ? ts.name('foreign key name') : null
      const columns = ts.nameList('column name')
      const references = parseReferences(ts)
      return { kind: 'foreign_key', foreignKey: { constraint, name, columns, references }, ifNotExists }
    }
    case 'PRIMARY': {
      ts.expectWord('KEY')
      if (ts.isName() && !ts.isWord('USING') && !ts.isWord('TYPE')) ts.name('index name')
      const index = indexBody(ts, 'primary', constraint, 'PRIMARY')
      return { kind: 'index', index, ifNotExists: false }
    }
    default: {
      const kind: IndexKind =
        word === 'UNIQUE'
          ? 'unique'
          : word === 'FULLTEXT'
            ? 'fulltext'
            : word === 'SPATIAL'
              ? 'spatial'
              : word === 'VECTOR'
                ? 'vector'
                : 'index'
      if (word !== 'INDEX' && word !== 'KEY') {
        if (word === 'VECTOR') ts.expectAnyWord(['INDEX', 'KEY'], 'INDEX or KEY')
        else ts.acceptAnyWord(['INDEX', 'KEY'])
      }
      const ifNotExists = ts.acceptWords('IF', 'NOT', 'EXISTS')
      const name = ts.isName() && !isIndexTypeWord(ts) ? ts.name('index name') : constraint
      return { kind: 'index', index: indexBody(ts, kind, constraint, name), ifNotExists }
    }
  }
}

/** [USING type] (key parts) [index options], after the index name. */
export function indexBody(ts: TokenStream, kind: IndexKind, constraint: string | null, name: string | null): IndexDefinition {
  const index: IndexDefinition = { kind, name, constraint, parts: [], using: null, comment: null, invisible: false }
  if (isIndexTypeWord(ts)) index.using = indexType(ts)
  index.parts = keyParts(ts)
  indexOptions(ts, index)
  return index
}

/** USING BTREE, or the old TYPE BTREE. */
function isIndexTypeWord(ts: TokenStream): boolean {
  return ts.isWord('USING') || (ts.isWord('TYPE') && ts.isAnyWord(['BTREE', 'HASH', 'RTREE'], 1))
}

function indexType(ts: TokenStream): string {
  ts.next()
  return ts.expectAnyWord(['BTREE', 'HASH', 'RTREE'], 'BTREE, HASH or RTREE')
}

/** (a, b(10) DESC, (lower(c))) */
export function keyParts(ts: TokenStream): KeyPart[] {
  ts.expectPunct('(')
  const parts: KeyPart[] = []
  do {
    const part: KeyPart = { column: null, expression: null, length: null, descending: false }
    if (ts.isPunct('(')) {
      part.expression = ts.group()
    } else {
      part.column = ts.name('column name')
      if (ts.acceptPunct('(')) {
        part.length = ts.integer('a prefix length')
        ts.expectPunct(')')
      }
    }
    if (ts.acceptWord('DESC')) part.descending = true
    else ts.acceptWord('ASC')
    parts.push(part)
  } while (ts.acceptPunct(','))
  ts.expectPunct(')')
  return parts
}

/**
 * Index options in any order. ALGORITHM and LOCK are left for the statement (CREATE INDEX,
 * ALTER TABLE); any other `name = value` is a MariaDB engine-defined index attribute.
 */
export function indexOptions(ts: TokenStream, index: IndexDefinition): void {
  for (;;) {
    if (isIndexTypeWord(ts)) index.using = indexType(ts)
    else if (ts.acceptWord('COMMENT')) index.comment = ts.string('an index comment')
    else if (ts.acceptWord('INVISIBLE')) index.invisible = true
    else if (ts.acceptWord('VISIBLE')) index.invisible = false
    else if (ts.acceptWord('IGNORED')) index.invisible = true
    else if (ts.acceptWords('NOT', 'IGNORED')) index.invisible = false
    else if (ts.acceptWords('WITH', 'PARSER')) ts.symbol('a parser name')
    else if (ts.isAnyWord(['KEY_BLOCK_SIZE', 'ENGINE_ATTRIBUTE', 'SECONDARY_ENGINE_ATTRIBUTE'])) {
      ts.next()
      ts.acceptEquals()
      optionValue(ts)
    } else if ((ts.peek().kind === 'word' || ts.peek().kind === 'quoted') && ts.isPunct('=', 1) && !ts.isAnyWord(['ALGORITHM', 'LOCK'])) {
      ts.next()
      ts.next()
      optionValue(ts)
    } else break
  }
}

/** A value of a `name [=] value` option: number, string, word or name. */
export function optionValue(ts: TokenStream): string {
  const t = ts.peek()
  if (t.kind === 'number') return ts.next().value
  if (t.kind === 'punct' && t.value === '-' && ts.peek(1).kind === 'number') {
    ts.next()
    return '-' + ts.next().value
  }
  return ts.symbol('a value')
}

export function parseReferences(ts: TokenStream): ForeignKeyTarget {
  ts.expectWord('REFERENCES')
  const table = ts.tableRef()
  const columns = ts.isPunct('(') ? ts.nameList('column name') : []
  const target: ForeignKeyTarget = { table, columns, onDelete: null, onUpdate: null }
  for (;;) {
    if (ts.acceptWord('MATCH')) ts.expectAnyWord(['FULL', 'PARTIAL', 'SIMPLE'], 'FULL, PARTIAL or SIMPLE')
    else if (ts.acceptWords('ON', 'DELETE')) target.onDelete = referentialAction(ts)
    else if (ts.acceptWords('ON', 'UPDATE')) target.onUpdate = referentialAction(ts)
    else break
  }
  return target
}

function referentialAction(ts: TokenStream): ReferentialAction {
  if (ts.acceptWord('RESTRICT')) return 'RESTRICT'
  if (ts.acceptWord('CASCADE')) return 'CASCADE'
  if (ts.acceptWords('SET', 'NULL')) return 'SET NULL'
  if (ts.acceptWords('SET', 'DEFAULT')) return 'SET DEFAULT'
  if (ts.acceptWords('NO', 'ACTION')) return 'NO ACTION'
  return ts.fail('expected RESTRICT, CASCADE, SET NULL, SET DEFAULT or NO ACTION')
}

/** (expr) [[NOT] ENFORCED], after CHECK. */
export function checkTail(ts: TokenStream, constraint: string | null): CheckDefinition {
  const expression = ts.group()
  let enforced = true
  if (ts.acceptWords('NOT', 'ENFORCED')) enforced = false
  else ts.acceptWord('ENFORCED')
  return { constraint, expression, enforced }
}

/** name (start, end), after PERIOD FOR. */
export function periodTail(ts: TokenStream): PeriodDefinition {
  const name = ts.acceptWord('SYSTEM_TIME') ? 'SYSTEM_TIME' : ts.name('period name')
  ts.expectPunct('(')
  const start = ts.name('column name')
  ts.expectPunct(',')
  const end = ts.name('column name')
  ts.expectPunct(')')
  return { name, start, end }
}
