// Watches the frames of the replication connection as they arrive, beside mysql2, to bound the
// size of one packet. A packet longer than 16 MiB - 1 comes as frames of exactly 0xffffff bytes
// ended by a shorter one, and mysql2 keeps every frame in memory until that end: a source (or
// something in between) sending full frames without end would grow memory without limit.
//
// Frame: payload length u24 LE, sequence id u8, then the payload. The watch must start at a
// frame boundary: it is attached before the dump request is sent, when nothing is in flight.

export class PacketSizeWatch {
  private readonly header = Buffer.alloc(4)
  private headerBytes = 0
  /** Payload bytes of the current frame still to come. */
  private rest = 0
  /** The current frame is a full one: the packet goes on in the next. */
  private continues = false
  /** Payload bytes of the packet being assembled, counting the current frame whole. */
  private packetBytes = 0
  private tripped = false

  constructor(
    private readonly limit: number,
    private readonly onTooLarge: (bytesAnnounced: number) => void,
  ) {}

  feed(chunk: Uint8Array): void {
    let p = 0
    while (p < chunk.length && !this.tripped) {
      if (this.rest > 0) {
        const n = Math.min(this.rest, chunk.length - p)
        this.rest -= n
        p += n
        if (this.rest === 0 && !this.continues) this.packetBytes = 0
        continue
      }
      this.header[this.headerBytes++] = chunk[p++]!
      if (this.headerBytes < 4) continue
      this.headerBytes = 0
      const length = this.header.readUIntLE(0, 3)
      this.continues = length === 0xffffff
      this.packetBytes += length
      // Refused on the frame's announcement, before its bytes are held anywhere.
      if (this.packetBytes > this.limit) {
        this.tripped = true
        this.onTooLarge(this.packetBytes)
        return
      }
      this.rest = length
      if (length === 0 && !this.continues) this.packetBytes = 0
    }
  }
}
