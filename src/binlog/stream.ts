// The replication stream: asks the source for its binlog from a position and yields decoded events
// in order, each with the position just after it. Packets wait undecoded in a queue bounded in
// bytes; past the bound the socket is paused, so a slow consumer slows the source, not memory.

import { fullGC } from 'bun:jsc'
import type { ServerInfo, SourceConnection } from './connection.ts'
import { type DecodedEvent, EventDecoder } from './decoder.ts'
import { PacketTooLargeError, ReplicationError } from './errors.ts'
import { encodeMysqlGtidSet, parseGtidSet } from './gtid/index.ts'
import {
  BINLOG_DUMP_NON_BLOCK,
  BINLOG_THROUGH_GTID,
  type ServerErrorPacket,
  binlogDumpGtidPacket,
  binlogDumpPacket,
  registerReplicaPacket,
} from './protocol/packets.ts'
import { DumpFramer } from './protocol/dump-framer.ts'
import { type Mysql2Core, ReplicationCommand } from './protocol/replication-command.ts'
import type { CharsetRegistry } from './values/charsets.ts'

/** Where to start: after the transactions of a GTID set, or at a binlog file and offset. */
export type StreamStart = { gtid: string } | { file: string; offset: number }

export interface StreamOptions {
  /** This replica's server id; must differ from every other replica of the source. */
  serverId: number
  /**
   * Seconds of silence after which the source sends a heartbeat (default 5). Three periods (at
   * least 10 s) with no byte at all, not even a heartbeat, and the connection is taken as lost.
   */
  heartbeatSeconds?: number
  /** Stop at the current end of the binlog instead of waiting for more (tests, benchmarks). */
  nonBlocking?: boolean
  /** Bytes of received, not yet decoded packets before the socket is paused (default 32 MiB). */
  maxBufferedBytes?: number
  /**
   * Collects garbage after every this many bytes of events decoded (default never). Decoded rows
   * become garbage as soon as they are applied; left to its own pace, the runtime's heap grew by a
   * multiple of the bytes buffered before it collected them. A full collection, synchronous, with
   * its sweep (bun:jsc fullGC): Bun.gc(false) left the heap's extra memory where it was (measured
   * right after it), and Bun.gc(true) also throws compiled code away (70 ms a call here).
   */
  collectEveryBytes?: number
  /** Host name shown in SHOW REPLICAS (default "chsync"). */
  replicaHost?: string
  /** The largest packet accepted, in bytes (default: maxPacketBytes(info.maxAllowedPacket)). */
  maxPacketBytes?: number
}

/**
 * The largest binlog event a source can send: one row of max_allowed_packet bytes, twice in an
 * update (the row before and after), plus the event's header and the other columns.
 */
export function maxPacketBytes(maxAllowedPacket: number): number {
  return 2 * maxAllowedPacket + (1 << 20)
}

/** The collations the stream decodes text with, and how to ask the server again for ids it lacks. */
export interface CharsetSource {
  registry: CharsetRegistry
  /** Re-reads the server's collations; true when the registry learned an id it did not have. */
  refresh(): Promise<boolean>
}

export interface StreamEvent extends DecodedEvent {
  /** The binlog file this event belongs to. */
  file: string
  /** Offset in `file` just after this event: where a resume after it starts. */
  nextOffset: number
}

export interface StreamStats {
  bytes: number
  events: number
  /** TRANSACTION_PAYLOAD events (compressed transactions) seen. */
  payloads: number
  /** Bytes received and waiting to be decoded. */
  bufferedBytes: number
}

export class BinlogStream implements AsyncIterable<StreamEvent> {
  readonly decoder: EventDecoder
  readonly stats: StreamStats = { bytes: 0, events: 0, payloads: 0, bufferedBytes: 0 }
  private readonly queue: Buffer[] = []
  private head = 0
  private paused = false
  private end: { err?: Error } | null = null
  private wake: (() => void) | null = null
  private file: string
  private offset: number
  private readonly maxBuffered: number
  private readonly collectEvery: number
  private sinceCollect = 0
  private silence: ReturnType<typeof setInterval> | null = null
  private lastData = performance.now()

  private constructor(
    private readonly conn: SourceConnection,
    readonly info: ServerInfo,
    start: StreamStart,
    opts: StreamOptions,
    private readonly charsets: CharsetSource,
  ) {
    this.decoder = new EventDecoder({ charsets: charsets.registry, checksum: info.binlogChecksum, flavor: info.flavor })
    this.file = 'file' in start ? start.file : ''
    this.offset = 'file' in start ? start.offset : 4
    this.maxBuffered = opts.maxBufferedBytes ?? 32 << 20
    this.collectEvery = opts.collectEveryBytes ?? Number.POSITIVE_INFINITY
    conn.onClose((err) => this.finish(err ?? new ReplicationError('the source closed the replication connection')))
  }

