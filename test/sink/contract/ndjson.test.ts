// The ndjson sink against the Sink contract, twice: into a file (read back from the file) and to
// an HTTP endpoint on loopback (read back from what it received; its flush failure is the endpoint
// answering 503, retryable, then healed).

import { afterAll } from 'bun:test'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLogger } from '../../../src/log/index.ts'
import { FileOutput, HttpOutput, NdjsonSink } from '../../../src/sink/ndjson/index.ts'
import { feedOfLines, sinkContract } from './contract.ts'

const dir = mkdtempSync(join(tmpdir(), 'chsync-i17b-contract-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const linesOf = (text: string) => text.split('\n').filter((l) => l.length > 0)

sinkContract({
  name: 'ndjson sink (file)',
  faults: false,
  async open(tag) {
    const path = join(dir, `${tag}.ndjson`)
    const sink = new NdjsonSink({ output: new FileOutput(path, 1 << 30), includeBefore: false, log: silentLogger })
    await sink.start()
    return {
      sink,
      read: async () => ({ feed: feedOfLines(linesOf(readFileSync(path, 'utf8'))) }),
      close: () => sink.close(),
    }
  },
})

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
