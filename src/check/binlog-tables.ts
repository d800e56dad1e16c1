// The tables the recent binlog names: each TABLE_MAP (a table written to) and each CREATE TABLE,
// with RENAME and DROP followed so that a table gone since is not named. A replication account
// may read the binlog of tables it cannot SELECT, and the server hides those tables from it
// everywhere else: the binlog is the one place their names show. It only knows tables written to
// or created within what was read: the newest transactions of each server that wrote the binlog
// (by GTID, in windows going back until a limit of bytes or time), else the newest binlog file if
// it is small enough.

import { BinlogClient, type BinlogPosition, MariadbGtidList, MysqlGtidSet, type SourceOptions, type StreamStart } from '../binlog/index.ts'
import { serverVersionNumber, sqlModeOptions } from '../schema/ddl/index.ts'
import { tableKey } from '../model/index.ts'
import { type TableSetChange, statementChange } from './table-set-changes.ts'

export interface BinlogTables {
  /** [database, table], in the order first seen. */
  tables: [string, string][]
  /** What was read, in words: "the last 1234 transactions of the binlog, since 2026-12-06 23:01:02 UTC". */
  read: string
  /** False when a limit stopped the read before the end of the binlog (its newest part is unread). */
  complete: boolean
}

export type BinlogTablesReader = (options: SourceOptions, avoidServerIds: readonly number[]) => Promise<BinlogTables>

export interface ReadLimits {
  /** Windows read back, newest first, in transactions per GTID source (MySQL server uuid, MariaDB domain). */
  windows: readonly number[]
  /** Bytes of binlog and milliseconds for all windows together; a window cut short is not used. */
  maxBytes: number
  maxMs: number
}

/**
 * A window is read oldest first, so one that a limit cuts short read its oldest part only: the
 * newest hundred transactions come first, so that a few large ones among the newest thousand do not
 * leave the newest, the tables most likely missing, unread.
 */
export const DEFAULT_LIMITS: ReadLimits = { windows: [100, 1_000, 10_000, 100_000], maxBytes: 256 << 20, maxMs: 10_000 }

interface Budget {
  bytes: number
  deadline: number
}

export function binlogTablesReader(limits: ReadLimits = DEFAULT_LIMITS): BinlogTablesReader {
  return async (options, avoid) => {
    const client = await BinlogClient.connect(options)
    try {
      return await readTables(client, limits, serverIdAvoiding(avoid))
    } finally {
      client.close()
    }
  }
}

async function readTables(client: BinlogClient, limits: ReadLimits, serverId: number): Promise<BinlogTables> {
  const end = await client.currentPosition()
  const budget: Budget = { bytes: limits.maxBytes, deadline: Date.now() + limits.maxMs }
  const reads: Read[] = []
  let refused: Error | null = null
  for (const w of await gtidWindows(client, end, limits)) {
    let read: Read
    try {
      read = await scan(client, w, serverId, budget)
    } catch (err) {
      // The source refuses a start whose transactions it purged (or never had): stop going back.
      if (!/refused by the source/.test((err as Error).message)) throw err
      refused = err as Error
      break
    }
    // An older window cut short read its oldest part only: the newer ones stand without it.
    if (read.complete || reads.length === 0) reads.push(read)
    if (!read.complete || !w.more) break
  }
  if (reads.length === 0) {
    const file = await newestFile(client, limits.maxBytes)
    if (file === null) throw refused ?? new Error('the source has no GTIDs and its newest binlog file is larger than check reads')
    reads.push(await scan(client, file, serverId, budget))
  }
  const tables = new Map<string, [string, string]>()
  for (const r of [...reads].reverse()) for (const op of r.ops) op(tables)
  const transactions = reads.reduce((n, r) => n + r.transactions, 0)
  const oldest = reads.at(-1)!
  const complete = reads[0]!.complete
  const since =
    oldest.since === null
      ? ''
      : `, since ${new Date(oldest.since * 1000)
          .toISOString()
          .replace('T', ' ')
          .replace(/\.\d+Z$/, ' UTC')}`
  const what = oldest.what ?? `the last ${transactions} transaction${transactions === 1 ? '' : 's'} of the binlog`
  const stopped = complete ? '' : ` (stopped at ${limits.maxBytes >> 20} MiB or ${limits.maxMs / 1000} s, before the end of the binlog)`
  return { tables: [...tables.values()], read: `${what}${since}${stopped}`, complete }
}

