// What a decoder process is given and what it reports back: one JSON line on stdout.

import { readFileSync } from 'node:fs'
import type { SourceOptions } from '../../src/binlog/index.ts'
import type { BenchRange } from './range.ts'

export interface DecodeJob {
  range: BenchRange
  source: SourceOptions
  database: string
  table: string
  /** Replica server id, distinct for every process. */
  serverId: number
}

export interface DecodeResult {
  /** Row changes of the bench table seen: inserted rows, update pairs, deleted rows. */
  inserts: number
  updates: number
  deletes: number
  /** Non-null values in all row images seen: proof that every value was decoded and looked at. */
  values: number
  /** From the first event received to the end of the range. */
  seconds: number
  /** VmHWM of the process at the end. */
  peakRssMb: number
  /** User + system CPU seconds of the whole process (start-up included), from runners that report it. */
  cpuSeconds?: number
  /**
   * Set by a raw transfer (no rows decoded, the counts are the range's): the bytes it copied;
   * `seconds` is then the time the range's bytes take at the rate it reached.
   */
  transferBytes?: number
}

const RESULT_PREFIX = 'DECODE-RESULT '

export function readJob(): DecodeJob {
  const arg = process.argv[2]
  if (!arg) throw new Error('usage: <decoder> <job JSON>')
  return JSON.parse(arg) as DecodeJob
}

/** Peak resident set size of this process, from /proc/self/status, in MB (10^6 bytes). */
export function peakRssMb(): number {
  const status = readFileSync('/proc/self/status', 'utf8')
  const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status)
  if (!m) throw new Error('no VmHWM in /proc/self/status')
  return (Number(m[1]) * 1024) / 1e6
}

/** User + system CPU seconds this process has used. */
export function processCpuSeconds(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

export function reportResult(result: DecodeResult): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`)
}

export function parseResult(stdout: string): DecodeResult | null {
  const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX))
  return line ? (JSON.parse(line.slice(RESULT_PREFIX.length)) as DecodeResult) : null
}
