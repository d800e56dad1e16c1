// ALTER [ONLINE] [IGNORE] TABLE: every clause becomes a typed action, or an explicit
// `no_effect` naming the clause; anything else is a DdlParseError, never silently skipped.

import type { AlterAction, AlterTableStatement, NoEffectClause, PartitionOperation } from './ast.ts'
import { parseDefault } from './column-default.ts'
import { parseColumnDefinition, parsePosition } from './column-definition.ts'
import { acceptCharsetKeyword, charsetName } from './data-type.ts'
import { parseConstraint, periodTail, startsConstraint, type TableConstraint } from './key-definition.ts'
import { skipLockWait } from './online-clauses.ts'
import { parsePartitionBy, partitionDefinitions, partitionNames, startsPartitionBy } from './partitioning.ts'
import { emptyTableOptions, parseTableOptions, startsTableOption } from './table-options.ts'
import type { TokenStream } from './token-stream.ts'

export interface AlterHead {
  online: boolean
  ignore: boolean
}

/** After ALTER [ONLINE] [IGNORE] TABLE. */
export function parseAlterTable(ts: TokenStream, head: AlterHead): AlterTableStatement {
  const ifExists = ts.acceptWords('IF', 'EXISTS')
  const table = ts.tableRef()
  skipLockWait(ts)
  const actions: AlterAction[] = []
  while (!ts.atEnd()) {
    actions.push(...parseAlterAction(ts))
    if (ts.acceptPunct(',')) continue
    // A partitioning clause follows the action list without a comma.
    if (ts.atEnd() || startsPartitionBy(ts) || ts.isWords('REMOVE', 'PARTITIONING')) continue
    ts.fail("expected ',' or the end of the statement")
  }
  ts.expectEnd()
  return { kind: 'alter_table', table, ifExists, ...head, actions }
}

