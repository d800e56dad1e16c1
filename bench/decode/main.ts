// `bun bench/decode/main.ts`: chsync's binlog decoder against the JavaScript peers, on the same
// binlog range of the live MySQL and MariaDB test servers. Writes the data once (reused after),
// runs every decoder in its own process a few times, prints a table and one verdict line.

import { type TestServer, flavorOf } from '../../test/support/servers.ts'
import { type Decoder, decoders } from './decoders/index.ts'
import { ensureRange } from './generate.ts'
import type { DecodeJob } from './measure.ts'
import { type BenchOptions, parseOptions } from './options.ts'
import { type BenchRange, rowChanges } from './range.ts'
import { type Measurement, renderReport } from './report.ts'
import { runDecoder } from './run.ts'
import { DATABASE, SERVERS, TABLE } from './servers.ts'

const log = (line: string) => process.stderr.write(`[bench-decode] ${line}\n`)

const opts = optionsOrExit()

const up = Bun.spawnSync(['bash', `${import.meta.dir}/../../test/servers/up`], { stdout: 'inherit', stderr: 'inherit' })
if (up.exitCode !== 0) throw new Error('test/servers/up failed')

const ranges = new Map<TestServer, BenchRange>()
const versions = new Map<TestServer, string>()
for (const server of opts.servers) {
  const { range, version } = await ensureRange(SERVERS[server], { rows: opts.rows, regenerate: opts.regenerate, log })
  ranges.set(server, range)
  versions.set(server, version)
}

const list = await decoders(opts.peerRuntimes)
const measurements: Measurement[] = []
for (const server of opts.servers) {
  for (const decoder of list) {
    if (!decoder.server || decoder.server === flavorOf(server)) measurements.push({ server, range: ranges.get(server)!, decoder, runs: [] })
  }
}

// Server ids: one per process, clear of the test suites' random range (100000 + up to 1e9).
let nextServerId = 2_000_000_000 + (process.pid % 10_000) * 1_000

// Rounds rather than one decoder's runs in a row, so a burst of load elsewhere on the machine
// spreads over all decoders instead of hitting one.
for (let round = 1; round <= opts.runs; round++) {
  for (const m of measurements) {
    if (m.failure) continue
    const range = m.range
    const job: DecodeJob = { range, source: SERVERS[m.server].reader, database: DATABASE, table: TABLE, serverId: nextServerId++ }
    const timeoutMs = 60_000 + rowChanges(range) / 5
    const outcome = await runDecoder(m.decoder.command, job, m.decoder.extra, timeoutMs)
    const who = `${m.server} ${describe(m.decoder)} run ${round}/${opts.runs}`
    if (!outcome.ok) {
      m.failure = outcome.reason
      log(`${who}: cannot: ${outcome.reason}`)
      continue
    }
    const r = outcome.result
    // A raw transfer decodes nothing: its rate is the range's row changes over the time its bytes took.
    const transfer = r.transferBytes !== undefined
    const seen = transfer ? rowChanges(range) : r.inserts + r.updates + r.deletes
    if (!transfer && (r.inserts !== range.inserts || r.updates !== range.updates || r.deletes !== range.deletes)) {
      m.failure = `decoded ${r.inserts}/${r.updates}/${r.deletes} inserts/updates/deletes, the workload wrote ${range.inserts}/${range.updates}/${range.deletes}`
      log(`${who}: ${m.failure}`)
      continue
    }
    const reference = measurements.find((x) => x.server === m.server && x.decoder.name === 'chsync')?.runs[0]
    if (reference && !transfer && reference.values !== r.values) {
      m.failure = `saw ${r.values} non-null values, chsync saw ${reference.values}`
      log(`${who}: ${m.failure}`)
      continue
    }
    m.runs.push(r)
    log(`${who}: ${Math.round(seen / r.seconds).toLocaleString('en-US')} rows/s, ${r.peakRssMb.toFixed(0)} MB peak RSS`)
  }
}

process.stdout.write(`${renderReport(measurements, versions, opts.runs)}\n`)

function optionsOrExit(): BenchOptions {
  try {
    return parseOptions(process.argv.slice(2))
  } catch (err) {
    console.error((err as Error).message)
    process.exit(2)
  }
}

function describe(d: Decoder): string {
  return `${d.name}${d.name === 'chsync' ? '' : ` ${d.version}`} (${d.runtime})`
}
