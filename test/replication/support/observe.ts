// What a test reads back from a running chsync besides the rows: ClickHouse's own catalog (tables,
// columns, leftovers), the health answer with its HTTP status, the metrics, log lines that keep
// repeating, and equality over several databases or a few named tables.

import type { ClickHouseClient } from '@clickhouse/client'
import { type TableDiff, compareTable, isEqual } from './compare.ts'
import type { ReplicationContext } from './context.ts'

/** The health JSON, with the fields of issue 10 (older builds leave some out). */
export interface HealthBody {
  status: string
  stage: string
  caught_up: boolean
  lag_seconds: number | null
  consumer_gtid: string | null
  server_gtid: string | null
  waiting_for: string | null
  error: string | null
  tables_failed?: { table: string; reason: string }[]
  tables_left_out?: { table: string; reason: string }[]
}

export async function chRows<T>(ch: ClickHouseClient, query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const rs = await ch.query({ query, query_params: params, format: 'JSONEachRow' })
  return (await rs.json()) as T[]
}

export async function chTables(ch: ClickHouseClient, db: string): Promise<string[]> {
  const rows = await chRows<{ name: string }>(ch, 'SELECT name FROM system.tables WHERE database = {db:String} ORDER BY name', { db })
  return rows.map((r) => r.name)
}

export interface ChTable {
  engine: string
  uuid: string
  metadata_modification_time: string
  total_rows: string | null
}

export async function chTable(ch: ClickHouseClient, db: string, table: string): Promise<ChTable | null> {
  const rows = await chRows<ChTable>(
    ch,
    'SELECT engine, toString(uuid) AS uuid, toString(metadata_modification_time) AS metadata_modification_time, toString(total_rows) AS total_rows FROM system.tables WHERE database = {db:String} AND name = {t:String}',
    { db, t: table },
  )
  return rows[0] ?? null
}

export interface ChColumn {
  name: string
  type: string
  default_kind: string
  default_expression: string
}

export async function chColumns(ch: ClickHouseClient, db: string, table: string): Promise<ChColumn[]> {
  return chRows<ChColumn>(
    ch,
    'SELECT name, type, default_kind, default_expression FROM system.columns WHERE database = {db:String} AND table = {t:String} ORDER BY position',
    { db, t: table },
  )
}

/** chsync's temporary tables (`_chsync_…`) anywhere in ClickHouse, as "db.table". */
export async function leftoverTempTables(ch: ClickHouseClient): Promise<string[]> {
  const rows = await chRows<{ d: string; t: string }>(
    ch,
    "SELECT database AS d, name AS t FROM system.tables WHERE startsWith(name, '_chsync_') ORDER BY 1, 2",
  )
  return rows.map((r) => `${r.d}.${r.t}`)
}

/** GET /health with its HTTP status (the context must have been opened with `health: true`). */
export async function health(ctx: ReplicationContext): Promise<{ code: number; body: HealthBody }> {
  const res = await fetch('http://localhost/health', { unix: ctx.healthSocket })
  return { code: res.status, body: (await res.json()) as HealthBody }
}

export async function metrics(ctx: ReplicationContext): Promise<string> {
  return (await fetch('http://localhost/metrics', { unix: ctx.healthSocket })).text()
}

/** Polls `probe` until it returns a value that is not undefined; fails naming `what` after `ms`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000, every = 250): Promise<T> {
  const deadline = Date.now() + ms
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const v = await probe()
      if (v !== undefined) return v
    } catch (err) {
      last = err
    }
    await Bun.sleep(every)
  }
  throw new Error(`${what}: not within ${ms} ms${last ? ` (last error: ${last})` : ''}`)
}

/**
 * Warning and error lines that repeat: the same message (and table) more than `max` times among
 * the lines of the last `withinMs` before `now`. A stream that restarts in a loop shows here.
 */
export function repeatedLogLines(lines: Record<string, unknown>[], withinMs: number, max: number, now = Date.now()): string[] {
  const counts = new Map<string, number>()
  for (const l of lines) {
    if (l.level !== 'warn' && l.level !== 'error') continue
    if (now - Date.parse(String(l.ts)) > withinMs) continue
    const what = `${l.level}: ${l.msg}${l.table ? ` (${l.table})` : ''}`
    counts.set(what, (counts.get(what) ?? 0) + 1)
  }
  return [...counts].filter(([, n]) => n > max).map(([what, n]) => `${n}× ${what}`)
}

