// (d) Streaming against decoding on one workload: bench/decode's binlog range (its generator,
// recorded once per server and row count) read by chsync's decoder alone and streamed by the
// whole of `chsync run` into ClickHouse (bench/tail's runner with --clickhouse), alternating, the
// best of each counting.

import type { Flavor } from '../../src/binlog/index.ts'
import { ensureRange } from '../decode/generate.ts'
import type { DecodeJob, DecodeResult } from '../decode/measure.ts'
import { type BenchRange, rowChanges } from '../decode/range.ts'
import { runDecoder } from '../decode/run.ts'
import { DATABASE, SERVERS, TABLE } from '../decode/servers.ts'
import { clickhouse, dropDatabase, rows } from '../support/clickhouse.ts'
import { CLICKHOUSE_URL, serverOf } from '../support/servers.ts'
import { DATABASE as STREAM_DATABASE } from './workload.ts'

export interface RangeFigures {
  range: BenchRange
  /** Best of the rounds: row changes per second from the first event (decode) or change (stream) to the range's end committed. */
  decodeRate: number
  streamRate: number
  streamPeakRssMb: number
  /** The least CPU (user + system, start-up included) of the rounds, in µs per row change: steadier than the rates on a shared machine. */
  decodeCpuUsPerChange: number
  streamCpuUsPerChange: number
  rounds: number
}

/** The target database of the streamed range (dropped after each round). */
const TARGET = `${STREAM_DATABASE}_decode_range`

export async function streamOnDecodeRange(
  flavor: Flavor,
  opts: { rows: number; rounds: number; serverId: () => number },
  log: (line: string) => void,
): Promise<RangeFigures> {
  const { range } = await ensureRange(SERVERS[serverOf(flavor)], { rows: opts.rows, regenerate: false, log })
  const changes = rowChanges(range)
  const timeout = 120_000 + changes / 2
  let decode: DecodeResult | null = null
  let stream: DecodeResult | null = null
  const cpu = { decode: Number.POSITIVE_INFINITY, stream: Number.POSITIVE_INFINITY }
  const perChange = (r: DecodeResult) => ((r.cpuSeconds ?? Number.NaN) / changes) * 1e6
  for (let round = 1; round <= opts.rounds; round++) {
    const job = (): DecodeJob => ({
      range,
      source: SERVERS[serverOf(flavor)].reader,
      database: DATABASE,
      table: TABLE,
      serverId: opts.serverId(),
    })
    const d = await runDecoder([process.execPath, `${import.meta.dir}/../decode/decoders/chsync.ts`], job(), [], timeout)
    if (!d.ok) throw new Error(`${flavor} decode of the bench-decode range: ${d.reason}`)
    const s = await streamed(job(), timeout)
    for (const [what, r] of [
      ['decode', d.result],
      ['stream', s],
    ] as const) {
      const seen = r.inserts + r.updates + r.deletes
      if (seen !== changes) throw new Error(`${flavor} ${what}: saw ${seen} row changes, the range has ${changes}`)
    }
    if (!decode || d.result.seconds < decode.seconds) decode = d.result
    if (!stream || s.seconds < stream.seconds) stream = s
    cpu.decode = Math.min(cpu.decode, perChange(d.result))
    cpu.stream = Math.min(cpu.stream, perChange(s))
    log(
      `${flavor} (d) round ${round}/${opts.rounds}: decode ${Math.round(changes / d.result.seconds).toLocaleString('en-US')} rows/s (CPU ${perChange(d.result).toFixed(2)} µs a change), stream into ClickHouse ${Math.round(changes / s.seconds).toLocaleString('en-US')} rows/s (CPU ${perChange(s).toFixed(2)} µs a change)`,
    )
  }
  return {
    range,
    decodeRate: changes / decode!.seconds,
    streamRate: changes / stream!.seconds,
    streamPeakRssMb: stream!.peakRssMb,
    decodeCpuUsPerChange: cpu.decode,
    streamCpuUsPerChange: cpu.stream,
    rounds: opts.rounds,
  }
}

/**
 * `chsync run` over the range into ClickHouse; then the target must hold the range's live rows: the
 * range starts at the table's creation and every delete removes a row it inserted. The target
 * database is dropped whatever happened.
 */
async function streamed(job: DecodeJob, timeout: number): Promise<DecodeResult> {
  const ch = clickhouse()
  try {
    const s = await runDecoder(
      [process.execPath, `${import.meta.dir}/../tail/runner.ts`],
      job,
      [`--clickhouse=${CLICKHOUSE_URL}`, `--target-database=${TARGET}`],
      timeout,
    )
    if (!s.ok) throw new Error(`${job.range.flavor} stream of the bench-decode range: ${s.reason}`)
    const [r] = await rows<{ n: string }>(ch, `SELECT count() AS n FROM ${TARGET}.${TABLE} FINAL`)
    const want = job.range.inserts - job.range.deletes
    if (Number(r.n) !== want) throw new Error(`the streamed range left ${r.n} rows in ClickHouse, the source ${want}`)
    return s.result
  } finally {
    await dropDatabase(ch, TARGET)
    await ch.close()
  }
}
