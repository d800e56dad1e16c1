// JSON lines into a file, rotated by size. Delivered means written and fsynced. After a crash the
// torn last line (a write cut short) is cut off, and the lines after the recorded mark are read
// back so that the sink can recognise them when the pipeline replays them.
//
// The writes are synchronous, like the state store's commits: the applier hands the event loop
// back only now and then while the binlog arrives fast, and asynchronous writes would wait for
// it, letting the buffer grow to its bound. The fsync that ends a delivery is not: it runs on
// another thread while the applier goes on encoding, and everything written meanwhile goes with
// the next delivery (group commit: one fsync and one state commit per group, however large).

import {
  closeSync,
  existsSync,
  fstatSync,
  fsync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  writeSync,
} from 'node:fs'
import { promisify } from 'node:util'
import type { FeedOutput, PendingRun, SegmentPoint, WrittenRun } from './output.ts'
import { type RecoveryRecord, SegmentFiles } from './segment-files.ts'

const TAIL_CHUNK = 1 << 16
const fsyncAsync = promisify(fsync)

export class FileOutput implements FeedOutput {
  readonly label: string
  readonly files: SegmentFiles
  private fd: number | null = null
  private current = 1
  private size = 0
  private queue: PendingRun[] = []
  /** Runs written by a delivery that then failed: on disk, not yet fsynced. */
  private unsynced: WrittenRun[] = []
  /** The fsync in flight, if any: close() waits for it before the descriptor goes. */
  private syncing: Promise<void> | null = null
  private record: RecoveryRecord | null = null
  private openedMark: SegmentPoint | null = null
  private queued = 0
  private lines = 0

  constructor(
    path: string,
    private readonly maxFileBytes: number,
  ) {
    this.files = new SegmentFiles(path)
    this.label = path
  }

  get queuedBytes(): number {
    return this.queued
  }

  get queuedLines(): number {
    return this.lines
  }

  /** Where the next line will start. */
  get end(): SegmentPoint {
    return { segment: this.current, offset: this.size }
  }

  /** The recorded mark found by open(): where the lines of an earlier run begin. */
  get markAtOpen(): SegmentPoint | null {
    return this.openedMark
  }

  /** The highest version recorded by an earlier run (0 when none). */
  get recordedMaxVersion(): bigint {
    return this.record?.maxVersion ?? 0n
  }

  /**
   * Opens the output, finishing an interrupted rotation and cutting a torn last line. With `tail`,
   * every complete line after the recorded mark is passed to it (UTF-8, no newline), oldest first.
   */
  async open(tail?: (line: Uint8Array) => void): Promise<void> {
    const f = this.files
    mkdirSync(f.dir, { recursive: true })
    let rec = f.readRecord()
    if (rec) {
      this.current = rec.segment
      // Renamed but not yet recorded: the numbered file exists, the path does not.
      if (!existsSync(f.path) && existsSync(f.rotatedName(this.current))) this.current++
    } else this.current = f.lastRotated() + 1
    this.fd = openSync(f.path, 'a+')
    this.size = fstatSync(this.fd).size
    this.cutTornLine()
    if (!rec) rec = { segment: this.current, mark: { segment: this.current, offset: this.size }, maxVersion: 0n }
    rec.segment = this.current
    if (rec.mark.segment === this.current && rec.mark.offset > this.size) rec.mark = { segment: this.current, offset: this.size }
    this.record = rec
    this.openedMark = { ...rec.mark }
    f.writeRecord(rec)
    if (tail) await this.readTail(rec.mark, tail)
  }

  enqueue(runs: PendingRun[]): void {
    for (const r of runs) {
      this.queue.push(r)
      this.queued += r.bytes.length
      this.lines += r.lines
    }
  }

