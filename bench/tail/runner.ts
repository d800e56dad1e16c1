// One measurement of `chsync run` into a file: the whole pipeline (binlog client, applier,
// flusher, ndjson sink, state commits) streams the bench range into JSON lines under a temporary
// folder, from a state positioned at the range's start. Reports like a bench/decode decoder:
// the row changes written and the seconds from the first one to the commit at the range's end.
// `runner.ts <job> [folder] [--discard] [--kafka=host:port,... --topic-prefix=P]
// [--clickhouse=URL --target-database=D]`; with --discard the sink drops the changes; with --kafka
// the sink is Kafka (exactly_once) instead of a file (bench/kafka counts the messages on the
// brokers); with --clickhouse it is ClickHouse, into database D, with chsync's own [apply] defaults
// (bench-stream compares it with the decoder).

import { Database } from 'bun:sqlite'
import { closeSync, mkdtempSync, openSync, readSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../../src/config/index.ts'
import { Stats } from '../../src/health/stats.ts'
import { silentLogger } from '../../src/log/index.ts'
import type { RowChange } from '../../src/model/index.ts'
import { Replicator } from '../../src/pipeline/replicator.ts'
import { createSink } from '../../src/sink/create-sink.ts'
import { StateStore } from '../../src/state/index.ts'
import { type DecodeResult, peakRssMb, processCpuSeconds, readJob, reportResult } from '../decode/measure.ts'
import { comparePoints } from '../decode/range.ts'

const job = readJob()
const { range, source } = job
// --discard: the same pipeline, the sink dropping every change (the cost of all but the sink).
const discard = process.argv.includes('--discard')
const folder = process.argv.slice(3).find((a) => !a.startsWith('--'))
const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
const kafka = flag('kafka')
const clickhouse = flag('clickhouse')
const dir = mkdtempSync(join(folder ?? tmpdir(), 'chsync-bench-tail-'))
const sinkToml = clickhouse
  ? `kind = "clickhouse"\n[target]\nurl = "${clickhouse}"\n[target.databases]\n${job.database} = "${flag('target-database') ?? job.database}"\n`
  : kafka
    ? `kind = "kafka"\n[sink.kafka]\nbrokers = [${kafka
        .split(',')
        .map((b) => `"${b}"`)
        .join(', ')}]\ntopic_prefix = "${flag('topic-prefix') ?? 'bench'}"\n`
    : `kind = "ndjson"\n[sink.ndjson]\noutput = "${join(dir, 'changes.ndjson')}"\nmax_file_bytes = "1GiB"\n`
// As `chsync tail` batches (sink.ndjson.batch_rows), with a short timer so that the end is seen
// soon; Kafka: transactions of up to 50,000 rows; ClickHouse: chsync's defaults.
const applyToml = clickhouse ? '' : `batch_rows = ${kafka ? 50_000 : 1000}\nflush_interval_ms = 100\n`
try {
  const config = loadConfig({
    env: { CHSYNC_SOURCE_PASSWORD: source.password ?? '' },
    text: `[source]
url = "${range.flavor}://${source.user}@${source.host}:${source.port}"
server_id = ${job.serverId}
[replicate]
databases = ["${job.database}"]
tables = ["${job.database}.${job.table}"]
[snapshot]
mode = "never"
[apply]
${applyToml}[sink]
${sinkToml}[state]
path = "${join(dir, 'state.db')}"
[health]
socket = ""
`,
  })
  // The state says: streamed up to the range's start, the bench table copied.
  const seeded = StateStore.open(config.state.path)
  seeded.commit({ file: range.start.file, offset: range.start.offset, gtid: null, version: 0n })
  seeded.saveTable({
    database: job.database,
    table: job.table,
    stage: 'streaming',
    snapshotVersion: 0n,
    cursor: null,
    rowsCopied: 0,
    rowsEstimate: 0,
  })
  // Without a schema history the table is taken from the source as it is (the way an earlier
  // chsync's state file is taken over), not copied as a table entering the replicated set.
  seeded.close()
  const raw = new Database(config.state.path)
  raw.run("DELETE FROM meta WHERE key = 'schema_history'")
  raw.close()
  const state = StateStore.open(config.state.path)

  const stats = new Stats()
  const sink = createSink(config, stats, silentLogger)
  const result: DecodeResult = { inserts: 0, updates: 0, deletes: 0, values: 0, seconds: 0, peakRssMb: 0 }
  let began = 0
  let ended = 0
  if (clickhouse) {
    // The target is made at start, empty: that is the table as of the range's start (bench/decode
    // writes it right after CREATE TABLE), so it is not copied as a missing target would be.
    const prepare = sink.prepareTable.bind(sink)
    sink.prepareTable = async (table, opts) => {
      await prepare(table, opts)
      return 'ready'
    }
  }
  const write = sink.write.bind(sink)
  sink.write = (c: RowChange) => {
    if (began === 0) began = performance.now()
    if (c.kind === 'insert') result.inserts++
    else if (c.kind === 'update') result.updates++
    else if (c.kind === 'delete') result.deletes++
    if (!discard) write(c)
  }
  const replicator = new Replicator({ config, state, sink, stats, log: silentLogger })
  const committed = sink.committed?.bind(sink)
  sink.committed = async (position, gtid) => {
    await committed?.(position, gtid)
    const at = position.lastIndexOf(':')
    if (ended === 0 && comparePoints({ file: position.slice(0, at), offset: Number(position.slice(at + 1)) }, range.end) >= 0) {
      ended = performance.now()
      void replicator.stop()
    }
  }
  await replicator.run()
  state.close()
  result.seconds = (ended - began) / 1000
  // Before the count below, which reads the files.
  result.peakRssMb = peakRssMb()
  result.cpuSeconds = processCpuSeconds()
  result.values = discard || kafka || clickhouse ? result.inserts + result.updates + result.deletes : countLines(dir)
  reportResult(result)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
// The client's sockets and timers are closed, but the process is done either way.
process.exit(0)

/** Lines in the output files: every row change must be there. */
function countLines(folder: string): number {
  let n = 0
  const buf = Buffer.alloc(1 << 20)
  for (const f of readdirSync(folder).filter((x) => x.startsWith('changes'))) {
    const fd = openSync(join(folder, f), 'r')
    try {
      for (let got = readSync(fd, buf); got > 0; got = readSync(fd, buf)) {
        for (let i = buf.indexOf(10); i >= 0 && i < got; i = buf.indexOf(10, i + 1)) n++
      }
    } finally {
      closeSync(fd)
    }
  }
  return n
}