function parseAlterAction(ts: TokenStream): AlterAction[] {
  const mark = ts.mark()
  const noEffect = (clause: NoEffectClause): AlterAction => ({ kind: 'no_effect', clause, text: ts.textSince(mark) })
  const t = ts.peek()
  if (t.kind !== 'word') ts.fail('expected an ALTER TABLE clause')
  if (startsPartitionBy(ts)) return [{ kind: 'partitioning', partitioning: parsePartitionBy(ts) }]
  switch (t.upper) {
    case 'ADD':
      ts.next()
      return add(ts, mark)
    case 'DROP':
      ts.next()
      return [drop(ts, mark)]
    case 'MODIFY': {
      ts.next()
      ts.acceptWord('COLUMN')
      const ifExists = ts.acceptWords('IF', 'EXISTS')
      const column = parseColumnDefinition(ts)
      return [{ kind: 'modify_column', column, ifExists, position: parsePosition(ts) }]
    }
    case 'CHANGE': {
      ts.next()
      ts.acceptWord('COLUMN')
      const ifExists = ts.acceptWords('IF', 'EXISTS')
      const from = ts.name('column name')
      const column = parseColumnDefinition(ts)
      return [{ kind: 'change_column', from, column, ifExists, position: parsePosition(ts) }]
    }
    case 'RENAME':
      ts.next()
      return [rename(ts)]
    case 'ALTER':
      ts.next()
      return [alter(ts, noEffect)]
    case 'CONVERT':
      ts.next()
      return [convert(ts, mark)]
    case 'ENABLE':
    case 'DISABLE':
      ts.next()
      ts.expectWord('KEYS')
      return [noEffect(t.upper === 'ENABLE' ? 'enable_keys' : 'disable_keys')]
    case 'DISCARD':
    case 'IMPORT': {
      ts.next()
      const operation = t.upper === 'DISCARD' ? 'discard' : 'import'
      if (ts.acceptWord('TABLESPACE')) return [{ kind: 'tablespace', operation, changesRows: operation === 'import' }]
      ts.expectWord('PARTITION')
      const partitions = partitionNames(ts)
      ts.expectWord('TABLESPACE')
      return [partitionOperation(ts, mark, operation, partitions)]
    }
    case 'FORCE':
      ts.next()
      return [noEffect('force')]
    case 'ORDER':
      ts.next()
      ts.expectWord('BY')
      do {
        ts.name('column name')
        ts.acceptAnyWord(['ASC', 'DESC'])
      } while (ts.isPunct(',') && ts.isName(1) && !ts.isPunct('=', 2) && ts.acceptPunct(','))
      return [noEffect('order_by')]
    case 'ALGORITHM':
    case 'LOCK':
      ts.next()
      ts.acceptEquals()
      ts.symbol(`a ${t.upper} value`)
      return [noEffect(t.upper === 'ALGORITHM' ? 'algorithm' : 'lock')]
    case 'WITH':
    case 'WITHOUT':
      if (ts.isWord('VALIDATION', 1)) {
        ts.next()
        ts.next()
        return [noEffect('validation')]
      }
      break
    case 'SECONDARY_LOAD':
    case 'SECONDARY_UNLOAD':
      ts.next()
      return [noEffect(t.upper === 'SECONDARY_LOAD' ? 'secondary_load' : 'secondary_unload')]
    case 'TRUNCATE':
    case 'ANALYZE':
    case 'CHECK':
    case 'OPTIMIZE':
    case 'REBUILD':
    case 'REPAIR':
      if (ts.isWord('PARTITION', 1)) {
        ts.next()
        ts.next()
        return [partitionOperation(ts, mark, t.upper.toLowerCase() as PartitionOperation, partitionNames(ts))]
      }
      break
    case 'COALESCE':
      ts.next()
      ts.expectWord('PARTITION')
      ts.integer('a partition count')
      return [partitionOperation(ts, mark, 'coalesce', [])]
    case 'REORGANIZE': {
      ts.next()
      ts.expectWord('PARTITION')
      let partitions: string[] = []
      if (ts.isName()) {
        partitions = partitionNames(ts) as string[]
        ts.expectWord('INTO')
        partitionDefinitions(ts)
      }
      return [partitionOperation(ts, mark, 'reorganize', partitions)]
    }
    case 'EXCHANGE': {
      ts.next()
      ts.expectWord('PARTITION')
      const partition = ts.name('partition name')
      ts.expectWord('WITH', 'TABLE')
      ts.tableRef()
      if (ts.isAnyWord(['WITH', 'WITHOUT']) && ts.isWord('VALIDATION', 1)) {
        ts.next()
        ts.next()
      }
      return [partitionOperation(ts, mark, 'exchange', [partition])]
    }
    case 'REMOVE':
    case 'UPGRADE':
      ts.next()
      ts.expectWord('PARTITIONING')
      return [partitionOperation(ts, mark, t.upper === 'REMOVE' ? 'remove_partitioning' : 'upgrade_partitioning', [])]
  }
  if (startsTableOption(ts, true)) {
    return [{ kind: 'table_options', options: parseTableOptions(ts, emptyTableOptions(), false, true) }]
  }
  return ts.fail('unexpected text in ALTER TABLE')
}

/** Partition operations that make rows appear or vanish without row events. */
const CHANGES_ROWS: ReadonlySet<PartitionOperation> = new Set([
  'drop',
  'truncate',
  'exchange',
  'import',
  'convert_to_table',
  'convert_from_table',
])

function partitionOperation(ts: TokenStream, mark: number, operation: PartitionOperation, partitions: string[] | 'ALL'): AlterAction {
  return { kind: 'partition_operation', operation, partitions, changesRows: CHANGES_ROWS.has(operation), text: ts.textSince(mark) }
}

