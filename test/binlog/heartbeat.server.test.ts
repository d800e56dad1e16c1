// With nothing to send, the source sends heartbeats at the period chsync asked for; they come out
// as keepalive items carrying the last commit position.

import { afterAll, describe, expect, test } from 'bun:test'
import { BinlogClient, type TxItem } from '../../src/binlog/index.ts'
import { SERVERS, SOURCES, replicaServerId } from '../support/servers.ts'

const clients: BinlogClient[] = []
afterAll(() => clients.forEach((c) => c.close()))

describe.each(SERVERS)('%s', (server) => {
  test('an idle source sends heartbeats', async () => {
    const client = await BinlogClient.connect(SOURCES[server])
    clients.push(client)
    const start = await client.currentPosition()
    const { stream, items } = await client.transactions(start, { serverId: replicaServerId(), heartbeatSeconds: 0.5 })
    const keepalives: TxItem[] = []
    // Ends the stream after a while even if nothing at all arrives.
    const timer = setTimeout(() => stream.close(), 8000)
    try {
      for await (const it of items) {
        if (it.kind === 'keepalive') keepalives.push(it)
        if (keepalives.length >= 2) break
      }
    } catch {
      // closed by the timer
    } finally {
      clearTimeout(timer)
      stream.close()
    }
    expect(keepalives.length).toBeGreaterThanOrEqual(2)
    const k = keepalives[0]
    if (k.kind !== 'keepalive') throw new Error('not a keepalive')
    expect(k.position.file).toBe(start.file)
  }, 20_000)
})
