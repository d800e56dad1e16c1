// `bun bench/snapshot/main.ts`: chsync's initial copy of a 5-million-row table next to the two
// limits measured in the same run: the source's own full-scan read speed and ClickHouse's ingest
// speed for the same rows in RowBinary. Prints the figures and one verdict line.

import { createTableSql, ident, qualified, systemColumns, targetTable } from '../../src/sink/clickhouse/target-table.ts'
import { runChild } from '../support/child.ts'
import { cpuMeter, serverPids } from '../support/cpu.ts'
import { clickhouse, dropDatabase, rows as chRows } from '../support/clickhouse.ts'
import { orExit } from '../support/options.ts'
import { CLICKHOUSE_URL, SOURCES, serverOf, serversUp } from '../support/servers.ts'
import { runCopy } from './copy.ts'
import type { IngestJob, IngestResult } from './ingest.ts'
import { parseOptions } from './options.ts'
import { type Rates, type SnapshotFigures, renderSnapshotReport } from './report.ts'
import { encodedTable, naming, sourceTable } from './rowbinary.ts'
import type { ScanJob, ScanResult } from './scan.ts'
import { DATABASE, TABLE, ensureTable } from './table.ts'

const log = (line: string) => process.stderr.write(`[bench-snapshot] ${line}\n`)
const opts = orExit(() => parseOptions(process.argv.slice(2)))
const INGEST_DATABASE = 'bench_snapshot_ingest'

serversUp()
const facts = await ensureTable(opts.server, opts.rows, opts.regenerate, log)
const source = await sourceTable(opts.server, DATABASE, TABLE)
const encoded = await encodedTable(opts.server, source, `${opts.server}-${TABLE}-${facts.stamp}`, opts.cacheDir, log)
if (encoded.rows !== opts.rows) throw new Error(`the RowBinary file holds ${encoded.rows} rows, the table ${opts.rows}`)

const ch = clickhouse()
const ingestTarget = { ...targetTable(source, naming), database: INGEST_DATABASE }
const columns = [...ingestTarget.columns.map((c) => c.name), ...systemColumns(ingestTarget).map(([n]) => n)]
// Every value of a row but its version: chsync's copy and the pre-encoded rows must agree on it.
const checksumSql = (db: string) =>
  `SELECT count() AS n, toString(sum(cityHash64(${columns
    .filter((c) => c !== '_version')
    .map(ident)
    .join(', ')}))) AS h FROM ${ident(db)}.${ident(TABLE)}`

const figures: SnapshotFigures = {
  server: opts.server,
  rows: opts.rows,
  textBytes: 0,
  rowBinaryBytes: encoded.bytes,
  scan: null,
  ingest: null,
  copy: null,
  runs: opts.runs,
  history: { scan: [], ingest: [], copy: [] },
  notes: [],
}
const faster = <T extends Rates>(a: T | null, b: T): T => (a && a.seconds <= b.seconds ? a : b)
let expected: { n: string; h: string } | null = null
let serverId = 2_200_000_000 + (process.pid % 10_000) * 1_000

for (let round = 1; round <= opts.runs; round++) {
  let cpu = cpuMeter(serverPids(opts.server))
  const scan = await runChild<ScanResult>(
    `${import.meta.dir}/scan.ts`,
    { source: SOURCES[serverOf(opts.server)], database: DATABASE, table: TABLE } satisfies ScanJob,
    600_000,
  )
  if (!scan.ok) throw new Error(`scan: ${scan.reason}`)
  scan.result.cpu = { ...cpu(), client: scan.result.cpuSeconds }
  if (scan.result.rows !== opts.rows) throw new Error(`scan read ${scan.result.rows} rows, the table has ${opts.rows}`)
  figures.textBytes = scan.result.valueBytes
  figures.scan = faster(figures.scan, scan.result)
  figures.history.scan.push(opts.rows / scan.result.seconds)
  log(`round ${round}: (a) scan ${rateText(scan.result)}, CPU ${cpuText(scan.result.cpu)}`)

  cpu = cpuMeter(serverPids(opts.server))
  const ingest = await runChild<IngestResult>(
    `${import.meta.dir}/ingest.ts`,
    {
      url: CLICKHOUSE_URL,
      dataPath: encoded.dataPath,
      offsets: encoded.offsets,
      rows: encoded.rows,
      prepare: [
        `DROP DATABASE IF EXISTS ${ident(INGEST_DATABASE)} SYNC`,
        `CREATE DATABASE ${ident(INGEST_DATABASE)}`,
        createTableSql(ingestTarget, naming, 'chsync bench ingest'),
      ],
      insertSql: `INSERT INTO ${qualified(ingestTarget)} (${columns.map(ident).join(', ')}) FORMAT RowBinary`,
      batchRows: opts.ingestBatchRows,
      concurrency: 1,
    } satisfies IngestJob,
    600_000,
  )
  if (!ingest.ok) throw new Error(`ingest: ${ingest.reason}`)
  ingest.result.cpu = { ...cpu(), client: ingest.result.cpuSeconds }
  figures.ingest = faster(figures.ingest, ingest.result)
  figures.history.ingest.push(opts.rows / ingest.result.seconds)
  log(`round ${round}: (b) ingest ${rateText(ingest.result)} in ${ingest.result.batches} inserts, CPU ${cpuText(ingest.result.cpu)}`)
  expected ??= (await chRows<{ n: string; h: string }>(ch, checksumSql(INGEST_DATABASE)))[0]
  await dropDatabase(ch, INGEST_DATABASE)

  await dropDatabase(ch, DATABASE)
  const copy = await runCopy({
    flavor: opts.server,
    database: DATABASE,
    table: TABLE,
    parallelism: opts.parallelism,
    chunkRows: opts.chunkRows,
    serverId: serverId++,
    timeoutMs: 600_000,
  })
  const [got] = await chRows<{ n: string; h: string }>(ch, checksumSql(DATABASE))
  await dropDatabase(ch, DATABASE)
  if (copy.rows !== opts.rows || got.n !== expected.n || got.h !== expected.h)
    throw new Error(
      `chsync's copy differs: ${copy.rows} rows copied, target ${got.n} rows with checksum ${got.h}; expected ${expected.n} rows, ${expected.h}`,
    )
  figures.copy = faster(figures.copy, copy)
  figures.history.copy.push(opts.rows / copy.seconds)
  log(
    `round ${round}: (c) chsync copy ${rateText(copy)}, peak RSS ${copy.peakRssMb.toFixed(0)} MB, CPU ${cpuText(copy.cpu)} (target checked: ${got.n} rows, checksum equal)`,
  )
}
await ch.close()
process.stdout.write(`${renderSnapshotReport(figures)}\n`)

function cpuText(cpu: Record<string, number> | undefined): string {
  return Object.entries(cpu ?? {})
    .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
    .join(', ')
}

function rateText(r: Rates): string {
  return `${Math.round(r.rows / r.seconds).toLocaleString('en-US')} rows/s (${r.seconds.toFixed(2)} s)`
}
