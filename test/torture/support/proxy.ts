// A TCP proxy on loopback between chsync and a server, for fault injection: pass traffic, go
// down (refuse and drop connections), or cut connections at random moments, mid-packet.

import type { Socket, TCPSocketListener } from 'bun'

export type ProxyMode = 'pass' | 'down'

interface Link {
  client: Socket<Link>
  server: Socket<undefined> | null
  /** Bytes not yet accepted by each side (a socket write may take only part of a chunk). */
  toServer: Uint8Array[]
  toClient: Uint8Array[]
}

/** Writes what it can and keeps the rest, in order, for the next drain. */
function send(socket: Socket<Link> | Socket<undefined> | null, queue: Uint8Array[], chunk?: Uint8Array): void {
  if (chunk) queue.push(new Uint8Array(chunk))
  if (!socket) return
  while (queue.length) {
    const head = queue[0]
    const n = socket.write(head)
    if (n < head.length) {
      queue[0] = head.subarray(Math.max(n, 0))
      return
    }
    queue.shift()
  }
}

export class FaultProxy {
  private listener: TCPSocketListener<Link> | null = null
  private readonly links = new Set<Link>()
  mode: ProxyMode = 'pass'
  cuts = 0
  private cutTimer: ReturnType<typeof setInterval> | null = null

  constructor(
    private readonly targetPort: number,
    private readonly rand: () => number = Math.random,
    /** Terminate TLS here (PEM certificate and key) and forward plain TCP. */
    private readonly tls?: { cert: string; key: string },
  ) {}

  get port(): number {
    return this.listener!.port
  }

  start(): this {
    const self = this
    this.listener = Bun.listen<Link>({
      hostname: '127.0.0.1',
      port: 0,
      ...(this.tls ? { tls: this.tls } : {}),
      socket: {
        open(client) {
          if (self.mode === 'down') {
            client.end()
            return
          }
          const link: Link = { client, server: null, toServer: [], toClient: [] }
          client.data = link
          self.links.add(link)
          Bun.connect({
            hostname: '127.0.0.1',
            port: self.targetPort,
            socket: {
              open(server) {
                link.server = server
                send(server, link.toServer)
              },
              data(_s, chunk) {
                send(link.client, link.toClient, chunk)
              },
              drain(server) {
                send(server, link.toServer)
              },
              close() {
                self.drop(link)
              },
              error() {
                self.drop(link)
              },
            },
          }).catch(() => self.drop(link))
        },
        data(client, chunk) {
          const link = client.data
          send(link.server, link.toServer, chunk)
        },
        drain(client) {
          send(client, client.data.toClient)
        },
        close(client) {
          if (client.data) self.drop(client.data)
        },
        error(client) {
          if (client.data) self.drop(client.data)
        },
      },
    })
    return this
  }

  private drop(link: Link): void {
    if (!this.links.delete(link)) return
    link.client.end()
    link.server?.end()
  }

  /** Cuts every open connection now (whatever is in flight is lost halfway). */
  cutAll(): void {
    for (const link of [...this.links]) {
      this.cuts++
      link.client.terminate()
      link.server?.terminate()
      this.links.delete(link)
    }
  }

  /** Cuts the connections at random moments, on average every `meanMs`. */
  cutRandomly(meanMs: number): void {
    this.stopCutting()
    const tick = 50
    this.cutTimer = setInterval(() => {
      if (this.rand() < tick / meanMs) this.cutAll()
    }, tick)
  }

  stopCutting(): void {
    if (this.cutTimer) clearInterval(this.cutTimer)
    this.cutTimer = null
  }

  /** Refuses new connections and drops the open ones until `up()`. */
  down(): void {
    this.mode = 'down'
    this.cutAll()
  }

  up(): void {
    this.mode = 'pass'
  }

  stop(): void {
    this.stopCutting()
    this.cutAll()
    this.listener?.stop(true)
  }
}
