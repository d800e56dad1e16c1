// The ndjson sink into a file against the Sink contract, read back from the file (a file has no
// failure to inject here; the HTTP endpoint's run, ndjson-http.server.test.ts, covers that case).

import { afterAll } from 'bun:test'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLogger } from '../../../src/log/index.ts'
import { FileOutput, NdjsonSink } from '../../../src/sink/ndjson/index.ts'
import { feedOfLines, sinkContract } from './contract.ts'

const dir = mkdtempSync(join(tmpdir(), 'chsync-contract-'))
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
