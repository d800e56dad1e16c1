// What every chsync-side decoder counts of the bench table's rows: row changes by kind and the
// non-null values of every image (proof that each value was decoded and looked at).

import type { EventBody } from '../../src/binlog/index.ts'
import type { Row } from '../../src/model/index.ts'
import type { DecodeResult } from './measure.ts'

export function tallyRows(result: DecodeResult, body: EventBody, database: string, table: string): void {
  if (body.kind !== 'rows' || body.table.table !== table || body.table.database !== database) return
  if (body.op === 'insert') result.inserts += body.after!.length
  else if (body.op === 'update') result.updates += body.after!.length
  else result.deletes += body.before!.length
  if (body.before) result.values += countValues(body.before)
  if (body.after) result.values += countValues(body.after)
}

function countValues(rows: Row[]): number {
  let n = 0
  for (const row of rows) for (let i = 0; i < row.length; i++) if (row[i] != null) n++
  return n
}
