// Compares a source table with its ClickHouse copy. Both sides are turned into the same bytes —
// the source rows through the sink's own encoders, the target rows as ClickHouse writes them in
// RowBinary — and hashed row by row into buckets by key. Buckets that differ are read again to
// name the rows and the primary-key range of the source chunk they are in.

import type { ClickHouseClient } from '@clickhouse/client'
import { type Cell, type SourceTable, tableName } from '../model/index.ts'
import type { CharsetRegistry, SourceOptions } from '../binlog/index.ts'
import type { ColumnShaping } from '../sink/shaping/index.ts'
import { RowBinaryReader, compileDecoders } from '../sink/clickhouse/decode/index.ts'
import { ClampCounter, RowBinaryWriter, columnEncoder, keyHash } from '../sink/clickhouse/encode/index.ts'
import { currentRowsFrom, existingTarget } from '../sink/clickhouse/index.ts'
import { type TargetNaming, type TargetTable, ident } from '../sink/clickhouse/target-table.ts'
import { copyTable } from '../snapshot/table-copy.ts'
import type { TableState } from '../state/index.ts'
import { RowSplitter, skipperFor } from './row-binary-rows.ts'

export interface VerifyContext {
  source: SourceOptions
  charsets: CharsetRegistry
  client: ClickHouseClient
  naming: TargetNaming
  chunkRows: number
  /** apply.ignore_deletes: rows only in the target are kept deletes, not differences. */
  keepsDeleted?: boolean
  /** Columns left out or masked: the source rows are compared as they leave chsync. */
  shaping?: ColumnShaping
  /** Buckets the rows are spread over (default 4096). */
  buckets?: number
}

export interface TableVerdict {
  table: string
  sourceRows: number
  targetRows: number
  /** Keys (as text) in the source but not in the target, in the target but not the source, or with other values. */
  missing: string[]
  extra: string[]
  different: string[]
  /** How many keys of each kind, and key ranges, there are (the lists hold the first 20). */
  counts: { missing: number; extra: number; different: number; ranges: number }
  /** Source chunks, "[first key .. last key]", that hold a difference. */
  ranges: string[]
  /** ClickHouse has no table for it (never equal, even to an empty source table). */
  targetMissing?: boolean
  /** Rows only in the target that apply.ignore_deletes keeps (deleted on the source): not differences. */
  kept?: number
}

const MASK = (1n << 64n) - 1n
/** How many keys of each kind a verdict lists. */
const LIST = 20

interface Agg {
  count: Uint32Array
  sum: BigUint64Array
}

function agg(n: number): Agg {
  return { count: new Uint32Array(n), sum: new BigUint64Array(n) }
}

/** Hashes of the rows in the buckets of `only` (keyed by key hex), for the second pass. */
type Detail = Map<string, { hash: bigint; key: string; chunk: number }>

export async function verifyTable(ctx: VerifyContext, table: SourceTable): Promise<TableVerdict> {
  const target = await existingTarget(ctx.client, ctx.shaping?.table(table) ?? table, ctx.naming)
  const nb = ctx.buckets ?? 4096
  const bucketOf = (key: Uint8Array) => Number(Bun.hash.xxHash64(key) % BigInt(nb))

  const src = agg(nb)
  const dst = agg(nb)
  await scanSource(ctx, table, target, (key, hash) => add(src, bucketOf(key), hash))
  const found = await scanTarget(ctx, target, (key, hash) => add(dst, bucketOf(key), hash))
  const verdict: TableVerdict = {
    table: tableName(table.database, table.table),
    sourceRows: sumCounts(src),
    targetRows: sumCounts(dst),
    missing: [],
    extra: [],
    different: [],
    counts: { missing: 0, extra: 0, different: 0, ranges: 0 },
    ranges: [],
  }
  if (!found) verdict.targetMissing = true
  const differing = new Set<number>()
  for (let b = 0; b < nb; b++) if (src.count[b] !== dst.count[b] || src.sum[b] !== dst.sum[b]) differing.add(b)
  if (differing.size === 0) return verdict

  // Second pass: only the differing buckets, row by row.
  const s: Detail = new Map()
  const t: Detail = new Map()
  const chunks = await scanSource(ctx, table, target, (key, hash, text, chunk) => {
    if (differing.has(bucketOf(key))) s.set(Buffer.from(key).toString('hex'), { hash, key: text(), chunk })
  })
  await scanTarget(ctx, target, (key, hash, text) => {
    if (differing.has(bucketOf(key))) t.set(Buffer.from(key).toString('hex'), { hash, key: text(), chunk: -1 })
  })
  const ranges = new Set<string>()
  for (const [k, row] of s) {
    const other = t.get(k)
    if (!other) push(verdict, 'missing', row.key)
    else if (other.hash !== row.hash) push(verdict, 'different', row.key)
    else continue
    const c = chunks[row.chunk]
    ranges.add(`[${c.first} .. ${c.last}]`)
  }
  for (const [k, row] of t) {
    if (s.has(k)) continue
    if (ctx.keepsDeleted) verdict.kept = (verdict.kept ?? 0) + 1
    else push(verdict, 'extra', row.key)
  }
  verdict.ranges = [...ranges].slice(0, LIST)
  verdict.counts.ranges = ranges.size
  return verdict
}

