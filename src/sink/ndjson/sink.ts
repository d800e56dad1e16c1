// The ndjson sink: every change as one JSON line, to stdout, to files or to an HTTP endpoint.
// Lines are encoded as UTF-8 into one buffer when written and grouped into runs (one kind, one
// table); a flush hands the runs to the output and resolves once the output made them durable.
// With a file output the sink also keeps the recovery mark, and after a restart it leaves out the
// replayed changes the file already holds, so that every change is in the file once.

import type { Stats } from '../../health/stats.ts'
import type { Logger } from '../../log/index.ts'
import type { DdlChange, RowChange, SourceTable } from '../../model/index.ts'
import { BaseSink, type DdlResult, type SinkBatching, SinkFatalError, type SinkVersions } from '../sink.ts'
import type { LineBuffer } from './line-buffer.ts'
import { CommitTracker, type FeedState, copyFinished } from './commit-tracker.ts'
import { TS_FIELD } from './feed-line.ts'
import { FeedLines } from './feed-lines.ts'
import { FileOutput } from './file-output.ts'
import type { FeedOutput, PendingRun, RunMeta, SegmentPoint } from './output.ts'
import { ReplayFilter, snapshotKey } from './replay-filter.ts'

export interface NdjsonSinkOptions {
  output: FeedOutput
  includeBefore: boolean
  /** The state store the pipeline commits to; a file output needs it to recover after a crash. */
  state?: () => FeedState & { close?(): void }
  log: Logger
  stats?: Stats
  /** Lines in one run at most: how finely files rotate and the recovery mark moves. */
  runLines?: number
  /** Told of a failure the flusher must not retry (the output is gone); then the flush rejects. */
  onFatal?: (err: SinkFatalError) => void | Promise<void>
  /** sink.ndjson.batch_rows and flush_interval_ms: how the pipeline batches for this sink. */
  batching?: SinkBatching
}

/** A run being written: its lines are bytes [start, end) of the buffer. */
interface OpenRun {
  meta: RunMeta
  start: number
  lines: number
}

const TS_BYTES = new TextEncoder().encode(TS_FIELD)
const MARK_EVERY_MS = 1000
const decoder = new TextDecoder()

export class NdjsonSink extends BaseSink {
  readonly name = 'ndjson'
  override readonly batching: SinkBatching | null
  private readonly lines: FeedLines
  private readonly buffer: LineBuffer
  private readonly filter = new ReplayFilter()
  private readonly tracker: CommitTracker | null
  private readonly runLines: number
  private state: (FeedState & { close?(): void }) | null = null
  /** Batches handed to the output and not yet delivered: their memory is reused after. */
  private inFlight: Buffer[] = []
  private flushing: Promise<void> = Promise.resolve()
  private runs: OpenRun[] = []
  private last: OpenRun | null = null
  private rows = 0
  /** The last position committed ("file:offset"). */
  private lastCommitted: string | null = null
  private highestVersion = 0n
  /**
   * The highest version in the output, fsynced: what the recovery record may say. Rows go on being
   * written into the buffer while a delivery's fsync runs, so highestVersion can be ahead of the
   * file; a record of it made a restart hand the replayed changes versions above their own.
   */
  private deliveredVersion = 0n
  /** Snapshot rows seen per "db.table@version", counted from the copy's start. */
  private readonly ordinals = new Map<string, number>()
  /** What a restart found after the mark and could not tell covered (see RunMeta 'tail'). */
  private tail: Extract<RunMeta, { cls: 'tail' }> | null = null
  /** Highest version of the binlog lines in `tail`. */
  private tailVersion = -1n
  /** The recovery mark as of the last commit, and when it was last recorded. */
  private mark: SegmentPoint | null = null
  private markSavedAt = 0

  constructor(private readonly opts: NdjsonSinkOptions) {
    super()
    this.lines = new FeedLines({ includeBefore: opts.includeBefore })
    this.buffer = this.lines.buffer
    this.batching = opts.batching ?? null
    this.tracker = opts.output instanceof FileOutput && opts.state ? new CommitTracker() : null
    this.runLines = opts.runLines ?? 512
  }

  get pendingBytes(): number {
    return this.buffer.pos + this.opts.output.queuedBytes
  }

