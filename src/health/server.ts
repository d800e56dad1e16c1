// Serves the health app on the UNIX socket (mode 0660) and, when configured, a TCP address.

import { chmodSync, lstatSync, unlinkSync } from 'node:fs'
import type { Server } from 'bun'
import { type HealthAppOptions, healthApp, withAbsoluteUrl } from './app.ts'
import { HealthServerError } from './errors.ts'
import { prepareSocketPath } from './socket-file.ts'

export interface HealthServerOptions extends HealthAppOptions {
  /** UNIX socket path; null for none. */
  socket: string | null
  /** TCP listener; null for none. Port 0 picks a free port. */
  tcp: { host: string; port: number } | null
}

export const SOCKET_MODE = 0o660

export class HealthServer {
  private constructor(
    private readonly servers: Server<undefined>[],
    /** The socket path, when listening on one. */
    readonly socketPath: string | null,
    /** "http://host:port/" of the TCP listener, when there is one. */
    readonly tcpUrl: string | null,
  ) {}

  static async start(opts: HealthServerOptions): Promise<HealthServer> {
    // Control requests only over the socket (file permissions guard it), never over TCP.
    const socketApp = healthApp(opts)
    const tcpApp = opts.control ? healthApp({ ...opts, control: undefined }) : socketApp
    const fetch = (req: Request) => socketApp.fetch(withAbsoluteUrl(req))
    const tcpFetch = (req: Request) => tcpApp.fetch(withAbsoluteUrl(req))
    const servers: Server<undefined>[] = []
    try {
      if (opts.socket !== null) {
        await prepareSocketPath(opts.socket)
        // The umask applies when bind() creates the file, so it is never wider than 0660; the
        // chmod then sets exactly 0660 whatever the umask was.
        const umask = process.umask(0o117)
        try {
          servers.push(Bun.serve({ unix: opts.socket, fetch }))
        } catch (err) {
          throw new HealthServerError(`cannot listen on health.socket ${opts.socket}: ${(err as Error).message}`, { cause: err })
        } finally {
          process.umask(umask)
        }
        chmodSync(opts.socket, SOCKET_MODE)
      }
      let tcpUrl: string | null = null
      if (opts.tcp !== null) {
        const { host, port } = opts.tcp
        let server: Server<undefined>
        try {
          server = Bun.serve({ hostname: host, port, fetch: tcpFetch })
        } catch (err) {
          throw new HealthServerError(`cannot listen on health.tcp ${host}:${port}: ${(err as Error).message}`, { cause: err })
        }
        servers.push(server)
        tcpUrl = `http://${host.includes(':') ? `[${host}]` : host}:${server.port}/`
      }
      return new HealthServer(servers, opts.socket, tcpUrl)
    } catch (err) {
      for (const s of servers) void s.stop(true)
      throw err
    }
  }

  /** Stops listening and removes the socket file. */
  async stop(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.stop(true)))
    if (this.socketPath !== null) {
      try {
        if (lstatSync(this.socketPath).isSocket()) unlinkSync(this.socketPath)
      } catch {
        // already gone
      }
    }
  }
}
