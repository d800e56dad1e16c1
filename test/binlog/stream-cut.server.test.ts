// Connections cut at the worst moments. While the stream registers as a replica (COM_REGISTER_SLAVE):
// the start ends with an error, so the caller connects again; it used to wait for an answer that
// could never come (the torture suite's random cuts hung a run for good when one fell there). Under
// a query, again and again: the client's queries reconnect each time, not only once. A connection
// that goes silent without being closed (half-open: a firewall dropped it, a host vanished): the
// stream ends after three heartbeat periods (at least 10 s) without a byte, instead of waiting for ever.

import { afterEach, describe, expect, test } from 'bun:test'
import type { Socket } from 'bun'
import { BinlogClient } from '../../src/binlog/index.ts'
import { SERVERS, SOURCES, replicaServerId } from '../support/servers.ts'

const COM_QUERY = 0x03
const COM_REGISTER_SLAVE = 0x15
const COM_BINLOG_DUMP = 0x12
const COM_BINLOG_DUMP_GTID = 0x1e

/** Forwards to `port` until the client asks for the binlog; from `afterMs` later on, the server's bytes are dropped, the sockets left open. */
function silentAfterDump(port: number, afterMs: number) {
  const sockets: Socket<unknown>[] = []
  let silent = false
  const listener = Bun.listen<{ server: Socket<undefined> | null; early: Uint8Array[] }>({
    hostname: '127.0.0.1',
    port: 0,
    socket: {
      open(client) {
        client.data = { server: null, early: [] }
        sockets.push(client)
        void Bun.connect({
          hostname: '127.0.0.1',
          port,
          socket: {
            open(server) {
              sockets.push(server)
              client.data.server = server
              for (const c of client.data.early) server.write(c)
            },
            data: (_s, chunk) => void (silent || client.write(chunk)),
            close: () => void client.end(),
          },
        })
      },
      data(client, chunk) {
        if (chunk.length > 4 && (chunk[4] === COM_BINLOG_DUMP || chunk[4] === COM_BINLOG_DUMP_GTID))
          setTimeout(() => (silent = true), afterMs)
        if (client.data.server) client.data.server.write(chunk)
        else client.data.early.push(new Uint8Array(chunk))
      },
      close: (client) => void client.data.server?.end(),
    },
  })
  return {
    port: listener.port,
    stop: () => {
      for (const s of sockets) s.terminate()
      listener.stop(true)
    },
  }
}

/** Forwards to `port` and cuts both sides when the client sends a packet of command `command`, `times` times. */
function cutAtCommand(port: number, command: number, times = Number.POSITIVE_INFINITY) {
  const pairs: [Socket<{ server: Socket<undefined> | null; early: Uint8Array[] }>, Socket<undefined> | null][] = []
  let cuts = 0
  let armed = times
  const listener = Bun.listen<{ server: Socket<undefined> | null; early: Uint8Array[] }>({
    hostname: '127.0.0.1',
    port: 0,
    socket: {
      open(client) {
        client.data = { server: null, early: [] }
        void Bun.connect({
          hostname: '127.0.0.1',
          port,
          socket: {
            open(server) {
              client.data.server = server
              for (const c of client.data.early) server.write(c)
              pairs.push([client, server])
            },
            data: (_s, chunk) => void client.write(chunk),
            close: () => void client.end(),
          },
        })
      },
      data(client, chunk) {
        // One small packet per write: 3 bytes of length, 1 of sequence, then the command byte.
        if (chunk.length > 4 && chunk[4] === command && cuts < armed) {
          cuts++
          client.terminate()
          client.data.server?.terminate()
          return
        }
        if (client.data.server) client.data.server.write(chunk)
        else client.data.early.push(new Uint8Array(chunk))
      },
      close: (client) => void client.data.server?.end(),
    },
  })
  return {
    port: listener.port,
    cuts: () => cuts,
    /** Cuts the next `n` such packets (from now on). */
    arm: (n: number) => (armed = cuts + n),
    stop: () => {
      for (const [c, s] of pairs) {
        c.terminate()
        s?.terminate()
      }
      listener.stop(true)
    },
  }
}

let stop: (() => void) | null = null
afterEach(() => {
  stop?.()
  stop = null
})

describe.each(SERVERS)('%s', (server) => {
  test('a cut during COM_REGISTER_SLAVE fails the start instead of hanging it', async () => {
    const proxy = cutAtCommand(SOURCES[server].port, COM_REGISTER_SLAVE)
    stop = proxy.stop
    const client = await BinlogClient.connect({ ...SOURCES[server], port: proxy.port })
    try {
      const at = await client.currentPosition()
      const started = client.events({ file: at.file, offset: at.offset }, { serverId: replicaServerId(), heartbeatSeconds: 1 })
      const hung = Bun.sleep(20_000).then(() => 'still waiting 20 s after the cut')
      const outcome = await Promise.race([
        started.then(
          () => 'started',
          (err: Error) => err.message,
        ),
        hung,
      ])
      expect(proxy.cuts()).toBe(1)
      expect(outcome).toContain('connection to the source lost during COM_REGISTER_SLAVE')
    } finally {
      client.close()
    }
  }, 30_000)

  test('a query cut three times in a row still gets its answer', async () => {
    const proxy = cutAtCommand(SOURCES[server].port, COM_QUERY, 0)
    stop = proxy.stop
    const client = await BinlogClient.connect({ ...SOURCES[server], port: proxy.port })
    try {
      proxy.arm(3)
      expect(await client.sql.query<{ a: string }>("SELECT 'answer' AS a")).toEqual([{ a: 'answer' }])
      expect(proxy.cuts()).toBe(3)
    } finally {
      client.close()
    }
  }, 30_000)

  test('a connection that goes silent without closing ends the stream after three heartbeat periods (at least 10 s)', async () => {
    const proxy = silentAfterDump(SOURCES[server].port, 1000)
    stop = proxy.stop
    const client = await BinlogClient.connect({ ...SOURCES[server], port: proxy.port })
    try {
      const at = await client.currentPosition()
      const stream = await client.events({ file: at.file, offset: at.offset }, { serverId: replicaServerId(), heartbeatSeconds: 1 })
      const started = performance.now()
      let events = 0
      const outcome = await Promise.race([
        (async () => {
          for await (const _ of stream) events++
          return 'ended without an error'
        })().catch((err: Error) => err.message),
        Bun.sleep(40_000).then(() => 'still waiting 40 s after the silence'),
      ])
      const seconds = (performance.now() - started) / 1000
      expect(outcome).toMatch(
        /^nothing from the source for \d+\.\d s during the binlog dump from .+, not even the heartbeat it sends every 1 s when idle: the connection is taken as lost$/,
      )
      expect(Number(outcome.match(/for (\d+\.\d) s/)![1])).toBeGreaterThanOrEqual(10)
      // Heartbeats (and the format description) arrived before the silence; then 10 s of nothing.
      expect(events).toBeGreaterThan(0)
      expect(seconds).toBeGreaterThan(10)
    } finally {
      client.close()
    }
  }, 60_000)
})