  /** Prepares the session and sends the dump request; events then flow until close(). */
  static async open(
    conn: SourceConnection,
    info: ServerInfo,
    start: StreamStart,
    opts: StreamOptions,
    charsets: CharsetSource,
  ): Promise<BinlogStream> {
    const stream = new BinlogStream(conn, info, start, opts, charsets)
    // Checksums: telling the source we know its algorithm makes it send events with their CRC32.
    await conn.query('SET @master_binlog_checksum = @@global.binlog_checksum, @source_binlog_checksum = @@global.binlog_checksum')
    const periodNs = BigInt(Math.round((opts.heartbeatSeconds ?? 5) * 1e9))
    await conn.query(`SET @master_heartbeat_period = ${periodNs}, @source_heartbeat_period = ${periodNs}`)
    if (info.flavor === 'mariadb') {
      // Capability 4 (MARIA_SLAVE_CAPABILITY_GTID): send GTID events as they are, not as BEGIN.
      await conn.query('SET @mariadb_slave_capability = 4')
      if ('gtid' in start) {
        await conn.query('SET @slave_connect_state = ?, @slave_gtid_strict_mode = 1, @slave_gtid_ignore_duplicates = 0', [start.gtid])
      }
    }
    await stream.register(opts)
    stream.dump(start, opts)
    return stream
  }

