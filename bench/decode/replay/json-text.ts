// `bun bench/decode/replay/json-text.ts CAPTURE [--docs N] [--rounds N]`: the JSON column values of a
// captured range (capture.ts), printed alone: MySQL's binary JSON → text bytes as rows decoding does it,
// with the column's key templates and without, in alternating rounds so that both see the same
// machine load. Prints the best round's ns per document for each.

import { CharsetRegistry, EventDecoder } from '../../../src/binlog/index.ts'
import { type JsonCodec, mysqlJsonCodec } from '../../../src/binlog/values/json-codec.ts'
import { JsonText } from '../../../src/model/index.ts'
import { readCapture } from './capture-file.ts'

const args = process.argv.slice(2)
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback)
const path = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'))
const wanted = option('--docs', 50_000)
const rounds = option('--rounds', 10)
if (!path || !(wanted > 0) || !(rounds > 0)) {
  console.error('usage: bun bench/decode/replay/json-text.ts CAPTURE [--docs N] [--rounds N]')
  process.exit(2)
}

// The documents, copied out of the events by a codec that only collects them.
const { meta, bytes } = readCapture(path)
const docs: Buffer[] = []
const collector: JsonCodec = {
  ...mysqlJsonCodec,
  textOf: (buf, start, end) => {
    if (docs.length < wanted) docs.push(Buffer.from(buf.subarray(start, end)))
    return JsonText.ofText('')
  },
}
const decoder = new EventDecoder({
  charsets: new CharsetRegistry(meta.collations),
  checksum: 'crc32',
  flavor: meta.flavor,
  json: collector,
})
for (let p = 4; p < bytes.length && docs.length < wanted; ) {
  const size = bytes.readUInt32LE(p + 9)
  decoder.decode(bytes, p, p + size)
  p += size
}
if (docs.length === 0) throw new Error(`${path}: no JSON documents in the range (a MariaDB capture has none)`)
const averageBytes = docs.reduce((n, d) => n + d.length, 0) / docs.length

function print(memo: ReturnType<JsonCodec['newColumnMemo']> | undefined): number {
  let chars = 0
  const began = performance.now()
  for (const d of docs) {
    const text = mysqlJsonCodec.textOf(d, 0, d.length, memo)
    chars += text.end - text.start
  }
  if (chars === 0) throw new Error('no text printed')
  return ((performance.now() - began) * 1e6) / docs.length
}

const memo = mysqlJsonCodec.newColumnMemo()
const withTemplates: number[] = []
const without: number[] = []
for (let r = 0; r < rounds; r++) {
  withTemplates.push(print(memo))
  without.push(print(undefined))
}
// The best round: on a shared machine the least disturbed one is the closest to the code's cost.
const best = (xs: number[]) => Math.min(...xs).toFixed(0)
console.log(
  `json-text ${meta.server}: ${docs.length} documents of ${averageBytes.toFixed(0)} bytes on average, best of ${rounds} rounds: ` +
    `${best(withTemplates)} ns a document with key templates, ${best(without)} ns without`,
)
