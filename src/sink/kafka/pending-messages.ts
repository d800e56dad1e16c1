// The messages of the next flush, as the Kafka sink writes them: each value is a change's line in
// the feed's line buffer, each key and version header is bytes in a second buffer, and the GTID
// and position headers are shared by the rows of one source transaction. A flush takes both
// buffers whole and the record batches are encoded from them directly: no object per key, value
// or header, so a million messages leave little garbage behind (bench-kafka's RSS was mostly garbage).

import { FeedLines, LineBuffer } from '../ndjson/index.ts'
import type { MessageBytes } from './record-batch.ts'

/** Headers of one source transaction: its GTID and binlog position as bytes (null: none). */
export interface Where {
  gtid: string | null
  position: string | null
  gtidBytes: Buffer | null
  positionBytes: Buffer | null
}

/**
 * A message to be: its value is line bytes [start, end) (end -1: a tombstone), its key and its
 * version digits are side bytes [keyStart, keyEnd) and [keyEnd, versionEnd) (none: equal).
 */
export interface MessageEntry {
  topic: string
  /** Set when the flush knows the topic's partitions. */
  partition: number
  start: number
  end: number
  keyStart: number
  keyEnd: number
  versionEnd: number
  where: Where
}

/** A flush's messages and the buffers they are in (given back once they are sent). */
export interface TakenMessages extends MessageBytes {
  entries: MessageEntry[]
  /** Bytes of keys and values. */
  bytes: number
}

export const NO_WHERE: Where = { gtid: null, position: null, gtidBytes: null, positionBytes: null }
export const NO_MESSAGES: TakenMessages = { entries: [], bytes: 0, lines: Buffer.alloc(0), side: Buffer.alloc(0) }

/** One message with this key and value and no headers of its own, as a flush's messages. */
export function singleMessage(topic: string, key: Buffer, value: Buffer): TakenMessages {
  const entry: MessageEntry = {
    topic,
    partition: 0,
    start: 0,
    end: value.length,
    keyStart: 0,
    keyEnd: key.length,
    versionEnd: key.length,
    where: NO_WHERE,
  }
  return { entries: [entry], bytes: key.length + value.length, lines: value, side: key }
}

export class PendingMessages {
  readonly lines: FeedLines
  private readonly side = new LineBuffer()
  private entries: MessageEntry[] = []
  private where: Where = NO_WHERE

  constructor(opts: { includeBefore: boolean }) {
    this.lines = new FeedLines(opts)
  }

  get count(): number {
    return this.entries.length
  }

  /** Bytes held: the lines and the keys and versions. */
  get bytes(): number {
    return this.lines.end + this.side.pos
  }

  /**
   * The line written last, from `start` to the buffer's end (without its newline), becomes a
   * message; `tombstone`: a second one with the same key and no value follows it.
   */
  add(topic: string, start: number, key: string, gtid: string | null, position: string | null, version: bigint, tombstone = false): void {
    const side = this.side
    const keyStart = side.pos
    side.text(key)
    const keyEnd = side.pos
    side.text(version.toString())
    const e: MessageEntry = {
      topic,
      partition: 0,
      start,
      end: this.lines.end - 1,
      keyStart,
      keyEnd,
      versionEnd: side.pos,
      where: this.whereOf(gtid, position),
    }
    this.entries.push(e)
    if (tombstone) this.entries.push({ ...e, start: 0, end: -1 })
  }

  /** Everything written becomes messages; the buffers belong to them until `recycle`. */
  take(): TakenMessages {
    const entries = this.entries
    this.entries = []
    const bytes = this.bytes
    return { entries, bytes, lines: this.lines.buffer.take(), side: this.side.take() }
  }

  /** The buffers of messages that were sent: their memory serves the next flush. */
  recycle(taken: TakenMessages): void {
    this.lines.buffer.recycle(taken.lines)
    this.side.recycle(taken.side)
  }

  private whereOf(gtid: string | null, position: string | null): Where {
    const w = this.where
    if (w.gtid === gtid && w.position === position) return w
    this.where = {
      gtid,
      position,
      gtidBytes: gtid === null ? null : Buffer.from(gtid),
      positionBytes: position === null ? null : Buffer.from(position),
    }
    return this.where
  }
}
