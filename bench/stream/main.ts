// `bun bench/stream/main.ts`: chsync's streaming apply into ClickHouse. (a) A backlog of a million
// row changes written while chsync is stopped, then the time chsync takes to apply and commit it;
// (b) the end-to-end lag and ClickHouse parts per second under paced loads of 20,000 and 100,000
// row changes per second, with adaptive batching and without; (c) peak RSS in both, in one
// transaction of more than a million row changes and with one row of 60 MB. Prints one verdict line.

import type { Flavor } from '../../src/binlog/index.ts'
import { cpuMeter, serverPids } from '../support/cpu.ts'
import { orExit } from '../support/options.ts'
import { serversUp, sourceSession } from '../support/servers.ts'
import { StateFileReader, atOrAfter } from '../support/state-file.ts'
import { bigRow, bigTransaction } from './big-tx.ts'
import { catchUp, writeBacklog } from './catchup.ts'
import { checkBigRows, checkEqual } from './check.ts'
import { parseOptions } from './options.ts'
import { pacedLoads } from './paced.ts'
import { streamOnDecodeRange } from './decode-range.ts'
import { type ServerFigures, renderStreamReport } from './report.ts'
import { freshDatabases, primeState, streamChsync } from './setup.ts'
import { endWithMark } from './end-mark.ts'

const log = (line: string) => process.stderr.write(`[bench-stream] ${line}\n`)
const opts = orExit(() => parseOptions(process.argv.slice(2)))
/**
 * The big cases, each in a fresh process: the transaction with four times chsync's default
 * apply.max_buffer_bytes, then with the default (the bound follows the setting); the big row with the default.
 */
const BIG_CASES: { kind: 'transaction' | 'row'; buffer: string }[] = [
  { kind: 'transaction', buffer: '256MiB' },
  { kind: 'transaction', buffer: '64MiB' },
  { kind: 'row', buffer: '64MiB' },
]

serversUp()
// Server ids clear of the tests' range and of the other benchmarks'.
let serverId = 2_300_000_000 + (process.pid % 10_000) * 1_000
const all: ServerFigures[] = []

for (const flavor of opts.servers) {
  const sql = await sourceSession(flavor)
  const [v] = await sql.query('SELECT VERSION() AS v')
  await sql.end()
  const figures: ServerFigures = { server: flavor, version: (v as { v: string }[])[0].v, runs: [], loads: [], bigTx: [], checks: [] }
  all.push(figures)

  for (let run = 1; run <= opts.runs; run++) {
    await freshDatabases(flavor)
    const chsync = streamChsync(flavor, serverId++)
    try {
      await primeState(chsync)
      figures.idleRssMb = Math.max(figures.idleRssMb ?? 0, chsync.peakRssMb)
      const backlog = await writeBacklog(flavor, opts.rows)
      log(
        `${flavor} run ${run}: backlog of ${backlog.changes.toLocaleString('en-US')} row changes written in ${backlog.writeSeconds.toFixed(1)} s`,
      )
      const cpu = cpuMeter(serverPids(flavor))
      const c = await catchUp(chsync, backlog.end, 600_000)
      const used = { ...cpu(), chsync: chsync.cpuSeconds }
      figures.runs.push({ backlog, catchUp: c, peakRssMb: chsync.peakRssMb, cpu: used })
      log(
        `${flavor} run ${run}: (a) caught up in ${c.seconds.toFixed(2)} s, ${Math.round(backlog.changes / c.seconds).toLocaleString('en-US')} row changes/s, chsync CPU ${c.chsyncCpuSeconds.toFixed(2)} s, peak RSS ${chsync.peakRssMb.toFixed(0)} MB`,
      )
      figures.checks.push(`after catch-up run ${run}: ${await checkEqual(flavor)}`)

      const code = await chsync.stop()
      if (code !== 0) throw new Error(`chsync exited with ${code}: ${chsync.tail()}`)
      if (run === opts.runs && !opts.skipLag)
        figures.loads = await pacedLoads({
          flavor,
          chsync,
          opts,
          log,
          caughtUp: () => waitCommitted(flavor, chsync.statePath),
          checks: figures.checks,
        })

      if (run === opts.runs) {
        // Each with a fresh process (its own VmHWM), caught up before the transaction starts.
        for (const [k, c] of BIG_CASES.entries()) {
          if (c.kind === 'transaction' ? opts.skipBigTx : opts.skipBigRow) continue
          chsync.start({ CHSYNC_APPLY_MAX_BUFFER_BYTES: c.buffer })
          await chsync.waitFor('streaming', 60_000)
          await waitCommitted(flavor, chsync.statePath)
          const t =
            c.kind === 'transaction'
              ? await bigTransaction(flavor, chsync, (5 + k) * 1_000_000_000, opts.bigTxRows, 600_000)
              : await bigRow(flavor, chsync, k, opts.bigRowBytes, 600_000)
          figures.bigTx.push({ ...t, kind: c.kind, maxBufferBytes: c.buffer })
          const what =
            c.kind === 'transaction'
              ? `one transaction of ${t.changes.toLocaleString('en-US')} row changes`
              : `one row of ${opts.bigRowBytes / 1e6} MB`
          log(
            `${flavor}: (c) ${what} applied in ${t.applySeconds.toFixed(1)} s, peak RSS ${t.peakRssMb.toFixed(0)} MB (max_buffer_bytes ${c.buffer})`,
          )
          const check = c.kind === 'transaction' ? await checkEqual(flavor) : await checkBigRows(flavor)
          figures.checks.push(`after ${what} (max_buffer_bytes ${c.buffer}): ${check}`)
          const code2 = await chsync.stop()
          if (code2 !== 0) throw new Error(`chsync exited with ${code2}: ${chsync.tail()}`)
        }
      }
    } finally {
      chsync.close()
    }
  }
  if (!opts.skipRange) {
    log(`${flavor}: (d) bench-decode's range of ${opts.rangeRows} row changes, decoded and streamed into ClickHouse`)
    figures.range = await streamOnDecodeRange(flavor, { rows: opts.rangeRows, rounds: opts.rangeRuns, serverId: () => serverId++ }, log)
  }
}
process.stdout.write(`${renderStreamReport(all)}\n`)

/** Waits until chsync has committed the source's current end of binlog. */
async function waitCommitted(flavor: Flavor, statePath: string): Promise<void> {
  const end = await endWithMark(flavor)
  const state = new StateFileReader(statePath)
  const deadline = Date.now() + 300_000
  try {
    for (;;) {
      const cp = state.checkpoint()
      if (cp && atOrAfter(cp, end)) return
      if (Date.now() > deadline) throw new Error(`chsync did not commit ${end.file}:${end.offset} within 300 s`)
      await Bun.sleep(20)
    }
  } finally {
    state.close()
  }
}
