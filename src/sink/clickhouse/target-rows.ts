// TargetRows for ClickHouse: `SELECT … FINAL WHERE (k1, k2) IN (…) OR …` in RowBinary, decoded
// back into the binlog's cells. A FINAL read with a WHERE on columns outside the sorting key scans
// the table: one query per table and call, with the key values of a whole rows event.

import type { ClickHouseClient } from '@clickhouse/client'
import type { Cell, Row, SourceTable } from '../../model/index.ts'
import type { CharsetRegistry } from '../../binlog/index.ts'
import type { RowMatch, TargetRows } from '../target-rows.ts'
import { type CellDecoder, compileDecoders, literalMaker, readRows } from './decode/index.ts'
import { keyHash } from './encode/index.ts'
import { KEY_COLUMN, type TargetNaming, type TargetTable, ident } from './target-table.ts'
import { existingTarget } from './time-choice.ts'
import { currentRowsFrom } from './history.ts'

/** Key tuples per query: keeps the query text far below ClickHouse's max_query_size. */
const TUPLES_PER_QUERY = 2000

/** ClickHouse error codes of a table or database that is not there. */
const MISSING = new Set(['60', '81'])

interface Prepared {
  target: TargetTable
  select: string
  decoders: CellDecoder[]
  literals: ((cell: Exclude<Cell, null | undefined>) => string)[]
}

export interface ClickHouseTargetRowsOptions {
  /**
   * A row of a keyless table whose cells do not hash to its stored `_key` (a value that does not
   * come back exactly, like a clamped date): writing it back would miss the stored row.
   */
  onInexact?: (table: SourceTable, count: number) => void
}

export class ClickHouseTargetRows implements TargetRows {
  private readonly prepared = new WeakMap<SourceTable, Prepared>()

  constructor(
    private readonly client: ClickHouseClient,
    private readonly naming: TargetNaming,
    private readonly charsets: CharsetRegistry,
    private readonly opts: ClickHouseTargetRowsOptions = {},
  ) {}

  async rowsWhere(table: SourceTable, matches: readonly RowMatch[]): Promise<Row[]> {
    const p = await this.prepare(table)
    const conditions: string[] = []
    for (const m of matches) {
      const tuples = m.values.filter((v) => v.every((c) => c !== null && c !== undefined))
      for (let at = 0; at < tuples.length; at += TUPLES_PER_QUERY)
        conditions.push(this.condition(p, m.columns, tuples.slice(at, at + TUPLES_PER_QUERY)))
    }
    if (conditions.length === 0) return []
    const rows: Row[] = []
    const seen = new Set<string>()
    // Several conditions go into one query unless they are long; the rows are told apart by key.
    for (const group of groups(conditions)) {
      for (const row of await this.select(p, table, group.join(' OR '))) {
        const id = p.target.keyless ? String(keyHash(row)) : JSON.stringify(table.primaryKey.map((i) => cellText(row[i])))
        if (seen.has(id)) continue
        seen.add(id)
        rows.push(row)
      }
    }
    return rows
  }

  private condition(p: Prepared, columns: readonly number[], tuples: readonly (readonly Cell[])[]): string {
    const values = tuples.map((t) => {
      const items = columns.map((c, i) => p.literals[c](t[i] as Exclude<Cell, null | undefined>))
      return items.length === 1 ? items[0] : `(${items.join(', ')})`
    })
    const lhs =
      columns.length === 1
        ? ident(p.target.columns[columns[0]].name)
        : `(${columns.map((c) => ident(p.target.columns[c].name)).join(', ')})`
    return `${lhs} IN (${values.join(', ')})`
  }

  private async select(p: Prepared, table: SourceTable, where: string): Promise<Row[]> {
    let body: Buffer
    try {
      const r = await this.client.exec({
        query: `${p.select} WHERE ${where} FORMAT RowBinary`,
        clickhouse_settings: { max_query_size: '33554432' },
      })
      const chunks: Buffer[] = []
      for await (const chunk of r.stream) chunks.push(chunk as Buffer)
      body = Buffer.concat(chunks)
    } catch (err) {
      if (MISSING.has(String((err as { code?: unknown }).code))) return []
      throw err
    }
    if (!p.target.keyless) return readRows(body, p.decoders)
    // Keyless tables: the stored _key comes last; a row whose cells do not hash to it is inexact.
    const rows = readRows(body, [...p.decoders, (r) => r.unsigned(8)])
    let inexact = 0
    for (const row of rows) if (keyHash(row.slice(0, -1)) !== row[row.length - 1]) inexact++
    if (inexact > 0) this.opts.onInexact?.(table, inexact)
    return rows.map((row) => row.slice(0, -1))
  }

  private async prepare(table: SourceTable): Promise<Prepared> {
    let p = this.prepared.get(table)
    if (p) return p
    const target = await existingTarget(this.client, table, this.naming)
    // ClickHouse's JSON type has no simple RowBinary form: its text comes back instead.
    const columns = target.columns.map((c) => (c.kind === 'json' ? `toJSONString(${ident(c.name)})` : ident(c.name)))
    if (target.keyless) columns.push(ident(KEY_COLUMN))
    p = {
      target,
      select: `SELECT ${columns.join(', ')} FROM ${currentRowsFrom(target)}`,
      decoders: compileDecoders(
        target.columns.map((c) => (c.kind === 'json' ? { ...c, nullable: false } : c)),
        this.charsets,
      ),
      literals: target.columns.map((c) => literalMaker(c, this.charsets)),
    }
    this.prepared.set(table, p)
    return p
  }
}

/** Conditions joined into queries of at most about 1 MB of text each. */
function groups(conditions: string[]): string[][] {
  const out: string[][] = []
  let size = Infinity
  for (const c of conditions) {
    if (size + c.length > 1 << 20) {
      out.push([])
      size = 0
    }
    out[out.length - 1].push(c)
    size += c.length
  }
  return out
}

function cellText(c: Cell): unknown {
  if (c instanceof Uint8Array) return `0x${Buffer.from(c).toString('hex')}`
  if (typeof c === 'bigint') return `${c}n`
  return c
}
