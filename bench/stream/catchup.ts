// (a) Sustained streaming: a backlog of row changes written while chsync is stopped, then chsync
// started and timed until its committed position reaches the end of the backlog.

import type { Flavor } from '../../src/binlog/index.ts'
import type { ChsyncProcess } from '../support/chsync.ts'
import { binlogBytesBetween, binlogEnd, sourceSession } from '../support/servers.ts'
import { StateFileReader, atOrAfter } from '../support/state-file.ts'
import { TxWriter } from './writer.ts'
import { endWithMark } from './end-mark.ts'
import { BACKLOG_SHAPES } from './workload.ts'

export interface Backlog {
  changes: number
  transactions: number
  /** Seconds the source took to write it. */
  writeSeconds: number
  /** Binlog bytes from before to after it. */
  binlogBytes: number
  end: { file: string; offset: number }
}

/** Writes at least `changes` row changes in transactions of 100 to 1,000 changes. */
export async function writeBacklog(flavor: Flavor, changes: number): Promise<Backlog> {
  const sql = await sourceSession(flavor)
  const start = await binlogEnd(sql, flavor)
  const writer = await TxWriter.open(flavor, 0)
  const began = performance.now()
  try {
    for (let k = 0; writer.changes < changes; k++) await writer.write(BACKLOG_SHAPES[k % BACKLOG_SHAPES.length], false)
  } finally {
    await writer.close()
  }
  const writeSeconds = (performance.now() - began) / 1000
  const end = await endWithMark(flavor)
  const binlogBytes = await binlogBytesBetween(sql, start, end)
  await sql.end()
  return { changes: writer.changes, transactions: writer.transactions, writeSeconds, binlogBytes, end }
}

export interface CatchUp {
  /** From the "streaming" log line (connected, reading) to the committed position reaching the end. */
  seconds: number
  /** From the process start to the same moment. */
  processSeconds: number
  /** CPU seconds chsync used from the "streaming" line to the end (sampled every 50 ms). */
  chsyncCpuSeconds: number
}

/** Starts chsync and waits until it has committed the backlog's end. */
export async function catchUp(chsync: ChsyncProcess, end: { file: string; offset: number }, timeoutMs: number): Promise<CatchUp> {
  const state = new StateFileReader(chsync.statePath)
  try {
    chsync.start()
    const streaming = await chsync.waitFor('streaming', 60_000)
    const cpuBefore = chsync.cpuSeconds
    const deadline = performance.now() + timeoutMs
    for (;;) {
      const cp = state.checkpoint()
      if (cp && atOrAfter(cp, end)) break
      if (!chsync.running) throw new Error(`chsync exited during the catch-up: ${chsync.tail()}`)
      if (performance.now() > deadline)
        throw new Error(`chsync did not reach ${end.file}:${end.offset} within ${timeoutMs / 1000} s (at ${JSON.stringify(cp)})`)
      await Bun.sleep(10)
    }
    const now = performance.now()
    await chsync.sampleNow()
    return {
      seconds: (now - streaming.at) / 1000,
      processSeconds: (now - chsync.startedAt) / 1000,
      chsyncCpuSeconds: chsync.cpuSeconds - cpuBefore,
    }
  } finally {
    state.close()
  }
}
