// `bun bench/tail/main.ts`: row changes per second that `chsync run` with the ndjson sink writes
// to a file (JSON lines, fsynced, position committed), next to the rate of chsync's decoder alone
// (bench/decode's chsync runner) on the same binlog range in the same run; the ratio is what the
// rest of the pipeline and the sink cost.

import type { Flavor } from '../../src/binlog/index.ts'
import { ensureRange } from '../decode/generate.ts'
import type { DecodeJob, DecodeResult } from '../decode/measure.ts'
import { type BenchRange, rowChanges } from '../decode/range.ts'
import { runDecoder } from '../decode/run.ts'
import { DATABASE, SERVERS, TABLE } from '../decode/servers.ts'
import { serverOf } from '../support/servers.ts'
import { type TailBenchOptions, parseOptions } from './options.ts'

const log = (line: string) => process.stderr.write(`[bench-tail] ${line}\n`)

const opts = optionsOrExit()
const up = Bun.spawnSync(['bash', `${import.meta.dir}/../../test/servers/up`], { stdout: 'inherit', stderr: 'inherit' })
if (up.exitCode !== 0) throw new Error('test/servers/up failed')

type Who = 'decode' | 'pipeline' | 'tail'
const COMMANDS: Record<Who, string[]> = {
  decode: [process.execPath, `${import.meta.dir}/../decode/decoders/chsync.ts`],
  pipeline: [process.execPath, `${import.meta.dir}/runner.ts`],
  tail: [process.execPath, `${import.meta.dir}/runner.ts`],
}
const WHO: Who[] = ['decode', 'pipeline', 'tail']

// Server ids clear of the tests' range and of bench/decode's.
let nextServerId = 2_100_000_000 + (process.pid % 10_000) * 1_000
const lines: string[] = []
let failed = false

for (const flavor of opts.servers) {
  const { range, version } = await ensureRange(SERVERS[serverOf(flavor)], { rows: opts.rows, regenerate: opts.regenerate, log })
  const best: Record<Who, DecodeResult | null> = { decode: null, pipeline: null, tail: null }
  // Alternating, so a burst of load elsewhere on the machine does not hit one side only.
  for (let round = 1; round <= opts.runs; round++) {
    for (const who of WHO) {
      const r = await measure(who, flavor, range)
      if (!r) continue
      const cpu = r.cpuSeconds === undefined ? '' : `, CPU ${((r.cpuSeconds * 1e6) / rowChanges(range)).toFixed(1)} µs/row`
      log(`${flavor} ${who} run ${round}/${opts.runs}: ${rate(range, r)} rows/s, ${r.peakRssMb.toFixed(0)} MB peak RSS${cpu}`)
      if (!best[who] || r.seconds < best[who]!.seconds) best[who] = r
    }
  }
  const d = best.decode
  const p = best.pipeline
  const t = best.tail
  if (!d || !p || !t) {
    failed = true
    lines.push(`${flavor} ${version}: no complete measurement`)
    continue
  }
  const ratio = rowChanges(range) / t.seconds / (rowChanges(range) / d.seconds)
  lines.push(
    `${flavor} ${version}: ${rowChanges(range).toLocaleString('en-US')} row changes, ${(range.bytes / 1e6).toFixed(0)} MB of binlog\n` +
      `  decode (bench/decode chsync)  ${rate(range, d).padStart(12)} rows/s  ${d.peakRssMb.toFixed(0).padStart(5)} MB peak RSS\n` +
      `  pipeline, changes discarded   ${rate(range, p).padStart(12)} rows/s  ${p.peakRssMb.toFixed(0).padStart(5)} MB peak RSS\n` +
      `  tail to a file (ndjson sink)  ${rate(range, t).padStart(12)} rows/s  ${t.peakRssMb.toFixed(0).padStart(5)} MB peak RSS\n` +
      `tail: ${flavor} ${rate(range, t)} rows/s to a file, decode ${rate(range, d)} rows/s, ratio ${ratio.toFixed(2)}`,
  )
}
process.stdout.write(`${lines.join('\n')}\n`)
process.exit(failed ? 1 : 0)

async function measure(who: Who, flavor: Flavor, range: BenchRange): Promise<DecodeResult | null> {
  const job: DecodeJob = { range, source: SERVERS[serverOf(flavor)].reader, database: DATABASE, table: TABLE, serverId: nextServerId++ }
  const extra = [...(who !== 'decode' && opts.dir ? [opts.dir] : []), ...(who === 'pipeline' ? ['--discard'] : [])]
  const outcome = await runDecoder(COMMANDS[who], job, extra, 120_000 + rowChanges(range) / 2)
  if (!outcome.ok) {
    log(`${flavor} ${who}: cannot: ${outcome.reason}`)
    return null
  }
  const r = outcome.result
  const seen = r.inserts + r.updates + r.deletes
  const wrong =
    r.inserts !== range.inserts || r.updates !== range.updates || r.deletes !== range.deletes
      ? `saw ${r.inserts}/${r.updates}/${r.deletes} inserts/updates/deletes, the workload wrote ${range.inserts}/${range.updates}/${range.deletes}`
      : who !== 'decode' && r.values !== seen
        ? `wrote ${r.values} lines for ${seen} row changes`
        : null
  if (wrong) {
    log(`${flavor} ${who}: ${wrong}`)
    return null
  }
  return r
}

function rate(range: BenchRange, r: DecodeResult): string {
  return Math.round(rowChanges(range) / r.seconds).toLocaleString('en-US')
}

function optionsOrExit(): TailBenchOptions {
  try {
    return parseOptions(process.argv.slice(2))
  } catch (err) {
    console.error((err as Error).message)
    process.exit(2)
  }
}
