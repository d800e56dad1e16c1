// The byte range of the binlog every decoder reads: from a file and offset before the workload to
// the file and offset after it, with what the workload wrote into it.

import type { Flavor } from '../../src/binlog/index.ts'

export interface BinlogPoint {
  file: string
  offset: number
}

export interface BenchRange {
  flavor: Flavor
  /** Row changes the generator was asked for (the workload writes at least that many). */
  requested: number
  start: BinlogPoint
  end: BinlogPoint
  /** Bytes of binlog between start and end, across file rotations. */
  bytes: number
  /** Row changes written to the bench table: inserted, updated and deleted rows. */
  inserts: number
  updates: number
  deletes: number
}

export function rowChanges(r: BenchRange): number {
  return r.inserts + r.updates + r.deletes
}

/** Orders binlog points; file names of one server share a prefix and a zero-padded number. */
export function comparePoints(a: BinlogPoint, b: BinlogPoint): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1
  return a.offset - b.offset
}

/** Bytes from `start` to `end`, given the size of every binlog file (SHOW BINARY LOGS). */
export function rangeBytes(start: BinlogPoint, end: BinlogPoint, sizes: Map<string, number>): number {
  const files = [...sizes.keys()].filter((f) => f >= start.file && f <= end.file).sort()
  if (files[0] !== start.file || files.at(-1) !== end.file)
    throw new Error(`binlog files ${start.file}..${end.file} are not all on the server`)
  let bytes = 0
  for (const f of files) {
    const from = f === start.file ? start.offset : 0
    const to = f === end.file ? end.offset : sizes.get(f)!
    bytes += to - from
  }
  return bytes
}

/** The binlog file names from start to end (numbered files of one server, no gaps). */
export function rangeFiles(range: BenchRange): string[] {
  const { start, end } = range
  const dot = start.file.lastIndexOf('.')
  const base = start.file.slice(0, dot + 1)
  const width = start.file.length - dot - 1
  const files: string[] = []
  for (let n = Number(start.file.slice(dot + 1)); ; n++) {
    const name = base + String(n).padStart(width, '0')
    files.push(name)
    if (name === end.file) return files
    if (files.length > 10_000) throw new Error(`no file ${end.file} after ${start.file}`)
  }
}
