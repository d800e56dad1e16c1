// `bun bench/decode/replay/replay.ts CAPTURE [--rows N]`: decodes a captured bench-decode range
// (capture.ts) in this process, from memory, with no server and no socket: the decoder's own cost,
// repeatable enough for `valgrind --tool=callgrind` and `bun --cpu-prof`. Stops after N row changes
// of the bench table when given (a profile of two sizes, subtracted, gives the cost per row
// without the start-up); without it, checks that every row change of the range was seen.

import { CharsetRegistry, EventDecoder } from '../../../src/binlog/index.ts'
import type { DecodeResult } from '../measure.ts'
import { DATABASE, TABLE } from '../servers.ts'
import { tallyRows } from '../tally.ts'
import { readCapture } from './capture-file.ts'

const args = process.argv.slice(2)
const path = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--rows')
const limit = args.includes('--rows') ? Number(args[args.indexOf('--rows') + 1]) : Number.POSITIVE_INFINITY
if (!path || !(limit > 0)) {
  console.error('usage: bun bench/decode/replay/replay.ts CAPTURE [--rows N]')
  process.exit(2)
}

const { meta, bytes } = readCapture(path)
const decoder = new EventDecoder({ charsets: new CharsetRegistry(meta.collations), checksum: 'crc32', flavor: meta.flavor })
const result: DecodeResult = { inserts: 0, updates: 0, deletes: 0, values: 0, seconds: 0, peakRssMb: 0 }
const began = performance.now()
let events = 0
for (let p = 4; p < bytes.length && result.inserts + result.updates + result.deletes < limit; events++) {
  const size = bytes.readUInt32LE(p + 9)
  tallyRows(result, decoder.decode(bytes, p, p + size).body, DATABASE, TABLE)
  p += size
}
const seconds = (performance.now() - began) / 1000
const rows = result.inserts + result.updates + result.deletes
const r = meta.range
if (limit === Number.POSITIVE_INFINITY && (result.inserts !== r.inserts || result.updates !== r.updates || result.deletes !== r.deletes))
  throw new Error(
    `decoded ${result.inserts}/${result.updates}/${result.deletes} inserts/updates/deletes, the range holds ${r.inserts}/${r.updates}/${r.deletes}`,
  )
console.log(
  `replay ${meta.server}: ${rows} row changes, ${result.values} non-null values, ${events} events in ${seconds.toFixed(3)} s: ` +
    `${Math.round(rows / seconds).toLocaleString('en-US')} rows/s`,
)