/** After ADD. */
function add(ts: TokenStream, mark: number): AlterAction[] {
  if (ts.acceptWord('PARTITION')) {
    ts.acceptWords('IF', 'NOT', 'EXISTS')
    if (ts.acceptWord('PARTITIONS')) ts.integer('a partition count')
    else partitionDefinitions(ts)
    return [partitionOperation(ts, mark, 'add', [])]
  }
  if (ts.acceptWords('SYSTEM', 'VERSIONING')) return [{ kind: 'system_versioning', add: true }]
  if (ts.isWord('PERIOD') && ts.isAnyWord(['FOR', 'IF'], 1)) {
    ts.next()
    const ifNotExists = ts.acceptWords('IF', 'NOT', 'EXISTS')
    ts.expectWord('FOR')
    return [{ kind: 'add_period', period: periodTail(ts), ifNotExists }]
  }
  if (startsConstraint(ts)) return [constraintAction(parseConstraint(ts))]
  ts.acceptWord('COLUMN')
  const ifNotExists = ts.acceptWords('IF', 'NOT', 'EXISTS')
  if (ts.acceptPunct('(')) {
    // ADD [COLUMN] (c1 def, c2 def, INDEX (...)): a list of table elements, no positions.
    const actions: AlterAction[] = []
    do {
      if (startsConstraint(ts)) actions.push(constraintAction(parseConstraint(ts)))
      else actions.push({ kind: 'add_column', column: parseColumnDefinition(ts), ifNotExists, position: null })
    } while (ts.acceptPunct(','))
    ts.expectPunct(')')
    return actions
  }
  const definition = parseColumnDefinition(ts)
  return [{ kind: 'add_column', column: definition, ifNotExists, position: parsePosition(ts) }]
}

function constraintAction(element: TableConstraint): AlterAction {
  switch (element.kind) {
    case 'index':
      return { kind: 'add_index', index: element.index, ifNotExists: element.ifNotExists }
    case 'foreign_key':
      return { kind: 'add_foreign_key', foreignKey: element.foreignKey, ifNotExists: element.ifNotExists }
    case 'check':
      return { kind: 'add_check', check: element.check }
    case 'period':
      return { kind: 'add_period', period: element.period, ifNotExists: false }
  }
}

/** After DROP. */
function drop(ts: TokenStream, mark: number): AlterAction {
  const ifExists = (): boolean => ts.acceptWords('IF', 'EXISTS')
  if (ts.acceptAnyWord(['INDEX', 'KEY'])) {
    const exists = ifExists()
    return { kind: 'drop_index', name: ts.name('index name'), ifExists: exists }
  }
  if (ts.acceptWords('PRIMARY', 'KEY')) return { kind: 'drop_primary_key' }
  if (ts.acceptWords('FOREIGN', 'KEY')) {
    const exists = ifExists()
    return { kind: 'drop_foreign_key', name: ts.name('foreign key name'), ifExists: exists }
  }
  if (ts.isAnyWord(['CONSTRAINT', 'CHECK'])) {
    const constraint = ts.next().upper === 'CHECK' ? 'check' : 'any'
    const exists = ifExists()
    return { kind: 'drop_constraint', name: ts.name('constraint name'), ifExists: exists, constraint }
  }
  if (ts.acceptWord('PARTITION')) {
    ifExists()
    const partitions = partitionNames(ts)
    return partitionOperation(ts, mark, 'drop', partitions)
  }
  if (ts.acceptWords('SYSTEM', 'VERSIONING')) return { kind: 'system_versioning', add: false }
  if (ts.isWord('PERIOD') && ts.isAnyWord(['FOR', 'IF'], 1)) {
    ts.next()
    const exists = ifExists()
    ts.expectWord('FOR')
    const name = ts.acceptWord('SYSTEM_TIME') ? 'SYSTEM_TIME' : ts.name('period name')
    return { kind: 'drop_period', name, ifExists: exists }
  }
  ts.acceptWord('COLUMN')
  const exists = ifExists()
  const name = ts.name('column name')
  ts.acceptAnyWord(['RESTRICT', 'CASCADE'])
  return { kind: 'drop_column', name, ifExists: exists }
}

