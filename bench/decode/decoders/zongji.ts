// A peer of the ZongJi family (zongji, @vlasky/zongji, @powersync/mysql-zongji; one API) reading
// the bench range: it starts at the range's file and offset, lets only the bench table's rows
// through, and stops at the first event whose position reaches the end of the range.
// Usage: zongji.ts <job JSON> <package>

import { type DecodeResult, peakRssMb, readJob, reportResult } from '../measure.ts'
import { type BinlogPoint, comparePoints } from '../range.ts'

/** The part of the ZongJi API the benchmark uses. */
interface ZongJi {
  on(event: 'binlog', listener: (ev: ZongJiEvent) => void): void
  on(event: 'error', listener: (err: Error) => void): void
  start(options: Record<string, unknown>): void
}

interface ZongJiEvent {
  getTypeName(): string
  nextPosition: number
  /** Rotate: the file the following events are in. */
  binlogName?: string
  /** Rows events: objects keyed by column name; for updates { before, after } pairs. */
  rows?: Record<string, unknown>[]
}

type ZongJiClass = new (dsn: Record<string, unknown>) => ZongJi

const job = readJob()
const pkg = process.argv[3]
if (!pkg) throw new Error('usage: zongji.ts <job JSON> <package>')
const mod = (await import(pkg)) as { default: ZongJiClass }
const ZongJiImpl = mod.default

const { range, source } = job
const zongji = new ZongJiImpl({
  host: source.host,
  port: source.port,
  user: source.user,
  password: source.password,
  // As close as each peer gets to chsync's output: dates and JSON as text (the old ones always
  // give JSON as text).
  dateStrings: true,
  jsonStrings: true,
})

const result: DecodeResult = { inserts: 0, updates: 0, deletes: 0, values: 0, seconds: 0, peakRssMb: 0 }
let began = 0
let file = range.start.file

zongji.on('error', (err) => {
  process.stderr.write(`${pkg}: ${err.stack ?? err.message}\n`)
  process.exit(2)
})

zongji.on('binlog', (ev) => {
  if (began === 0) began = performance.now()
  const type = ev.getTypeName()
  if (type === 'Rotate') {
    file = ev.binlogName!
    return
  }
  const rows = ev.rows
  if (type === 'WriteRows') {
    result.inserts += rows!.length
    for (const row of rows!) result.values += countValues(row)
  } else if (type === 'UpdateRows') {
    result.updates += rows!.length
    for (const pair of rows!) result.values += countValues(pair.before as object) + countValues(pair.after as object)
  } else if (type === 'DeleteRows') {
    result.deletes += rows!.length
    for (const row of rows!) result.values += countValues(row)
  }
  // MariaDB writes end_log_pos 0 inside transactions; only real positions count.
  const at: BinlogPoint = { file, offset: ev.nextPosition }
  if (ev.nextPosition > 0 && comparePoints(at, range.end) >= 0) finish()
})

zongji.start({
  serverId: job.serverId,
  filename: range.start.file,
  position: range.start.offset,
  includeEvents: ['rotate', 'tablemap', 'writerows', 'updaterows', 'deleterows', 'xid', 'query'],
  includeSchema: { [job.database]: [job.table] },
})

function finish(): void {
  result.seconds = (performance.now() - began) / 1000
  result.peakRssMb = peakRssMb()
  reportResult(result)
  // The peers have no clean way to end a dump stream early; the process ends with it.
  process.exit(0)
}

function countValues(row: object): number {
  let n = 0
  for (const v of Object.values(row)) if (v != null) n++
  return n
}
