// The ndjson sink to an HTTP endpoint on loopback against the Sink contract: read back from what the
// endpoint received; its flush failure is the endpoint answering 503, retryable, then healed. (A
// server test: it needs the loopback, which make unit runs without.)

import { silentLogger } from '../../../src/log/index.ts'
import { HttpOutput, NdjsonSink } from '../../../src/sink/ndjson/index.ts'
import { feedOfLines, sinkContract } from './contract.ts'

const linesOf = (text: string) => text.split('\n').filter((l) => l.length > 0)

sinkContract({
  name: 'ndjson sink (HTTP)',
  async open() {
    const received: string[] = []
    let failing = false
    const server = Bun.serve({
      hostname: '127.0.0.1',
      port: 0,
      async fetch(req) {
        if (failing) return new Response('down for the test', { status: 503 })
        received.push(...linesOf(await req.text()))
        return new Response('ok')
      },
    })
    const output = new HttpOutput({ url: `http://127.0.0.1:${server.port}/feed`, batchLines: 1000, retries: 0 })
    const sink = new NdjsonSink({ output, includeBefore: false, log: silentLogger })
    await sink.start()
    return {
      sink,
      read: async () => ({ feed: feedOfLines(received) }),
      fault: {
        expected: 'retryable',
        inject: async () => void (failing = true),
        heal: async () => void (failing = false),
      },
      async close() {
        await sink.close()
        server.stop(true)
      },
    }
  },
})