interface Window {
  start: StreamStart
  /** How to say what it read, when not "the last N transactions". */
  what: string | null
  /** MariaDB: stop at a GTID past this sequence number of its domain (the newer window was read). */
  stopAfter: Map<number, bigint> | null
  /** Older windows may follow. */
  more: boolean
}

interface Read {
  ops: TableSetChange[]
  transactions: number
  since: number | null
  complete: boolean
  what: string | null
}

/**
 * The GTID windows, newest first: with windows [1000, 10000], the last 1,000 transactions of each
 * source, then the 9,000 before them. MySQL sends only the transactions missing from the set it
 * is given, so each window is exact. MariaDB starts after one GTID per domain and sends all that
 * follows, so the read stops where the newer window began; a domain with fewer transactions than
 * a window is not read back (starting it from the first binlog would read the whole binlog).
 */
async function gtidWindows(client: BinlogClient, end: BinlogPosition, limits: ReadLimits): Promise<Window[]> {
  const out: Window[] = []
  const windows = limits.windows
  if (end.gtidSet instanceof MysqlGtidSet) {
    const [row] = await client.sql.query<{ purged: string }>('SELECT @@global.gtid_purged AS purged')
    // Transactions in files older than the newest maxBytes are taken as gone too: a window of a
    // source that last wrote long ago (an old server uuid, a tag) would make the server scan every
    // file since, and the read would end at the time limit before the newest transactions.
    const purged = MysqlGtidSet.parse(String(row?.purged ?? '').replace(/\s+/g, '')).union(await gtidsBeforeNewest(client, limits.maxBytes))
    const executed = end.gtidSet
    const back = (k: number) =>
      MysqlGtidSet.fromEntries(executed.entries().map((e) => ({ ...e, intervals: dropLast(e.intervals, BigInt(k)) })))
    let newer = 0
    for (const [i, n] of windows.entries()) {
      const window = back(newer).subtract(back(n))
      if (window.isEmpty) break
      // Older transactions still in the binlog: the next window has something to read.
      const older = back(n).subtract(purged)
      out.push({
        start: { gtid: executed.subtract(window).union(purged).toString() },
        what: null,
        stopAfter: null,
        more: i < windows.length - 1 && !older.isEmpty,
      })
      if (older.isEmpty) break
      newer = n
    }
  } else if (end.gtidSet instanceof MariadbGtidList) {
    const gtids = end.gtidSet.gtids
    let newer = 0n
    for (const [i, n] of windows.entries()) {
      const k = BigInt(n)
      const backed = gtids.filter((g) => g.seqNo > k)
      if (backed.length === 0) break
      // Domains read back start n earlier; the others start where they are (nothing of them is read).
      const start = MariadbGtidList.of(gtids.map((g) => (g.seqNo > k ? { ...g, seqNo: g.seqNo - k } : g)))
      const stopAfter = newer === 0n ? null : new Map(backed.map((g) => [g.domainId, g.seqNo - newer]))
      out.push({ start: { gtid: start.toString() }, what: null, stopAfter, more: i < windows.length - 1 })
      newer = k
    }
  }
  return out
}

