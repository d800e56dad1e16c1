// What capture.ts writes beside the binlog bytes (OUT.json), and how replay.ts reads both back.

import { readFileSync } from 'node:fs'
import type { Flavor } from '../../../src/binlog/index.ts'
import type { TestServer } from '../../../test/support/servers.ts'
import type { BenchRange } from '../range.ts'

export interface Capture {
  server: TestServer
  flavor: Flavor
  /** The source's (collation id, character set) list, as BinlogClient read it. */
  collations: [number, string][]
  range: BenchRange
}

export function readCapture(path: string): { meta: Capture; bytes: Buffer } {
  const meta = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as Capture
  const bytes = readFileSync(path)
  if (bytes.readUInt32BE(0) !== 0xfe62696e) throw new Error(`${path}: not a binlog capture (no 0xfe 'bin' magic)`)
  return { meta, bytes }
}