  async deliver(): Promise<WrittenRun[]> {
    let i = 0
    try {
      for (; i < this.queue.length; i++) {
        const run = this.queue[i]
        const bytes = run.bytes
        if (this.size > 0 && this.size + bytes.length > this.maxFileBytes) this.rotate()
        const start = { segment: this.current, offset: this.size }
        try {
          writeAll(this.handle(), bytes)
        } catch (err) {
          // Nothing of a run that failed half-way stays: it goes again, whole.
          ftruncateSync(this.handle(), start.offset)
          throw err
        }
        this.size += bytes.length
        this.unsynced.push({ meta: run.meta, start })
      }
      if (this.unsynced.length > 0 || i > 0) {
        this.syncing = fsyncAsync(this.handle())
        try {
          await this.syncing
        } finally {
          this.syncing = null
        }
      }
    } finally {
      const done = this.queue.splice(0, i)
      for (const r of done) {
        this.queued -= r.bytes.length
        this.lines -= r.lines
      }
    }
    const written = this.unsynced
    this.unsynced = []
    return written
  }

  /** Records the mark (everything before it is committed) and the highest version written. */
  async saveMark(mark: SegmentPoint, maxVersion: bigint): Promise<void> {
    const r = this.record!
    if (r.mark.segment === mark.segment && r.mark.offset === mark.offset && r.maxVersion === maxVersion) return
    this.record = { segment: this.current, mark, maxVersion }
    this.files.writeRecord(this.record)
  }

  async close(): Promise<void> {
    await this.syncing?.catch(() => {})
    const fd = this.fd
    this.fd = null
    if (fd === null) return
    fsyncSync(fd)
    closeSync(fd)
  }

  private handle(): number {
    if (this.fd === null) {
      // A rotation that failed half-way left no file open: go on in a new one at the path.
      this.fd = openSync(this.files.path, 'a+')
      this.size = fstatSync(this.fd).size
    }
    return this.fd
  }

  /** Closes the full segment under its number and starts a new one at the path. */
  private rotate(): void {
    const f = this.files
    const fd = this.handle()
    fsyncSync(fd)
    closeSync(fd)
    this.fd = null
    renameSync(f.path, f.rotatedName(this.current))
    this.current++
    this.record = { ...this.record!, segment: this.current }
    f.writeRecord(this.record)
    this.fd = openSync(f.path, 'a+')
    this.size = 0
    f.syncDir()
  }

  /** A crash during a write can leave a line without its newline: it was never delivered. */
  private cutTornLine(): void {
    const fd = this.handle()
    let end = this.size
    const buf = Buffer.alloc(TAIL_CHUNK)
    while (end > 0) {
      const from = Math.max(0, end - TAIL_CHUNK)
      const n = readSync(fd, buf, 0, end - from, from)
      const nl = buf.subarray(0, n).lastIndexOf(0x0a)
      if (nl >= 0) {
        end = from + nl + 1
        break
      }
      end = from
    }
    if (end < this.size) {
      ftruncateSync(fd, end)
      fsyncSync(fd)
      this.size = end
    }
  }

  private async readTail(mark: SegmentPoint, tail: (line: Uint8Array) => void): Promise<void> {
    for (let seg = mark.segment; seg <= this.current; seg++) {
      const file = this.files.fileOf(seg, this.current)
      if (!existsSync(file)) continue
      const from = seg === mark.segment ? mark.offset : 0
      const to = seg === this.current ? this.size : Bun.file(file).size
      if (to <= from) continue
      let rest: Uint8Array = new Uint8Array(0)
      for await (const chunk of Bun.file(file).slice(from, to).stream()) {
        const data = rest.length ? Buffer.concat([rest, chunk]) : chunk
        let start = 0
        for (let nl = data.indexOf(10); nl >= 0; nl = data.indexOf(10, start)) {
          if (nl > start) tail(data.subarray(start, nl))
          start = nl + 1
        }
        rest = data.slice(start)
      }
      if (rest.length) tail(rest)
    }
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let at = 0
  while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at)
}
