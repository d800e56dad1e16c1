// Cuts the binlog dump's answer into packets, in mysql2's packet parser's place, so that a packet
// is held once: a small one as a view into the socket's chunk, a big one in one buffer of its size.
//
// Frame: payload length u24 LE, sequence id u8 (one more than the frame before, modulo 256), then
// the payload. A payload of exactly 0xffffff bytes says the packet goes on in the next frame; a
// shorter one (possibly empty) ends it. An event packet is the OK marker 0x00 and one binlog event,
// whose header holds the event's length (u32 LE at byte 9 of the event, 10 of the payload): so a
// packet of several frames is allocated at its full size as soon as its first 14 bytes are in,
// instead of keeping each frame and joining them at the end.

const FULL = 0xffffff
/** The OK marker and the event header up to and including its length. */
const HEAD = 14

export interface FrameHandler {
  /** One event packet's payload (0x00 + the event). */
  onPacket(payload: Buffer): void
  /**
   * A packet that is not an event (EOF, ERR): `rest` holds its frame from the header on, and what
   * followed it in the chunk. The framer stops there; whoever reads the rest starts at `rest`.
   */
  onOther(rest: Buffer): void
  /** An event announced larger than the limit, refused before its bytes are held. The framer stops. */
  onTooLarge(bytes: number): void
  /** Frames that break the format (sequence, lengths). The framer stops. */
  onMalformed(message: string): void
  /**
   * Bytes copied into a packet of BIG_PACKET bytes or more as they arrive: the socket's chunks they
   * came in are garbage from then on, as many bytes again as the packet by its end.
   */
  onBigCopy?(bytes: number): void
}

/** Packets from this size on report their copying (onBigCopy). */
export const BIG_PACKET = 1 << 20

export class DumpFramer {
  private readonly header = Buffer.alloc(4)
  private headerBytes = 0
  /** The next frame's sequence id: the request went out as 0. */
  private seq = 1
  /** Payload bytes of the current frame still to come (0: a header is next). */
  private frameRest = 0
  /** The current frame is a full one: the packet goes on in the next. */
  private continues = false
  /** The packet being assembled, its size, and its bytes in so far. */
  private packet: Buffer | null = null
  private total = 0
  private filled = 0
  /** A packet of several frames before its size is known: its first bytes. */
  private readonly head = Buffer.alloc(HEAD)
  private headBytes = -1
  private stopped = false

  constructor(
    private readonly limit: number,
    private readonly handler: FrameHandler,
  ) {}

  feed(chunk: Buffer): void {
    let p = 0
    while (p < chunk.length && !this.stopped) {
      if (this.frameRest === 0) {
        const n = Math.min(4 - this.headerBytes, chunk.length - p)
        chunk.copy(this.header, this.headerBytes, p, p + n)
        this.headerBytes += n
        p += n
        if (this.headerBytes === 4) {
          this.headerBytes = 0
          p = this.frame(chunk, p)
        }
        continue
      }
      const n = Math.min(this.frameRest, chunk.length - p)
      if (this.headBytes >= 0) {
        const k = Math.min(n, HEAD - this.headBytes)
        chunk.copy(this.head, this.headBytes, p, p + k)
        this.headBytes += k
        this.frameRest -= k
        p += k
        if (this.headBytes === HEAD) this.sized()
        continue
      }
      chunk.copy(this.packet!, this.filled, p, p + n)
      if (this.total >= BIG_PACKET) this.handler.onBigCopy?.(n)
      this.filled += n
      this.frameRest -= n
      p += n
      if (this.frameRest === 0 && !this.continues) this.complete()
    }
  }

  /** A frame header is in; `p` is where its payload starts in `chunk`. Returns where to go on. */
  private frame(chunk: Buffer, p: number): number {
    const length = this.header.readUIntLE(0, 3)
    const seq = this.header[3]!
    if (seq !== this.seq) return this.malformed(`frame with sequence id ${seq} where ${this.seq} was due`)
    this.seq = (this.seq + 1) & 0xff
    const first = this.packet === null && this.headBytes < 0
    this.continues = length === FULL
    this.frameRest = length
    if (!first) {
      if (this.packet !== null && this.filled + length > this.total)
        return this.malformed(`a packet runs past the ${this.total} bytes its event header announces`)
      if (length === 0) this.complete()
      return p
    }
    if (length === 0 || p >= chunk.length) {
      // The marker is not here yet: a packet's first byte decides who reads it. Rare enough to
      // take the simple road: the header goes back into the next chunk.
      if (length === 0) return this.malformed('an empty packet in the binlog dump')
      this.seq = seq
      this.frameRest = 0
      this.headerBytes = 4
      return p
    }
    if (chunk[p] !== 0x00) {
      if (this.continues) return this.malformed(`a packet of 16 MiB or more that is not an event (marker 0x${chunk[p]!.toString(16)})`)
      this.stopped = true
      this.handler.onOther(Buffer.concat([this.header, chunk.subarray(p)]))
      return chunk.length
    }
    if (this.continues) {
      this.headBytes = 0
      return p
    }
    if (length > this.limit) return this.tooLarge(length)
    if (chunk.length - p >= length) {
      // The whole packet is in this chunk: handed on as a view, no copy.
      this.frameRest = 0
      this.handler.onPacket(chunk.subarray(p, p + length))
      return p + length
    }
    this.start(length)
    return p
  }

  /** A packet of several frames: its size is known from the event header in `head`. */
  private sized(): void {
    const total = 1 + this.head.readUInt32LE(10)
    this.headBytes = -1
    if (total > this.limit) {
      this.tooLarge(total)
      return
    }
    if (total < FULL) {
      this.malformed(`a packet of full frames whose event header announces only ${total - 1} bytes`)
      return
    }
    this.start(total)
    this.head.copy(this.packet!, 0)
    this.filled = HEAD
  }

  private start(total: number): void {
    this.packet = Buffer.allocUnsafe(total)
    this.total = total
    this.filled = 0
  }

  private complete(): void {
    const packet = this.packet!
    this.packet = null
    if (this.filled !== this.total) {
      this.malformed(`a packet ends after ${this.filled} of the ${this.total} bytes its event header announces`)
      return
    }
    this.handler.onPacket(packet)
  }

  private tooLarge(bytes: number): number {
    this.stopped = true
    this.handler.onTooLarge(bytes)
    return Number.POSITIVE_INFINITY
  }

  private malformed(message: string): number {
    this.stopped = true
    this.handler.onMalformed(message)
    return Number.POSITIVE_INFINITY
  }
}
