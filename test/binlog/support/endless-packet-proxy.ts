// Fault injection for the packet bound: a TCP proxy on loopback in front of a real source that
// passes the handshake and queries through, and answers the binlog dump request itself with
// full 16 MiB frames that never end one packet (each frame says "more follows"), the first
// starting with an event header that announces `eventBytes`. The real server never does this; a
// broken network device or a hostile peer can.

import { type Server, type Socket, connect, createServer } from 'node:net'

const FULL = 0xffffff
const COM_BINLOG_DUMP = 0x12
const COM_BINLOG_DUMP_GTID = 0x1e

export class EndlessPacketProxy {
  /** Bytes of endless frames the client's socket accepted before it was closed. */
  sentBytes = 0
  /** Resolves when the client closed the connection during the flood. */
  readonly cut: Promise<void>
  private markCut!: () => void
  private readonly server: Server
  private readonly sockets: Socket[] = []

  private constructor(
    upstreamHost: string,
    upstreamPort: number,
    private readonly eventBytes: number,
  ) {
    this.cut = new Promise((resolve) => (this.markCut = resolve))
    this.server = createServer((client) => {
      const upstream = connect(upstreamPort, upstreamHost)
      this.sockets.push(client, upstream)
      upstream.on('data', (d) => client.write(d))
      upstream.on('error', () => client.destroy())
      upstream.on('close', () => client.destroy())
      client.on('error', () => upstream.destroy())
      client.on('close', () => upstream.destroy())
      // Frames from the client: passed on, except the dump request.
      let pending = Buffer.alloc(0)
      client.on('data', (d: Buffer) => {
        pending = Buffer.concat([pending, d])
        while (pending.length >= 4) {
          const length = pending.readUIntLE(0, 3)
          if (pending.length < 4 + length) break
          const frame = pending.subarray(0, 4 + length)
          pending = pending.subarray(4 + length)
          const seq = frame[3]
          const command = frame[4]
          if (seq === 0 && (command === COM_BINLOG_DUMP || command === COM_BINLOG_DUMP_GTID)) void this.flood(client)
          else upstream.write(frame)
        }
      })
    })
  }

  static async start(upstreamHost: string, upstreamPort: number, eventBytes: number): Promise<EndlessPacketProxy> {
    const proxy = new EndlessPacketProxy(upstreamHost, upstreamPort, eventBytes)
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve))
    return proxy
  }

  get port(): number {
    return (this.server.address() as { port: number }).port
  }

  /** Full frames, sequence ids from 1, until the client goes away. */
  private async flood(client: Socket): Promise<void> {
    // An OK marker (0x00), an event header of a WRITE_ROWS event announcing its size, then zeros.
    const payload = Buffer.alloc(FULL)
    payload[5] = 0x1e
    payload.writeUInt32LE(this.eventBytes, 10)
    let seq = 1
    while (!client.destroyed) {
      const header = Buffer.from([0xff, 0xff, 0xff, seq & 0xff])
      seq++
      const more = client.write(header) && client.write(payload)
      this.sentBytes += 4 + FULL
      if (!more)
        await new Promise<void>((resolve) => {
          client.once('drain', resolve)
          client.once('close', resolve)
        })
    }
    this.markCut()
  }

  close(): void {
    for (const s of this.sockets) s.destroy()
    this.server.close()
  }
}