  private async register(opts: StreamOptions): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const packet = registerReplicaPacket(opts.serverId, opts.replicaHost ?? 'chsync', 0)
      this.conn.core.addCommand(
        new ReplicationCommand(
          packet,
          {
            onPacket: () => {},
            onEnd: (err) => (err ? reject(serverError('COM_REGISTER_SLAVE', err)) : resolve()),
            onLost: (err) => reject(lostDuring('COM_REGISTER_SLAVE', err)),
          },
          true,
        ),
      )
    })
  }

  private dump(start: StreamStart, opts: StreamOptions): void {
    const flags = opts.nonBlocking ? BINLOG_DUMP_NON_BLOCK : 0
    let request: Buffer
    if ('file' in start) request = binlogDumpPacket(opts.serverId, start.file, start.offset, flags)
    else if (this.info.flavor === 'mariadb') request = binlogDumpPacket(opts.serverId, '', 4, flags)
    else {
      const set = parseGtidSet('mysql', start.gtid)
      request = binlogDumpGtidPacket(opts.serverId, encodeMysqlGtidSet(set), '', 4, BINLOG_THROUGH_GTID | flags)
    }
    const where = 'file' in start ? `${start.file}:${start.offset}` : `GTID set ${start.gtid || '(empty)'}`
    const limit = opts.maxPacketBytes ?? maxPacketBytes(this.info.maxAllowedPacket)
    this.watchSilence(opts.heartbeatSeconds ?? 5, where)
    this.conn.core.addCommand(
      new ReplicationCommand(request, {
        onSent: (core) => this.readFrames(core, limit),
        onPacket: (payload) => this.push(payload),
        onEnd: (err) => this.finish(err ? serverError(`binlog dump from ${where}`, err) : undefined),
        onLost: (err) => this.finish(lostDuring(`the binlog dump from ${where}`, err)),
      }),
    )
  }

  /**
   * Takes the socket's bytes from mysql2's packet parser as soon as the dump request is out, and
   * cuts them into packets with a DumpFramer: mysql2 would hold a packet of several frames twice
   * (each frame, then all of them joined). The dump's last packet (EOF, ERR) goes back to mysql2,
   * which ends the command; a cut connection reaches the command through mysql2 as before.
   */
  private readFrames(core: Mysql2Core, limit: number): void {
    const parser = core.packetParser
    const framer = new DumpFramer(limit, {
      onPacket: (payload) => this.push(payload),
      onBigCopy: (bytes) => this.collectAfter(bytes),
      onOther: (rest) => {
        core.packetParser = parser
        core.sequenceId = rest[3]!
        parser.execute(rest)
      },
      onTooLarge: (bytes) =>
        this.cut(
          new PacketTooLargeError(
            `the source announced a packet of ${bytes} bytes, more than a binlog event can be with max_allowed_packet = ${this.info.maxAllowedPacket} ` +
              `(limit ${limit} bytes), after ${this.reached()}; the stream was cut`,
            bytes,
            limit,
          ),
        ),
      onMalformed: (message) =>
        this.cut(new ReplicationError(`malformed frames from the source: ${message}, after ${this.reached()}; the stream was cut`)),
    })
    core.packetParser = {
      execute: (chunk) => {
        this.lastData = performance.now()
        framer.feed(chunk)
      },
    }
  }

  /** Where the stream is, for errors: the position after the last event read. */
  private reached(): string {
    return this.file ? `${this.file}:${this.offset}` : 'the start'
  }

  private cut(err: Error): void {
    this.finish(err)
    this.conn.close()
  }

  /**
   * A connection can die without a FIN or RST reaching us (a firewall's idle timeout, a host gone
   * from the network, a frozen proxy): the socket stays open and silent for ever. The source sends
   * a heartbeat whenever it has had nothing to send for a period, so three periods of silence (at
   * least 10 s) mean the connection is gone; the stream ends with a ReplicationError and the caller reconnects.
   * While the stream is paused (the consumer is behind) the socket is not read: that is not silence.
   */
  private watchSilence(heartbeatSeconds: number, where: string): void {
    const limitMs = Math.max(3 * heartbeatSeconds, 10) * 1000
    const tickMs = 1000
    let lastTick = performance.now()
    this.lastData = lastTick
    this.silence = setInterval(() => {
      const now = performance.now()
      // A late tick means this process, not the connection, was stalled (data may be waiting
      // unread in the socket); so does a paused stream. Neither is the source's silence.
      if (this.paused || now - lastTick > 2 * tickMs) this.lastData = now
      lastTick = now
      const silentMs = now - this.lastData
      if (silentMs < limitMs) return
      this.cut(
        new ReplicationError(
          `nothing from the source for ${(silentMs / 1000).toFixed(1)} s during the binlog dump from ${where}, not even the heartbeat it sends ` +
            `every ${heartbeatSeconds} s when idle: the connection is taken as lost`,
        ),
      )
    }, tickMs)
    this.silence.unref?.()
  }

  /**
   * Counts bytes towards the next collection: those of events decoded (their rows become garbage),
   * and those of a big packet as its socket chunks are copied into it (the chunks become garbage).
   */
  private collectAfter(bytes: number): void {
    this.sinceCollect += bytes
    if (this.sinceCollect < this.collectEvery) return
    this.sinceCollect = 0
    fullGC()
  }

  private push(payload: Buffer): void {
    this.queue.push(payload)
    this.stats.bufferedBytes += payload.length
    if (!this.paused && this.stats.bufferedBytes > this.maxBuffered) {
      this.paused = true
      this.conn.core.pause()
    }
    this.wake?.()
  }

  private finish(err?: Error): void {
    if (this.end) return
    if (this.silence) clearInterval(this.silence)
    this.end = { err }
    this.wake?.()
  }

  private take(): Buffer | undefined {
    if (this.head >= this.queue.length) return undefined
    const p = this.queue[this.head]
    this.queue[this.head++] = undefined as unknown as Buffer
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head)
      this.head = 0
    }
    this.stats.bufferedBytes -= p.length
    if (this.paused && this.stats.bufferedBytes < this.maxBuffered / 2) {
      this.paused = false
      this.conn.core.resume()
    }
    return p
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<StreamEvent> {
    for (;;) {
      const payload = this.take()
      if (payload === undefined) {
        if (this.end) {
          if (this.end.err) throw this.end.err
          return
        }
        await new Promise<void>((r) => (this.wake = r))
        this.wake = null
        continue
      }
      this.stats.bytes += payload.length
      this.collectAfter(payload.length)
      // Each payload is the OK marker 0x00 followed by one event.
      let ev = this.decoder.decode(payload, 1, payload.length, this.file || undefined, undefined)
      if (this.charsets.registry.sawUnknown() && (await this.charsets.refresh())) {
        // A collation the server added since the start (or a table map decoded before it was
        // known): decoded again with it, instead of handing its text on as bytes.
        this.decoder.charsetsChanged()
        ev = this.decoder.decode(payload, 1, payload.length, this.file || undefined, undefined)
      }
      const h = ev.header
      const body = ev.body
      if (body.kind === 'rotate') {
        this.file = body.file
        this.offset = body.position
      } else if (h.logPos > 0 && (h.flags & 0x20) === 0) {
        this.offset = h.logPos
      }
      if (body.kind === 'transaction_payload') {
        this.stats.payloads++
        for (const inner of body.events) {
          this.stats.events++
          yield { header: inner.header, body: inner.body, file: this.file, nextOffset: this.offset }
        }
        continue
      }
      this.stats.events++
      yield { header: h, body, file: this.file, nextOffset: this.offset }
    }
  }

  /** Position the stream has reached: after the last event handed out. */
  get position(): { file: string; offset: number } {
    return { file: this.file, offset: this.offset }
  }

  close(): void {
    this.finish()
    this.conn.close()
  }
}

function lostDuring(what: string, err: Error): ReplicationError {
  return new ReplicationError(`connection to the source lost during ${what}: ${err.message}`, undefined, {}, { cause: err })
}

function serverError(what: string, err: ServerErrorPacket): ReplicationError {
  return new ReplicationError(`${what} refused by the source: ${err.message} (errno ${err.errno}, state ${err.sqlState})`, err.errno)
}