  get pendingRows(): number {
    return this.rows + this.opts.output.queuedLines
  }

  async start(): Promise<void> {
    const out = this.opts.output
    this.state = this.opts.state?.() ?? null
    if (!(out instanceof FileOutput)) return
    // Without a committed position nothing is replayed: a fresh state starts anew.
    const cp = this.state?.checkpoint ?? null
    await out.open(cp && this.state ? (line) => this.rememberTail(line, cp.version, this.state!) : undefined)
    if (out.recordedMaxVersion > this.highestVersion) this.highestVersion = out.recordedMaxVersion
    this.deliveredVersion = this.highestVersion
    const tail = this.tail
    if (tail && this.tracker && out.markAtOpen && (tail.binlog !== 'none' || tail.copies.size > 0)) {
      this.tracker.restarted({ meta: tail, start: out.markAtOpen })
    }
    if (this.filter.remembered > 0) {
      this.opts.log.info('output file recovered: lines after the last commit are not written again when replayed', {
        file: out.label,
        lines: this.filter.remembered,
      })
    }
  }

  write(change: RowChange): void {
    const out = this.buffer
    const start = out.pos
    const bodyEnd = this.lines.row(change)
    const t = change.table
    if (change.kind === 'snapshot') {
      const ordinal = this.tracker ? this.nextOrdinal(t, change.version) : null
      if (this.filter.active && this.filter.seenSnapshot(t.database, t.table, change.version, out.view(start, bodyEnd))) {
        this.lines.dropFrom(start)
        return
      }
      const run = this.last
      if (
        run &&
        run.meta.cls === 'snapshot' &&
        run.meta.version === change.version &&
        run.meta.table === t.table &&
        run.meta.database === t.database &&
        run.lines < this.runLines
      ) {
        run.meta.lastOrdinal = ordinal
        this.added(run)
      } else
        this.added(
          this.newRun({ cls: 'snapshot', database: t.database, table: t.table, version: change.version, lastOrdinal: ordinal }, start),
        )
    } else {
      // The replay went past the binlog lines of the tail: they are covered once this commits.
      if (this.tail?.binlog === 'pending' && change.version > this.tailVersion) this.tail.binlog = change.version
      if (this.filter.active && this.filter.seenBinlog(out.view(start, bodyEnd), change.version, true)) {
        this.lines.dropFrom(start)
        return
      }
      const run = this.last
      if (run && run.meta.cls === 'row' && run.lines < this.runLines) {
        run.meta.lastVersion = change.version
        this.added(run)
      } else this.added(this.newRun({ cls: 'row', lastVersion: change.version }, start))
    }
    if (change.version > this.highestVersion) this.highestVersion = change.version
  }

  async applyDdl(ddl: DdlChange): Promise<DdlResult> {
    const cp = this.state?.checkpoint ?? null
    const start = this.lines.end
    const { bodyEnd, version } = this.lines.ddl(ddl, cp?.version)
    if (this.filter.active && this.filter.seenBinlog(this.buffer.view(start, bodyEnd), version, false)) {
      this.lines.dropFrom(start)
      return { rebuilt: [], refused: [] }
    }
    const committedAt = this.lastCommitted ?? (cp ? `${cp.file}:${cp.offset}` : null)
    this.added(this.newRun({ cls: 'ddl', committedAt }, start))
    this.last = null
    // Nothing else is buffered (the pipeline flushed before the statement) and no write may follow
    // soon to start a flush: the line goes out now.
    await this.flush()
    return { rebuilt: [], refused: [] }
  }

  /** Flushes run one after another (the pipeline's and the one after a DDL line may meet). */
  flush(): Promise<void> {
    const run = this.flushing.then(() => this.flushNow())
    this.flushing = run.catch(() => {})
    return run
  }

