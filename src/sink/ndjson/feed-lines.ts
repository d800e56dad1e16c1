// The change feed's lines as a sink of the feed (ndjson, Kafka) writes them: encoded into one line
// buffer, with the version a DDL line carries (that of the row change before it, else the
// committed position's).

import type { DdlChange, RowChange } from '../../model/index.ts'
import { FeedLineEncoder } from './feed-line.ts'
import { LineBuffer } from './line-buffer.ts'

export class FeedLines {
  readonly buffer = new LineBuffer()
  private readonly encoder: FeedLineEncoder
  /** Version of the last binlog row change written. */
  private lastVersion: bigint | null = null

  constructor(opts: { includeBefore: boolean }) {
    this.encoder = new FeedLineEncoder(opts)
  }

  /** Appends the change's line; returns where its body ends (before the "ts" field). */
  row(change: RowChange): number {
    const bodyEnd = this.encoder.row(change, this.buffer)
    if (change.kind !== 'snapshot') this.lastVersion = change.version
    return bodyEnd
  }

  /** Appends the statement's line; returns where its body ends and the version it carries. */
  ddl(ddl: DdlChange, committedVersion: bigint | undefined): { bodyEnd: number; version: bigint } {
    const version = this.lastVersion ?? committedVersion ?? 0n
    return { bodyEnd: this.encoder.ddl(ddl, version, this.buffer), version }
  }

  /** Where the next line starts. */
  get end(): number {
    return this.buffer.pos
  }

  /** Takes back the lines from `start` on (a replay the output already holds). */
  dropFrom(start: number): void {
    this.buffer.pos = start
  }
}
