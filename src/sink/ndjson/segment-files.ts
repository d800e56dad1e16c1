// The names of a file output's segments and its recovery record.
//
// The output path always holds the segment being written. A full segment is renamed to
// "<stem>.<NNNNNN><ext>" ("changes.ndjson" → "changes.000001.ndjson"), numbers rising, so readers
// take the numbered files in order, then the path itself. Beside them, ".<name>.chsync" (JSON)
// records the current segment's number and the mark: the point before which every line is
// covered by a committed position. After a crash only the lines after the mark can be replays.

import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readdirSync, renameSync, writeSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import type { SegmentPoint } from './output.ts'

export interface RecoveryRecord {
  /** Number of the segment at the output path. */
  segment: number
  mark: SegmentPoint
  /** Highest version written so far (a fresh state continues above it). */
  maxVersion: bigint
}

export class SegmentFiles {
  readonly dir: string
  private readonly stem: string
  private readonly ext: string
  readonly recordPath: string

  constructor(readonly path: string) {
    this.dir = dirname(path)
    this.ext = extname(path)
    this.stem = basename(path, this.ext)
    this.recordPath = join(this.dir, `.${basename(path)}.chsync`)
  }

  /** The file of segment `n` when `current` is at the output path. */
  fileOf(n: number, current: number): string {
    return n === current ? this.path : this.rotatedName(n)
  }

  rotatedName(n: number): string {
    return join(this.dir, `${this.stem}.${String(n).padStart(6, '0')}${this.ext}`)
  }

  /** The highest rotated segment number on disk (0 when none). */
  lastRotated(): number {
    const prefix = `${this.stem}.`
    let max = 0
    for (const name of existsSync(this.dir) ? readdirSync(this.dir) : []) {
      if (!name.startsWith(prefix) || !name.endsWith(this.ext)) continue
      const middle = name.slice(prefix.length, name.length - this.ext.length)
      if (/^\d{6,}$/.test(middle)) max = Math.max(max, Number(middle))
    }
    return max
  }

  readRecord(): RecoveryRecord | null {
    let text: string
    try {
      text = readFileSync(this.recordPath, 'utf8')
    } catch {
      return null
    }
    const r = JSON.parse(text) as { segment: number; mark: SegmentPoint; maxVersion: string }
    if (!Number.isInteger(r.segment) || !r.mark || !Number.isInteger(r.mark.segment) || !Number.isInteger(r.mark.offset)) {
      throw new Error(`${this.recordPath} is not a chsync recovery record; remove it to start the output afresh`)
    }
    return { segment: r.segment, mark: r.mark, maxVersion: BigInt(r.maxVersion ?? '0') }
  }

  /** Replaces the record atomically (write a temporary file, fsync, rename). */
  writeRecord(r: RecoveryRecord): void {
    const tmp = `${this.recordPath}.tmp`
    const fd = openSync(tmp, 'w')
    try {
      writeSync(fd, JSON.stringify({ segment: r.segment, mark: r.mark, maxVersion: r.maxVersion.toString() }))
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, this.recordPath)
  }

  /** Makes renames and new files in the folder durable. */
  syncDir(): void {
    const fd = openSync(this.dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  }
}