/** Base tables of a source database. */
export async function sourceTables(ctx: ReplicationContext, db: string): Promise<string[]> {
  const [rows] = await ctx.sql.query(
    `SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1`,
    [db],
  )
  return (rows as { t: string }[]).map((r) => r.t)
}

/** Source columns of a table, in order. */
export async function sourceColumns(ctx: ReplicationContext, db: string, table: string): Promise<string[]> {
  const [rows] = await ctx.sql.query(
    'SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
    [db, table],
  )
  return (rows as { c: string }[]).map((r) => r.c)
}

const CHSYNC_COLUMNS = new Set(['_version', '_is_deleted', '_key'])

/**
 * Everything that differs between the source databases and their ClickHouse copies (same names):
 * rows value by value, tables only on one side, columns only on one side. Empty when equal.
 */
export async function differencesIn(ctx: ReplicationContext, dbs: string[]): Promise<string[]> {
  const out: string[] = []
  for (const db of dbs) {
    const src = await sourceTables(ctx, db)
    const target = (await chTables(ctx.ch, db)).filter((t) => !t.startsWith('_chsync_'))
    for (const t of target) if (!src.includes(t)) out.push(`${db}.${t}: only in ClickHouse`)
    for (const t of src) {
      if (!target.includes(t)) {
        out.push(`${db}.${t}: missing in ClickHouse`)
        continue
      }
      const want = (await sourceColumns(ctx, db, t)).sort()
      const have = (await chColumns(ctx.ch, db, t))
        .map((c) => c.name)
        .filter((c) => !CHSYNC_COLUMNS.has(c))
        .sort()
      if (want.join() !== have.join())
        out.push(`${db}.${t}: columns ${JSON.stringify(have)} in ClickHouse, ${JSON.stringify(want)} on the source`)
      else out.push(...diffText(await compareTable(ctx.server, ctx.ch, db, t, ctx.source)))
    }
  }
  return out
}

function diffText(d: TableDiff): string[] {
  if (isEqual(d)) return []
  return [
    `${d.table}: source ${d.sourceRows} rows, target ${d.targetRows}; missing ${d.missing.slice(0, 5).join(' ')}; extra ${d.extra.slice(0, 5).join(' ')}; different ${d.different.slice(0, 3).join(' | ')}`,
  ]
}

/** Polls until differencesIn() is empty; fails with the differences and the log tail after `ms`. */
export async function waitEqualIn(ctx: ReplicationContext, dbs: string[], ms: number): Promise<void> {
  const deadline = Date.now() + ms
  let last: string[] = []
  while (Date.now() < deadline) {
    if (!ctx.running) throw new Error(`chsync is not running:\n${ctx.log.slice(-4000)}`)
    try {
      last = await differencesIn(ctx, dbs)
      if (last.length === 0) return
    } catch (err) {
      last = [`comparing failed: ${err}`]
    }
    await Bun.sleep(500)
  }
  throw new Error(`not equal after ${ms} ms:\n${last.slice(0, 20).join('\n')}\nlog tail:\n${ctx.log.slice(-3000)}`)
}

/** Polls until the named tables of the context's database equal their copies. */
export async function waitTablesEqual(ctx: ReplicationContext, tables: string[], ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms
  let last: string[] = []
  while (Date.now() < deadline) {
    if (!ctx.running) throw new Error(`chsync is not running:\n${ctx.log.slice(-4000)}`)
    try {
      last = []
      for (const t of tables) last.push(...diffText(await compareTable(ctx.server, ctx.ch, ctx.db, t, ctx.source)))
      if (last.length === 0) return
    } catch (err) {
      last = [`comparing failed: ${err}`]
    }
    await Bun.sleep(250)
  }
  throw new Error(`${tables.join(', ')} not equal after ${ms} ms:\n${last.join('\n')}\nlog tail:\n${ctx.log.slice(-3000)}`)
}
