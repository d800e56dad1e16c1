// A command in mysql2's command queue that sends one replication request and hands every answer
// packet to us. mysql2 keeps the connection, TLS and authentication; the replication protocol is
// ours, and the binlog dump's framing too (the handler takes the socket's bytes once the request
// is sent, and gives mysql2 back the last packet, EOF or ERR, which ends the command here).

import { EventEmitter } from 'node:events'
import { type ServerErrorPacket, parseErrorPacket } from './packets.ts'

/** What mysql2 hands a command: a packet object whose payload is buffer[offset..end). */
interface Mysql2Packet {
  buffer: Buffer
  offset: number
  end: number
}

/** The parts of mysql2's Connection a command uses. */
export interface Mysql2Core {
  writePacket(packet: { buffer: Buffer; length(): number; writeHeader(seq: number): void }): void
  _resetSequenceId(): void
  addCommand(cmd: object): object
  pause(): void
  resume(): void
  destroy(): void
  stream: { destroyed?: boolean }
  /** What cuts the socket's bytes into packets: the dump puts its own in place (DumpFramer). */
  packetParser: { execute(chunk: Buffer): void }
  /** The sequence id mysql2 expects of the next frame it parses. */
  sequenceId: number
}

export interface ReplicationHandler {
  /** The request went out: from here the answer's bytes may be read by the handler itself. */
  onSent?(connection: Mysql2Core): void
  /** Payload of an answer packet (for a dump: 0x00 + one binlog event). */
  onPacket(payload: Buffer): void
  /** The server ended the exchange: EOF (err undefined) or an error packet. */
  onEnd(err?: ServerErrorPacket): void
  /** The connection failed before the exchange ended (cut, reset, closed). */
  onLost(err: Error): void
}

/** Wraps a payload in a mysql2-compatible outgoing packet (4 bytes of room for the frame header). */
function outgoing(payload: Buffer) {
  const buffer = Buffer.alloc(4 + payload.length)
  payload.copy(buffer, 4)
  return {
    buffer,
    length: () => buffer.length,
    writeHeader(seq: number) {
      buffer.writeUIntLE(payload.length, 0, 3)
      buffer[3] = seq
    },
  }
}

export class ReplicationCommand extends EventEmitter {
  private started = false
  private done = false

  constructor(
    private readonly request: Buffer,
    private readonly handler: ReplicationHandler,
    /** True when one OK packet ends the exchange (COM_REGISTER_SLAVE). */
    private readonly single = false,
  ) {
    super()
  }

  /** Called by mysql2 with no packet when the command starts, then once per answer packet. */
  execute(packet: Mysql2Packet | undefined, connection: Mysql2Core): boolean {
    if (!this.started) {
      this.started = true
      connection._resetSequenceId()
      connection.writePacket(outgoing(this.request))
      this.handler.onSent?.(connection)
      return false
    }
    if (!packet || this.done) return this.done
    const payload = packet.buffer.subarray(packet.offset, packet.end)
    const marker = payload[0]
    if (marker === 0xff) return this.finish(parseErrorPacket(payload))
    if (marker === 0xfe && payload.length < 9) return this.finish()
    this.handler.onPacket(payload)
    return this.single ? this.finish() : false
  }

  /**
   * mysql2 calls this on the commands it holds when the connection fails. Without it the failure
   * reached only the connection's 'error' event, and whoever awaited this exchange (the stream's
   * COM_REGISTER_SLAVE) waited forever: a cut at that moment hung the stream for good.
   */
  onResult(err?: Error): void {
    if (this.done) return
    this.done = true
    this.handler.onLost(err ?? new Error('the connection closed'))
    this.emit('end')
  }

  private finish(err?: ServerErrorPacket): boolean {
    this.done = true
    this.handler.onEnd(err)
    this.emit('end')
    return true
  }
}
