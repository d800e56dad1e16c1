// With nothing to send, the source sends heartbeats at the period chsync asked for; they come out
// as keepalive items carrying the last commit position. The source is a quiet instance of its own:
// a shared server is kept busy by other tests, and a source with events to send sends no heartbeat.

import { afterEach, describe, expect, test } from 'bun:test'
import { BinlogClient, type TxItem } from '../../src/binlog/index.ts'
import { type ServerInstance, quietInstance } from '../servers/instance.ts'
import { SERVERS, replicaServerId } from '../support/servers.ts'

let client: BinlogClient | null = null
let source: ServerInstance | null = null
// A clean shutdown of a loaded server takes longer than a hook's default 5 s.
afterEach(async () => {
  client?.close()
  await source?.stop()
  client = null
  source = null
}, 60_000)

describe.each(SERVERS)('%s', (server) => {
  test('an idle source sends heartbeats', async () => {
    source = quietInstance(server)
    await source.start()
    client = await BinlogClient.connect(source.source)
    const start = await client.currentPosition()
    const { stream, items } = await client.transactions(start, { serverId: replicaServerId(), heartbeatSeconds: 0.5 })
    const seen: TxItem[] = []
    // Ends the stream after a while even if nothing at all arrives.
    const timer = setTimeout(() => stream.close(), 8000)
    try {
      for await (const it of items) {
        seen.push(it)
        if (seen.filter((i) => i.kind === 'keepalive').length >= 2) break
      }
    } catch {
      // closed by the timer
    } finally {
      clearTimeout(timer)
      stream.close()
    }
    // Nothing but keepalives: nobody wrote to this source.
    expect(seen.map((i) => i.kind)).toEqual(['keepalive', 'keepalive'])
    const k = seen[0]
    if (k.kind !== 'keepalive') throw new Error('not a keepalive')
    expect(k.position.file).toBe(start.file)
  }, 120_000)
})
