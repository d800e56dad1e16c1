// JSON lines into a file, rotated by size. Delivered means written and fsynced. After a crash the
// torn last line (a write cut short) is cut off, and the lines after the recorded mark are read
// back so that the sink can recognise them when the pipeline replays them.

import { existsSync, mkdirSync } from 'node:fs'
import { type FileHandle, open, rename } from 'node:fs/promises'
import type { FeedOutput, PendingRun, SegmentPoint, WrittenRun } from './output.ts'
import { type RecoveryRecord, SegmentFiles } from './segment-files.ts'

const TAIL_CHUNK = 1 << 16

export class FileOutput implements FeedOutput {
  readonly label: string
  readonly files: SegmentFiles
  private fh: FileHandle | null = null
  private current = 1
  private size = 0
  private queue: PendingRun[] = []
  /** Runs written by a delivery that then failed: on disk, not yet fsynced. */
  private unsynced: WrittenRun[] = []
  private record: RecoveryRecord | null = null
  private chars = 0
  private lines = 0

  constructor(
    path: string,
    private readonly maxFileBytes: number,
  ) {
    this.files = new SegmentFiles(path)
    this.label = path
  }

  get queuedChars(): number {
    return this.chars
  }

  get queuedLines(): number {
    return this.lines
  }

  /** Where the next line will start. */
  get end(): SegmentPoint {
    return { segment: this.current, offset: this.size }
  }

  /** The highest version recorded by an earlier run (0 when none). */
  get recordedMaxVersion(): bigint {
    return this.record?.maxVersion ?? 0n
  }

  /**
   * Opens the output, finishing an interrupted rotation and cutting a torn last line. With `tail`,
   * every complete line after the recorded mark is passed to it, oldest first.
   */
  async open(tail?: (line: string) => void): Promise<void> {
    const f = this.files
    mkdirSync(f.dir, { recursive: true })
    let rec = f.readRecord()
    if (rec) {
      this.current = rec.segment
      // Renamed but not yet recorded: the numbered file exists, the path does not.
      if (!existsSync(f.path) && existsSync(f.rotatedName(this.current))) this.current++
    } else this.current = f.lastRotated() + 1
    this.fh = await open(f.path, 'a+')
    this.size = (await this.fh.stat()).size
    await this.cutTornLine()
    if (!rec) rec = { segment: this.current, mark: { segment: this.current, offset: this.size }, maxVersion: 0n }
    rec.segment = this.current
    if (rec.mark.segment === this.current && rec.mark.offset > this.size) rec.mark = { segment: this.current, offset: this.size }
    this.record = rec
    await f.writeRecord(rec)
    if (tail) await this.readTail(rec.mark, tail)
  }

  enqueue(runs: PendingRun[]): void {
    for (const r of runs) {
      this.queue.push(r)
      this.chars += r.chars
      this.lines += r.lines.length
    }
  }

  async deliver(): Promise<WrittenRun[]> {
    let i = 0
    try {
      for (; i < this.queue.length; i++) {
        const run = this.queue[i]
        const bytes = Buffer.from(run.lines.join(''))
        if (this.size > 0 && this.size + bytes.length > this.maxFileBytes) await this.rotate()
        const start = { segment: this.current, offset: this.size }
        try {
          await writeAll(this.handle(), bytes)
        } catch (err) {
          // Nothing of a run that failed half-way stays: it goes again, whole.
          await this.handle().truncate(start.offset)
          throw err
        }
        this.size += bytes.length
        this.unsynced.push({ meta: run.meta, start })
      }
      if (this.unsynced.length > 0 || i > 0) await this.handle().sync()
    } finally {
      const done = this.queue.splice(0, i)
      for (const r of done) {
        this.chars -= r.chars
        this.lines -= r.lines.length
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
    await this.files.writeRecord(this.record)
  }

  async close(): Promise<void> {
    const fh = this.fh
    this.fh = null
    if (!fh) return
    await fh.sync()
    await fh.close()
  }

  private handle(): FileHandle {
    if (!this.fh) throw new Error(`the output file ${this.label} is not open`)
    return this.fh
  }

  /** Closes the full segment under its number and starts a new one at the path. */
  private async rotate(): Promise<void> {
    const f = this.files
    const fh = this.handle()
    await fh.sync()
    await fh.close()
    this.fh = null
    await rename(f.path, f.rotatedName(this.current))
    this.current++
    this.record = { ...this.record!, segment: this.current }
    await f.writeRecord(this.record)
    this.fh = await open(f.path, 'a+')
    this.size = 0
    await f.syncDir()
  }

  /** A crash during a write can leave a line without its newline: it was never delivered. */
  private async cutTornLine(): Promise<void> {
    const fh = this.handle()
    let end = this.size
    const buf = Buffer.alloc(TAIL_CHUNK)
    while (end > 0) {
      const from = Math.max(0, end - TAIL_CHUNK)
      const { bytesRead } = await fh.read(buf, 0, end - from, from)
      const nl = buf.subarray(0, bytesRead).lastIndexOf(0x0a)
      if (nl >= 0) {
        end = from + nl + 1
        break
      }
      end = from
    }
    if (end < this.size) {
      await fh.truncate(end)
      await fh.sync()
      this.size = end
    }
  }

  private async readTail(mark: SegmentPoint, tail: (line: string) => void): Promise<void> {
    for (let seg = mark.segment; seg <= this.current; seg++) {
      const file = this.files.fileOf(seg, this.current)
      if (!existsSync(file)) continue
      const from = seg === mark.segment ? mark.offset : 0
      const to = seg === this.current ? this.size : Bun.file(file).size
      if (to <= from) continue
      let rest = ''
      const decoder = new TextDecoder()
      for await (const chunk of Bun.file(file).slice(from, to).stream()) {
        const text = rest + decoder.decode(chunk, { stream: true })
        const parts = text.split('\n')
        rest = parts.pop()!
        for (const p of parts) if (p) tail(p)
      }
      rest += decoder.decode()
      if (rest) tail(rest)
    }
  }
}

async function writeAll(fh: FileHandle, bytes: Buffer): Promise<void> {
  let at = 0
  while (at < bytes.length) {
    const { bytesWritten } = await fh.write(bytes, at, bytes.length - at)
    at += bytesWritten
  }
}
