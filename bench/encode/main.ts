// `make bench-encode`: encode throughput of an 8-column mixed row (INT, BIGINT, VARCHAR, DECIMAL,
// DATETIME(3), DOUBLE, ENUM, nullable DATE) into RowBinary, and of keyHash, in one process with no
// server. Prints the figures (it was a test with floors on them; timings are not a test's business).

import { type ColumnDef, ColumnType, type Row } from '../../src/model/index.ts'
import { mapColumn } from '../../src/schema/types/index.ts'
import { RowBinaryWriter, RowEncoder, keyHash } from '../../src/sink/clickhouse/encode/index.ts'

const BASE = { meta: 0, unsigned: false, length: 0, precision: 0, scale: 0, fsp: 0, bits: 0, visible: true, nullable: false }
const COLUMNS: ColumnDef[] = [
  { ...BASE, index: 0, name: 'id', type: ColumnType.LONG },
  { ...BASE, index: 1, name: 'account', type: ColumnType.LONGLONG },
  { ...BASE, index: 2, name: 'email', type: ColumnType.VARCHAR, nullable: true, collation: 255, length: 400 },
  { ...BASE, index: 3, name: 'amount', type: ColumnType.NEWDECIMAL, precision: 12, scale: 2 },
  { ...BASE, index: 4, name: 'created', type: ColumnType.DATETIME2, fsp: 3 },
  { ...BASE, index: 5, name: 'score', type: ColumnType.DOUBLE, nullable: true },
  { ...BASE, index: 6, name: 'status', type: ColumnType.ENUM, enumValues: ['new', 'paid'], length: 1 },
  { ...BASE, index: 7, name: 'day', type: ColumnType.DATE, nullable: true },
]

const ROWS: Row[] = Array.from({ length: 1000 }, (_, i) => [
  i,
  BigInt(i) * 1000003n,
  `customer-${i}@example.com`,
  `${i * 7}.${String(i % 100).padStart(2, '0')}`,
  `2024-02-29 12:34:${String(i % 60).padStart(2, '0')}.123`,
  i * 1.5,
  i % 2 ? 'paid' : 'new',
  i % 7 ? '2024-01-15' : null,
])

function rate(seconds: number, body: (n: number) => void): number {
  const batch = 100_000
  let n = 0
  const start = performance.now()
  while (performance.now() - start < seconds * 1000) {
    body(batch)
    n += batch
  }
  return n / ((performance.now() - start) / 1000)
}

{
  const encoder = new RowEncoder(COLUMNS.map((c) => mapColumn(c, { jsonType: 'String' })))
  const w = new RowBinaryWriter(1 << 22)
  let version = 0n
  const run = (n: number) => {
    w.reset()
    for (let k = 0; k < n; k++) encoder.encode(w, ROWS[k % 1000], ++version, false)
  }
  rate(0.3, run) // warm-up: let the JIT compile the encoders
  const rowsPerSecond = rate(1, run)
  const bytesPerRow = w.length / 100_000
  console.log(
    `encode: ${Math.round(rowsPerSecond).toLocaleString('en')} rows/s, ${bytesPerRow.toFixed(1)} bytes/row, ${((rowsPerSecond * bytesPerRow) / 1e6).toFixed(0)} MB/s`,
  )
}

{
  let x = 0n
  const run = (n: number) => {
    for (let k = 0; k < n; k++) x ^= keyHash(ROWS[k % 1000])
  }
  rate(0.2, run)
  const rowsPerSecond = rate(1, run)
  // The hashes are folded into one value and printed so the loop cannot be optimised away.
  console.log(`keyHash: ${Math.round(rowsPerSecond).toLocaleString('en')} rows/s (fold ${x.toString(16)})`)
}