/** The transactions in the binlog files before the newest ones that together hold at most `maxBytes` (at least the newest file). */
async function gtidsBeforeNewest(client: BinlogClient, maxBytes: number): Promise<MysqlGtidSet> {
  const logs = await client.sql.query<Record<string, unknown>>('SHOW BINARY LOGS')
  let first = logs.length - 1
  for (let bytes = Number(logs[first]?.File_size ?? 0); first > 0 && bytes + Number(logs[first - 1]!.File_size) <= maxBytes; first--)
    bytes += Number(logs[first - 1]!.File_size)
  if (first <= 0) return MysqlGtidSet.parse('')
  // A file's Previous_gtids event holds the transactions of the files before it.
  const events = await client.sql.query<Record<string, unknown>>(
    `SHOW BINLOG EVENTS IN '${String(logs[first]!.Log_name).replace(/'/g, "''")}' LIMIT 3`,
  )
  const previous = events.find((e) => e.Event_type === 'Previous_gtids')
  return MysqlGtidSet.parse(String(previous?.Info ?? '').replace(/\s+/g, ''))
}

/** Without GTIDs: the newest binlog file, when it is small enough to read whole. */
async function newestFile(client: BinlogClient, maxBytes: number): Promise<Window | null> {
  const logs = await client.sql.query<Record<string, unknown>>('SHOW BINARY LOGS')
  const newest = logs.at(-1)
  if (!newest || Number(newest.File_size) > maxBytes) return null
  return {
    start: { file: String(newest.Log_name), offset: 4 },
    what: `the newest binlog file, ${String(newest.Log_name)}`,
    stopAfter: null,
    more: false,
  }
}

/** `intervals` without their last `n` transaction numbers. */
function dropLast(intervals: readonly { first: bigint; last: bigint }[], n: bigint): { first: bigint; last: bigint }[] {
  const out = intervals.map((i) => ({ ...i }))
  while (n > 0n && out.length > 0) {
    const last = out[out.length - 1]!
    const size = last.last - last.first + 1n
    if (size > n) {
      last.last -= n
      n = 0n
    } else {
      out.pop()
      n -= size
    }
  }
  return out
}

async function scan(client: BinlogClient, w: Window, serverId: number, budget: Budget): Promise<Read> {
  const flavor = client.info.flavor
  const version = serverVersionNumber(client.info.version) ?? undefined
  const stream = await client.events(w.start, { serverId, nonBlocking: true, replicaHost: 'chsync check' })
  const read: Read = { ops: [], transactions: 0, since: null, complete: true, what: w.what }
  const timer = setTimeout(
    () => {
      read.complete = false
      stream.close()
    },
    Math.max(0, budget.deadline - Date.now()),
  )
  const bytesAtStart = budget.bytes
  try {
    for await (const ev of stream) {
      const body = ev.body
      if (body.kind === 'mariadb_gtid' && w.stopAfter && body.gtid.seqNo > (w.stopAfter.get(body.gtid.domainId) ?? -1n)) break
      if (read.since === null && ev.header.timestamp > 0 && (body.kind === 'gtid' || body.kind === 'mariadb_gtid'))
        read.since = ev.header.timestamp
      if (body.kind === 'gtid' || body.kind === 'mariadb_gtid') read.transactions++
      else if (body.kind === 'table_map') {
        const name: [string, string] = [body.database, body.table]
        read.ops.push((tables) => tables.set(tableKey(...name), name))
      } else if (body.kind === 'query') {
        const options = {
          flavor,
          serverVersion: version,
          ...(body.status.sqlMode !== undefined ? sqlModeOptions(body.status.sqlMode) : {}),
        }
        const op = statementChange(body.database, body.query, options)
        if (op) read.ops.push(op)
      }
      budget.bytes = bytesAtStart - stream.stats.bytes
      if (budget.bytes <= 0) {
        read.complete = false
        break
      }
    }
  } finally {
    clearTimeout(timer)
    stream.close()
  }
  return read
}

/** A replica id for this short read: not chsync's own (the source would drop one of the two) nor another replica's. */
function serverIdAvoiding(avoid: readonly number[]): number {
  for (;;) {
    const id = 0x80000000 + Math.floor(Math.random() * 0x7fffffff)
    if (!avoid.includes(id)) return id
  }
}