export function isEqual(v: TableVerdict): boolean {
  return !v.targetMissing && v.sourceRows + (v.kept ?? 0) === v.targetRows && v.missing.length + v.extra.length + v.different.length === 0
}

function add(a: Agg, b: number, hash: bigint): void {
  a.count[b]++
  a.sum[b] = (a.sum[b] + hash) & MASK
}

function sumCounts(a: Agg): number {
  let n = 0
  for (const c of a.count) n += c
  return n
}

function push(v: TableVerdict, kind: 'missing' | 'extra' | 'different', key: string): void {
  v.counts[kind]++
  if (v[kind].length < LIST) v[kind].push(key)
}

type RowVisitor = (key: Uint8Array, hash: bigint, keyText: () => string, chunk: number) => void

/**
 * The source rows in key order, each encoded as the sink encodes it; returns the first and last
 * key of every chunk read (the `chunk` each row was handed with indexes it).
 */
async function scanSource(
  ctx: VerifyContext,
  table: SourceTable,
  target: TargetTable,
  visit: RowVisitor,
): Promise<{ first: string; last: string }[]> {
  const encoders = target.columns.map((c) => columnEncoder(c, new ClampCounter()))
  const w = new RowBinaryWriter(1 << 16)
  const keyWriter = new RowBinaryWriter(256)
  const pk = target.source.primaryKey
  const chunks: { first: string; last: string }[] = []
  let newChunk = true
  const state: TableState = {
    database: table.database,
    table: table.table,
    stage: 'snapshot',
    snapshotVersion: 0n,
    cursor: null,
    rowsCopied: 0,
    rowsEstimate: 0,
  }
  await copyTable(
    () => table,
    state,
    {
      row: (_shape, read: Cell[]) => {
        const cells = ctx.shaping ? ctx.shaping.row(table, read) : read
        w.reset()
        keyWriter.reset()
        for (let i = 0; i < encoders.length; i++) {
          const start = w.length
          encoders[i](w, cells[i])
          if (pk.includes(i)) keyWriter.raw(w.since(start))
        }
        if (pk.length === 0) keyWriter.u64(keyHash(cells))
        const text = JSON.stringify(pk.length ? pk.map((i) => textOf(cells[i])) : cells.map(textOf))
        if (newChunk) chunks.push({ first: text, last: text })
        else chunks[chunks.length - 1].last = text
        newChunk = false
        visit(keyWriter.bytes(), Bun.hash.xxHash64(w.bytes()), () => text, chunks.length - 1)
      },
      chunkDone: () => {
        newChunk = true
      },
    },
    { source: ctx.source, charsets: ctx.charsets, chunkRows: ctx.chunkRows },
  )
  return chunks
}

/**
 * The target's current rows (`FINAL`, or each key's newest history row), as RowBinary, split into
 * rows; false when there is no such table. A row's key text is decoded from its values as the
 * source's is written (a keyless table's whole row), not the bytes of its key.
 */
async function scanTarget(ctx: VerifyContext, t: TargetTable, visit: RowVisitor): Promise<boolean> {
  const skips = t.columns.map(skipperFor)
  const pk = t.source.primaryKey
  const keyless = pk.length === 0
  if (keyless) skips.push((_b, p, end) => (p + 8 <= end ? 8 : -1))
  const cols = t.columns.map((c) => ident(c.name))
  if (keyless) cols.push('_key')
  const n = t.columns.length
  const decoders = compileDecoders(t.columns, ctx.charsets)
  const splitter = new RowSplitter(skips, (row, ends) => {
    const valuesEnd = ends[n - 1]
    let key: Uint8Array
    if (keyless) key = row.subarray(valuesEnd, ends[n])
    else key = Buffer.concat(pk.map((i) => row.subarray(i === 0 ? 0 : ends[i - 1], ends[i])))
    const text = () => {
      try {
        const reader = new RowBinaryReader(Buffer.from(row.subarray(0, valuesEnd)))
        const cells = decoders.map((d) => d(reader))
        return JSON.stringify(keyless ? cells.map(textOf) : pk.map((i) => textOf(cells[i])))
      } catch {
        // A value the decoders refuse (written by someone else): the key's bytes still name the row.
        return `0x${Buffer.from(key).toString('hex')}`
      }
    }
    visit(key, Bun.hash.xxHash64(row.subarray(0, valuesEnd)), text, -1)
  })
  const exists = await ctx.client.query({
    query: 'SELECT count() AS n FROM system.tables WHERE database = {db:String} AND name = {t:String}',
    query_params: { db: t.database, t: t.table },
    format: 'JSONEachRow',
  })
  const [{ n: found }] = (await exists.json()) as { n: string }[]
  if (Number(found) === 0) return false
  const r = await ctx.client.exec({ query: `SELECT ${cols.join(', ')} FROM ${currentRowsFrom(t)} FORMAT RowBinary` })
  for await (const chunk of r.stream) splitter.push(chunk as Buffer)
  splitter.end()
  return true
}

function textOf(c: Cell): unknown {
  if (c instanceof Uint8Array) return `0x${Buffer.from(c).toString('hex')}`
  if (typeof c === 'bigint') return c.toString()
  return c
}
