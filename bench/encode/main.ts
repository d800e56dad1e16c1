// `make bench-encode`: encode throughput of an 8-column mixed row (INT, BIGINT, VARCHAR, DECIMAL,
// DATETIME(3), DOUBLE, ENUM, nullable DATE) into RowBinary, of bench/decode's 12-column row (the
// cells its binlog decodes to, JSON included: the row bench-stream's (d) case streams), and of
// keyHash, in one process with no server. Prints the figures (it was a test with floors on them;
// timings are not a test's business).

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

// bench/decode's table (workload.ts) as MySQL's binlog decodes it: TIMESTAMP in UTC, JSON as text.
const DECODE_COLUMNS: ColumnDef[] = [
  { ...BASE, index: 0, name: 'id', type: ColumnType.LONGLONG },
  { ...BASE, index: 1, name: 'account', type: ColumnType.LONG },
  { ...BASE, index: 2, name: 'seq', type: ColumnType.LONGLONG },
  { ...BASE, index: 3, name: 'amount', type: ColumnType.LONGLONG, unsigned: true },
  { ...BASE, index: 4, name: 'price', type: ColumnType.NEWDECIMAL, precision: 12, scale: 2 },
  { ...BASE, index: 5, name: 'name', type: ColumnType.VARCHAR, collation: 255, length: 256 },
  { ...BASE, index: 6, name: 'created', type: ColumnType.DATETIME2, fsp: 6 },
  { ...BASE, index: 7, name: 'updated', type: ColumnType.TIMESTAMP2, nullable: true },
  { ...BASE, index: 8, name: 'score', type: ColumnType.DOUBLE, nullable: true },
  { ...BASE, index: 9, name: 'flag', type: ColumnType.TINY },
  {
    ...BASE,
    index: 10,
    name: 'status',
    type: ColumnType.ENUM,
    enumValues: ['new', 'paid', 'shipped', 'delivered', 'cancelled'],
    length: 1,
  },
  { ...BASE, index: 11, name: 'doc', type: ColumnType.JSON, nullable: true },
]

const pad = (n: number, w = 2) => String(n).padStart(w, '0')
const DECODE_ROWS: Row[] = Array.from({ length: 1000 }, (_, k) => {
  const i = 500_000 + k
  const created = new Date(Date.UTC(2024, 0, 1) + i * 1234.567)
  const updated = new Date((1_700_000_000 + i) * 1000)
  const stamp = (d: Date) =>
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  const cents = (((i * 37) % 1_000_000_000) * (i % 7 === 0 ? -1 : 1)) / 100
  return [
    BigInt(i),
    ((i * 7919) % 2000001) - 1000000,
    i % 2 === 0 ? BigInt(i) * 4294967311n : -BigInt(i) * 2147483659n,
    i % 3 === 0 ? 18446744073709551615n - BigInt(i) : BigInt(i) * 1000003n,
    cents.toFixed(2),
    `${['Ana', 'Bjørn', 'Zoë', '李小龍'][i % 4]} customer #${i}`,
    `${stamp(created)}.${pad(created.getUTCMilliseconds(), 3)}${pad((i * 567) % 1000, 3)}`,
    i % 5 === 0 ? null : stamp(updated),
    i % 11 === 0 ? null : i / 7,
    (i % 256) - 128,
    ['new', 'paid', 'shipped', 'delivered', 'cancelled'][i % 5],
    i % 10 === 0 ? null : `{"id": ${i}, "qty": ${i % 17}, "sku": "SKU-${i % 9973}", "gift": ${i % 2 === 0}, "tags": ["a", "b"]}`,
  ]
})

/**
 * The best rate of batches of 10,000 calls over `seconds`: on a machine shared with other work the
 * best batch is the one least disturbed by it, steadier than the mean.
 */
function rate(seconds: number, body: (n: number) => void): number {
  const batch = 10_000
  let best = 0
  const start = performance.now()
  while (performance.now() - start < seconds * 1000) {
    const t = performance.now()
    body(batch)
    best = Math.max(best, batch / ((performance.now() - t) / 1000))
  }
  return best
}

function encodeRate(what: string, columns: ColumnDef[], rows: Row[]): void {
  const encoder = new RowEncoder(columns.map((c) => mapColumn(c, { jsonType: 'String' })))
  const w = new RowBinaryWriter(1 << 22)
  let version = 0n
  const run = (n: number) => {
    w.reset()
    for (let k = 0; k < n; k++) encoder.encode(w, rows[k % rows.length], ++version, false)
  }
  rate(0.3, run) // warm-up: let the JIT compile the encoders
  const rowsPerSecond = rate(2, run)
  const bytesPerRow = w.length / 10_000
  console.log(
    `${what}: ${Math.round(rowsPerSecond).toLocaleString('en')} rows/s (${(1e9 / rowsPerSecond).toFixed(0)} ns/row), ${bytesPerRow.toFixed(1)} bytes/row, ${((rowsPerSecond * bytesPerRow) / 1e6).toFixed(0)} MB/s`,
  )
}

encodeRate('encode', COLUMNS, ROWS)
encodeRate('encode bench-decode row', DECODE_COLUMNS, DECODE_ROWS)

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
