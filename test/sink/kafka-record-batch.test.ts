// chsync's own RecordBatch v2 encoder against the Kafka client library's: byte for byte the same
// batch (CRC included) for the same records, readable by the library's decoder with every codec,
// murmur2 equal to the library's, and varints at their size boundaries.

import { expect, test } from 'bun:test'
import * as kafka from '@platformatic/kafka'
import { ByteWriter, varintSize } from '../../src/sink/kafka/byte-writer.ts'
import { murmur2 } from '../../src/sink/kafka/murmur2.ts'
import { type MessageEntry, NO_WHERE, type Where } from '../../src/sink/kafka/pending-messages.ts'
import { batchCodec, type MessageBytes, RecordBatchWriter } from '../../src/sink/kafka/record-batch.ts'

const TS = 1_765_000_000_123n
const where: Where = { gtid: 'g-1', position: 'bin.000001:4', gtidBytes: Buffer.from('g-1'), positionBytes: Buffer.from('bin.000001:4') }

/** Two updates (one with a 200-byte value: a 2-byte varint) and a tombstone, in buffers as PendingMessages lays them out. */
function sample(): { bytes: MessageBytes; entries: MessageEntry[] } {
  const values = ['{"kind":"update","v":1}', `{"kind":"update","v":"${'x'.repeat(200)}"}`]
  const lines = Buffer.from(values.map((v) => `${v}\n`).join(''))
  const side = Buffer.from('[7]12[8]13[8]14')
  const entry = (start: number, end: number, k: number, w: Where): MessageEntry => ({
    topic: 't',
    partition: 0,
    start,
    end,
    keyStart: k,
    keyEnd: k + 3,
    versionEnd: k + 5,
    where: w,
  })
  const second = values[0].length + 1
  return {
    bytes: { lines, side },
    entries: [entry(0, values[0].length, 0, where), entry(second, second + values[1].length, 5, where), entry(0, -1, 10, NO_WHERE)],
  }
}

/** The same records as the library's producer would be given them. */
function asMessages(bytes: MessageBytes, entries: MessageEntry[], txn: Buffer | null): kafka.MessageRecord[] {
  return entries.map((e) => {
    const headers = new Map<Buffer, Buffer>()
    if (e.where.gtidBytes) headers.set(Buffer.from('gtid'), e.where.gtidBytes)
    if (e.where.positionBytes) headers.set(Buffer.from('position'), e.where.positionBytes)
    headers.set(Buffer.from('version'), bytes.side.subarray(e.keyEnd, e.versionEnd))
    if (txn) headers.set(Buffer.from('chsync.txn'), txn)
    const value = e.end < 0 ? null : bytes.lines.subarray(e.start, e.end)
    return { topic: 't', partition: 0, key: bytes.side.subarray(e.keyStart, e.keyEnd), value: value as Buffer, headers, timestamp: TS }
  })
}

const codec = (name: 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd') => batchCodec(kafka, name)

test('the batch is byte for byte the one the client library encodes', () => {
  const { bytes, entries } = sample()
  const txn = Buffer.from('ab12cd34:7')
  const w = new ByteWriter(16)
  new RecordBatchWriter(codec('none')).write(w, bytes, entries, { producerId: 4242n, producerEpoch: 3, transactional: true }, 17, txn, TS)
  const theirs = kafka.createRecordsBatch(asMessages(bytes, entries, txn), {
    transactionalId: 'tx',
    producerId: 4242n,
    producerEpoch: 3,
    partitionLeaderEpoch: -1,
    compression: 'none',
    sequences: { getWithDefault: () => 17 } as unknown as kafka.CreateRecordsBatchOptions['sequences'],
  })
  expect(w.buf.subarray(0, w.pos).toString('hex')).toBe(theirs.buffer.toString('hex'))
})

for (const name of ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const) {
  test(`the library's decoder reads it back (${name})`, () => {
    const { bytes, entries } = sample()
    const w = new ByteWriter()
    w.int32(99) // something before: the batch is written at the writer's end
    new RecordBatchWriter(codec(name)).write(w, bytes, entries, { producerId: 9n, producerEpoch: 0, transactional: false }, 5, null, TS)
    const batch = kafka.readRecordsBatch(kafka.Reader.from(w.buf.subarray(4, w.pos)))
    expect(batch.magic).toBe(2)
    expect(batch.attributes & 0x10).toBe(0)
    expect(batch.producerId).toBe(9n)
    expect(batch.crc).toBe(kafka.crc32c(w.buf.subarray(4 + 21, w.pos)) >>> 0)
    expect(batch.firstSequence).toBe(5)
    expect(batch.records.map((r) => [r.key?.toString(), r.value?.length ? r.value.toString() : null, r.offsetDelta])).toEqual([
      ['[7]', '{"kind":"update","v":1}', 0],
      ['[8]', `{"kind":"update","v":"${'x'.repeat(200)}"}`, 1],
      ['[8]', null, 2],
    ])
    expect(batch.records[1].headers.map(([k, v]) => `${k}=${v}`)).toEqual(['gtid=g-1', 'position=bin.000001:4', 'version=13'])
    expect(batch.records[2].headers.map(([k, v]) => `${k}=${v}`)).toEqual(['version=14'])
  })
}

test('CRC-32C of the check string is the standard one', () => {
  expect(codec('none').crc32c(Buffer.from('123456789')) >>> 0).toBe(0xe3069283)
})

test('murmur2 equals the library for keys of every tail length', () => {
  for (let len = 0; len < 64; len++) {
    const key = Buffer.from(Array.from({ length: len }, (_, i) => (i * 37 + len * 11) & 0xff))
    expect(murmur2(key)).toBe(kafka.murmur2(key))
    const padded = Buffer.concat([Buffer.from('xx'), key, Buffer.from('yy')])
    expect(murmur2(padded, 2, 2 + len)).toBe(kafka.murmur2(key))
  }
})

test('zig-zag varints at their size boundaries', () => {
  for (const [v, hex] of [
    [0, '00'],
    [-1, '01'],
    [1, '02'],
    [63, '7e'],
    [64, '8001'],
    [-65, '8101'],
    [8191, 'fe7f'],
    [8192, '808001'],
    [2147483647, 'feffffff0f'],
    [-2147483648, 'ffffffff0f'],
  ] as const) {
    const w = new ByteWriter(1)
    w.varint(v)
    expect(w.buf.subarray(0, w.pos).toString('hex')).toBe(hex)
    expect(varintSize(v)).toBe(w.pos)
  }
})
