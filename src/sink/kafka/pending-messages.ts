// The messages of the next flush, as the Kafka sink writes them: each value is a change's line in
// the feed's line buffer, each key and version header is bytes in a second buffer, and the GTID
// and position headers are shared by the rows of one source transaction. A flush takes both
// buffers whole and every message becomes views into them: no allocation per key or header, so
// a million messages leave far less garbage behind (bench-kafka's RSS was mostly garbage).

import type { MessageToProduce } from '@platformatic/kafka'
import { FeedLines, LineBuffer } from '../ndjson/index.ts'

export type Message = MessageToProduce<Buffer, Buffer, Buffer, Buffer>

/** Headers of one source transaction: its GTID and binlog position as bytes (null: none). */
interface Where {
  gtid: string | null
  position: string | null
  gtidBytes: Buffer | null
  positionBytes: Buffer | null
}

/**
 * A message to be: its value is line bytes [start, end) (end -1: a tombstone), its key and its
 * version digits are side bytes [keyStart, keyEnd) and [keyEnd, versionEnd).
 */
interface Entry {
  topic: string
  start: number
  end: number
  keyStart: number
  keyEnd: number
  versionEnd: number
  where: Where
}

/** A flush's messages and the buffers their bytes are views of (given back once they are sent). */
export interface TakenMessages {
  messages: Message[]
  /** Bytes of keys and values. */
  bytes: number
  buffers: Buffer[]
}

const H_GTID = Buffer.from('gtid')
const H_POSITION = Buffer.from('position')
const H_VERSION = Buffer.from('version')

export class PendingMessages {
  readonly lines: FeedLines
  private readonly side = new LineBuffer()
  private entries: Entry[] = []
  private where: Where = { gtid: null, position: null, gtidBytes: null, positionBytes: null }

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
    const e: Entry = { topic, start, end: this.lines.end - 1, keyStart, keyEnd, versionEnd: side.pos, where: this.whereOf(gtid, position) }
    this.entries.push(e)
    if (tombstone) this.entries.push({ ...e, start: 0, end: -1 })
  }

  /** Everything written becomes messages; the buffers belong to them until `recycle`. */
  take(): TakenMessages {
    const lines = this.lines.buffer.take()
    const side = this.side.take()
    const messages: Message[] = new Array(this.entries.length)
    let bytes = 0
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries[i]
      const headers = new Map<Buffer, Buffer>()
      if (e.where.gtidBytes) headers.set(H_GTID, e.where.gtidBytes)
      if (e.where.positionBytes) headers.set(H_POSITION, e.where.positionBytes)
      headers.set(H_VERSION, side.subarray(e.keyEnd, e.versionEnd))
      const key = side.subarray(e.keyStart, e.keyEnd)
      const value = e.end < 0 ? null : lines.subarray(e.start, e.end)
      messages[i] = { topic: e.topic, key, value: value as Buffer, headers }
      bytes += key.length + (value?.length ?? 0)
    }
    this.entries = []
    return { messages, bytes, buffers: [lines, side] }
  }

  /** The buffers of messages that were sent: their memory serves the next flush. */
  recycle(taken: TakenMessages): void {
    this.lines.buffer.recycle(taken.buffers[0])
    this.side.recycle(taken.buffers[1])
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
