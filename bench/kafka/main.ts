// `bun bench/kafka/main.ts` (make bench-kafka): row changes per second that `chsync run` with the
// Kafka sink (exactly_once: one transaction per flush with its position record) sends to a Kafka
// cluster, next to chsync's decoder alone on the same binlog range in the same run (bench/decode's
// range and runner). The cluster is kcat's mock cluster on loopback (test/support/kafka-broker.ts).
// Each Kafka run writes to topics of its own; the messages on the brokers (the end offsets of the
// table's topic) must equal the range's row changes, or the run does not count.
// Each run prints its peak RSS and CPU time per row change: chsync's whole process (start-up
// included), and for the Kafka runs the brokers' (the kcat process) during the run, so that the
// mock's share can be told from chsync's on a loaded machine.
// Last line: `kafka: X rows/s, decode Y rows/s, ratio R` (of the best runs, over the servers measured).

import type { Flavor } from '../../src/binlog/index.ts'
import { KafkaBroker } from '../../test/support/kafka-broker.ts'
import { ensureRange } from '../decode/generate.ts'
import type { DecodeJob, DecodeResult } from '../decode/measure.ts'
import { type BenchRange, rowChanges } from '../decode/range.ts'
import { runDecoder } from '../decode/run.ts'
import { DATABASE, SERVERS, TABLE } from '../decode/servers.ts'
import { cpuSeconds } from '../support/cpu.ts'
import { serverOf } from '../support/servers.ts'
import { parseOptions } from '../tail/options.ts'

const log = (line: string) => process.stderr.write(`[bench-kafka] ${line}\n`)
const opts = (() => {
  try {
    return parseOptions(process.argv.slice(2))
  } catch (err) {
    console.error((err as Error).message.replaceAll('bench/tail', 'bench/kafka'))
    process.exit(2)
  }
})()
const up = Bun.spawnSync(['bash', `${import.meta.dir}/../../test/servers/up`], { stdout: 'inherit', stderr: 'inherit' })
if (up.exitCode !== 0) throw new Error('test/servers/up failed')

const broker = await KafkaBroker.start()
let nextServerId = 2_200_000_000 + (process.pid % 10_000) * 1_000
let run = 0
const totals = { rows: 0, kafkaSeconds: 0, decodeSeconds: 0 }
try {
  for (const flavor of opts.servers) {
    const { range, version } = await ensureRange(SERVERS[serverOf(flavor)], { rows: opts.rows, regenerate: opts.regenerate, log })
    let decode: DecodeResult | null = null
    let kafka: DecodeResult | null = null
    for (let round = 1; round <= opts.runs; round++) {
      const d = await measure(flavor, range, null)
      if (d && (!decode || d.seconds < decode.seconds)) decode = d
      const k = await measure(flavor, range, `bench${process.pid}r${++run}`)
      if (k && (!kafka || k.seconds < kafka.seconds)) kafka = k
      log(`${flavor} round ${round}/${opts.runs}: decode ${figures(range, d)}; kafka ${figures(range, k)}`)
    }
    if (!decode || !kafka) throw new Error(`${flavor}: no complete measurement`)
    console.log(
      `${flavor} ${version}: ${rowChanges(range).toLocaleString('en-US')} row changes; best runs: decode ${figures(range, decode)}; kafka ${figures(range, kafka)}`,
    )
    totals.rows += rowChanges(range)
    totals.kafkaSeconds += kafka.seconds
    totals.decodeSeconds += decode.seconds
  }
} finally {
  await broker.stop()
}
const k = totals.rows / totals.kafkaSeconds
const d = totals.rows / totals.decodeSeconds
console.log(
  `kafka: ${Math.round(k).toLocaleString('en-US')} rows/s, decode ${Math.round(d).toLocaleString('en-US')} rows/s, ratio ${(k / d).toFixed(2)}`,
)
process.exit(0)

/** A Kafka run's result with the brokers' CPU seconds during it. */
type Run = DecodeResult & { brokerCpuSeconds?: number }

/** One run: the decoder alone (`prefix` null) or chsync into Kafka topics starting with `prefix`. */
async function measure(flavor: Flavor, range: BenchRange, prefix: string | null): Promise<Run | null> {
  const job: DecodeJob = { range, source: SERVERS[serverOf(flavor)].reader, database: DATABASE, table: TABLE, serverId: nextServerId++ }
  const command = [process.execPath, prefix ? `${import.meta.dir}/../tail/runner.ts` : `${import.meta.dir}/../decode/decoders/chsync.ts`]
  const extra = prefix ? [`--kafka=${broker.bootstrap}`, `--topic-prefix=${prefix}`] : []
  const brokerCpu = cpuSeconds(broker.pid)
  const outcome = await runDecoder(command, job, extra, 120_000 + rowChanges(range) / 2)
  const brokerCpuAfter = cpuSeconds(broker.pid)
  if (!outcome.ok) {
    log(`${flavor} ${prefix ? 'kafka' : 'decode'}: cannot: ${outcome.reason}`)
    return null
  }
  const r: Run = outcome.result
  if (prefix && brokerCpu !== null && brokerCpuAfter !== null) r.brokerCpuSeconds = brokerCpuAfter - brokerCpu
  const seen = r.inserts + r.updates + r.deletes
  if (seen !== rowChanges(range)) {
    log(`${flavor}: saw ${seen} row changes, the range has ${rowChanges(range)}`)
    return null
  }
  if (prefix) {
    const onBrokers = await broker.messageCount(`${prefix}.${DATABASE}.${TABLE}`)
    if (onBrokers !== seen) {
      log(`${flavor} kafka: ${onBrokers} messages on the brokers for ${seen} row changes`)
      return null
    }
  }
  return r
}

function rate(range: BenchRange, r: DecodeResult): string {
  return Math.round(rowChanges(range) / r.seconds).toLocaleString('en-US')
}

/** "X rows/s, peak RSS M MB, CPU c µs/row (brokers b µs/row)" */
function figures(range: BenchRange, r: Run | null): string {
  if (!r) return '-'
  const perRow = (seconds: number) => ((seconds * 1e6) / rowChanges(range)).toFixed(1)
  const cpu = r.cpuSeconds === undefined ? '' : `, CPU ${perRow(r.cpuSeconds)} µs/row`
  const brokers = r.brokerCpuSeconds === undefined ? '' : ` (brokers ${perRow(r.brokerCpuSeconds)} µs/row)`
  return `${rate(range, r)} rows/s, peak RSS ${r.peakRssMb.toFixed(0)} MB${cpu}${brokers}`
}
