// PARTITION BY clauses, read for their shape (method, expression, partition names) with the
// whole clause kept as text; partitioning never changes the data columns.

import type { Partitioning } from './ast.ts'
import type { Token } from './lexer.ts'
import type { TokenStream } from './token-stream.ts'

export function startsPartitionBy(ts: TokenStream): boolean {
  return ts.isWords('PARTITION', 'BY')
}

/** PARTITION BY ... [PARTITIONS n] [SUBPARTITION BY ...] [(partition definitions)] */
export function parsePartitionBy(ts: TokenStream): Partitioning {
  const mark = ts.mark()
  ts.expectWord('PARTITION', 'BY')
  const linear = ts.acceptWord('LINEAR')
  const method = ts.expectAnyWord(
    linear ? ['HASH', 'KEY'] : ['HASH', 'KEY', 'RANGE', 'LIST', 'SYSTEM_TIME'],
    linear ? 'HASH or KEY' : 'HASH, KEY, RANGE, LIST or SYSTEM_TIME',
  ) as Partitioning['method']
  let columns = false
  let expression = ''
  switch (method) {
    case 'HASH':
      expression = ts.group()
      break
    case 'KEY':
      keyAlgorithm(ts)
      expression = ts.group()
      break
    case 'RANGE':
    case 'LIST':
      columns = ts.acceptWord('COLUMNS')
      expression = ts.group()
      break
    case 'SYSTEM_TIME':
      // MariaDB: [INTERVAL n unit [STARTS ts]] [LIMIT n] [AUTO]
      ts.until((t) => isWord(t, 'PARTITIONS') || isWord(t, 'SUBPARTITION') || (t.kind === 'punct' && t.value === '('))
      break
  }
  let count: number | null = null
  if (ts.acceptWord('PARTITIONS')) count = ts.integer('a partition count')
  if (ts.acceptWords('SUBPARTITION', 'BY')) {
    ts.acceptWord('LINEAR')
    if (ts.expectAnyWord(['HASH', 'KEY'], 'HASH or KEY') === 'KEY') keyAlgorithm(ts)
    ts.group()
    if (ts.acceptWord('SUBPARTITIONS')) ts.integer('a subpartition count')
  }
  let names: string[] = []
  if (ts.isPunct('(')) {
    names = partitionDefinitions(ts)
    count ??= names.length
  }
  return { method, linear, columns, expression, count, names, text: ts.textSince(mark) }
}

function keyAlgorithm(ts: TokenStream): void {
  if (ts.acceptWord('ALGORITHM')) {
    ts.expectPunct('=')
    ts.integer('a key algorithm')
  }
}

/** (PARTITION p0 VALUES ... , PARTITION p1 ...): the partition names. */
export function partitionDefinitions(ts: TokenStream): string[] {
  ts.expectPunct('(')
  const names: string[] = []
  do {
    ts.expectWord('PARTITION')
    names.push(ts.name('partition name'))
    ts.until((t) => t.kind === 'punct' && t.value === ',')
  } while (ts.acceptPunct(','))
  ts.expectPunct(')')
  return names
}

/** p1, p2 | ALL */
export function partitionNames(ts: TokenStream): string[] | 'ALL' {
  if (ts.acceptWord('ALL')) return 'ALL'
  const names: string[] = []
  do names.push(ts.name('partition name'))
  while (ts.acceptPunct(','))
  return names
}

function isWord(t: Token, upper: string): boolean {
  return t.kind === 'word' && t.upper === upper
}