/** After RENAME: COLUMN a TO b, INDEX | KEY a TO b, or [TO | AS | =] new_table. */
function rename(ts: TokenStream): AlterAction {
  if (ts.acceptWord('COLUMN')) {
    const ifExists = ts.acceptWords('IF', 'EXISTS')
    const from = ts.name('column name')
    ts.expectWord('TO')
    return { kind: 'rename_column', from, to: ts.name('column name'), ifExists }
  }
  if (ts.acceptAnyWord(['INDEX', 'KEY'])) {
    ts.acceptWords('IF', 'EXISTS')
    const from = ts.name('index name')
    ts.expectWord('TO')
    return { kind: 'rename_index', from, to: ts.name('index name') }
  }
  if (!ts.acceptAnyWord(['TO', 'AS'])) ts.acceptPunct('=')
  return { kind: 'rename_table', to: ts.tableRef() }
}

/** After ALTER: [COLUMN] c SET DEFAULT / DROP DEFAULT / SET [IN]VISIBLE, INDEX i [IN]VISIBLE, CHECK c [NOT] ENFORCED. */
function alter(ts: TokenStream, noEffect: (clause: NoEffectClause) => AlterAction): AlterAction {
  if (ts.acceptWord('INDEX') || ts.acceptWord('KEY')) {
    ts.name('index name')
    if (!ts.acceptAnyWord(['VISIBLE', 'INVISIBLE', 'IGNORED']) && !ts.acceptWords('NOT', 'IGNORED')) {
      ts.fail('expected VISIBLE, INVISIBLE, IGNORED or NOT IGNORED')
    }
    return noEffect('alter_index_visibility')
  }
  if (ts.acceptAnyWord(['CHECK', 'CONSTRAINT'])) {
    ts.name('constraint name')
    if (!ts.acceptWord('ENFORCED') && !ts.acceptWords('NOT', 'ENFORCED')) ts.fail('expected ENFORCED or NOT ENFORCED')
    return noEffect('alter_check_enforcement')
  }
  ts.acceptWord('COLUMN')
  ts.acceptWords('IF', 'EXISTS')
  const name = ts.name('column name')
  if (ts.acceptWords('SET', 'DEFAULT')) return { kind: 'alter_column_default', name, default: parseDefault(ts) }
  if (ts.acceptWords('DROP', 'DEFAULT')) return { kind: 'alter_column_default', name, default: null }
  if (ts.acceptWords('SET', 'VISIBLE')) return { kind: 'alter_column_visibility', name, invisible: false }
  if (ts.acceptWords('SET', 'INVISIBLE')) return { kind: 'alter_column_visibility', name, invisible: true }
  return ts.fail('expected SET DEFAULT, DROP DEFAULT, SET VISIBLE or SET INVISIBLE')
}

/** After CONVERT: TO CHARACTER SET x [COLLATE y], or MariaDB's PARTITION p TO TABLE t / TABLE t TO PARTITION p ... */
function convert(ts: TokenStream, mark: number): AlterAction {
  if (ts.acceptWord('TO')) {
    if (!acceptCharsetKeyword(ts)) ts.fail('expected CHARACTER SET')
    const charset = charsetName(ts)
    const collation = ts.acceptWord('COLLATE') ? charsetName(ts) : null
    return { kind: 'convert_charset', charset, collation }
  }
  if (ts.acceptWord('PARTITION')) {
    const partition = ts.name('partition name')
    ts.expectWord('TO', 'TABLE')
    ts.tableRef()
    return partitionOperation(ts, mark, 'convert_to_table', [partition])
  }
  ts.expectWord('TABLE')
  ts.tableRef()
  ts.expectWord('TO')
  ts.expectWord('PARTITION')
  const partition = ts.name('partition name')
  ts.until((t) => t.kind === 'punct' && t.value === ',')
  return partitionOperation(ts, mark, 'convert_from_table', [partition])
}