  private async flushNow(): Promise<void> {
    const out = this.opts.output
    // Everything written so far belongs to this flush: the output owns it from here on.
    const upTo = this.highestVersion
    if (this.runs.length > 0) {
      const end = this.buffer.pos
      const bytes = this.buffer.take()
      this.inFlight.push(bytes)
      const runs: PendingRun[] = this.runs.map((r, i) => ({
        meta: r.meta,
        bytes: bytes.subarray(r.start, i + 1 < this.runs.length ? this.runs[i + 1].start : end),
        lines: r.lines,
      }))
      out.enqueue(runs)
      this.runs = []
      this.last = null
      this.rows = 0
    }
    try {
      const written = await out.deliver()
      if (written && this.tracker) this.tracker.written(written)
      if (upTo > this.deliveredVersion) this.deliveredVersion = upTo
      for (const b of this.inFlight) this.buffer.recycle(b)
      this.inFlight = []
    } catch (err) {
      if (err instanceof SinkFatalError) await this.opts.onFatal?.(err)
      throw err
    }
  }

  override async committed(position: string, _gtid: string | null): Promise<void> {
    this.lastCommitted = position
    const out = this.opts.output
    if (!this.tracker || !this.state || !(out instanceof FileOutput)) return
    this.mark = this.tracker.advance(this.state, position, out.end)
    // A mark recorded late only means more lines to read back after a crash: once a second is enough.
    if (Date.now() - this.markSavedAt < MARK_EVERY_MS) return
    this.markSavedAt = Date.now()
    await out.saveMark(this.mark, this.deliveredVersion)
  }

  override async snapshotDone(table: SourceTable, version: bigint): Promise<void> {
    this.filter.copyDone(table.database, table.table)
    this.tail?.copies.delete(snapshotKey(table.database, table.table, version))
    this.ordinals.delete(snapshotKey(table.database, table.table, version))
  }

  /** Highest version an earlier run wrote into the output (a fresh state continues above it). */
  override readonly versions: SinkVersions = { maxVersion: async () => this.highestVersion }

  /** Replayed changes that were already in the output and were not written again. */
  get replaysSkipped(): number {
    return this.filter.skipped
  }

  async close(): Promise<void> {
    const out = this.opts.output
    if (this.mark && out instanceof FileOutput) await out.saveMark(this.mark, this.deliveredVersion)
    await out.close()
    this.state?.close?.()
    this.state = null
  }

  private newRun(meta: RunMeta, start: number): OpenRun {
    const run: OpenRun = { meta, start, lines: 0 }
    this.runs.push(run)
    this.last = run
    return run
  }

  private added(run: OpenRun): void {
    run.lines++
    this.rows++
  }

  /**
   * A line a crashed run wrote after the mark. What the committed state covers will not come
   * again; the rest is remembered, to be recognised when the pipeline replays it.
   */
  private rememberTail(line: Uint8Array, committedVersion: bigint, state: FeedState): void {
    const at = lastIndexOf(line, TS_BYTES)
    if (at < 0) return
    const parsed = JSON.parse(decoder.decode(line)) as { kind?: string; schema?: string; table?: string; version?: number | string }
    if (parsed.version === undefined) return
    const version = BigInt(parsed.version)
    const body = line.subarray(0, at)
    this.tail ??= { cls: 'tail', binlog: 'none', copies: new Set() }
    if (version > this.highestVersion) this.highestVersion = version
    if (parsed.kind === 'snapshot_insert') {
      const key = snapshotKey(String(parsed.schema), String(parsed.table), version)
      if (copyFinished(state, key)) return
      this.tail.copies.add(key)
      this.filter.rememberSnapshot(String(parsed.schema), String(parsed.table), version, body)
      return
    }
    // A DDL line carries the version of the row change before it: it cannot tell, keep it.
    if (parsed.kind !== 'ddl' && version <= committedVersion) return
    this.tail.binlog = 'pending'
    if (version > this.tailVersion) this.tailVersion = version
    this.filter.rememberBinlog(body, version)
  }

  /**
   * Row number of a snapshot row within its table's copy; a resumed copy goes on from its progress.
   * Null for a keyless table: its copy starts over from the first row, so no number covers a row.
   */
  private nextOrdinal(t: SourceTable, version: bigint): number | null {
    if (t.primaryKey.length === 0) return null
    const key = snapshotKey(t.database, t.table, version)
    let n = this.ordinals.get(key)
    if (n === undefined) {
      const s = this.state?.table(t.database, t.table)
      n = s && s.snapshotVersion === version && s.stage !== 'streaming' ? s.rowsCopied : 0
    }
    this.ordinals.set(key, ++n)
    return n
  }
}

function lastIndexOf(haystack: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).lastIndexOf(needle)
}
